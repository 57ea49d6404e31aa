import type { renderDocx as RenderDocx } from './render-docx';
import type { renderPdf as RenderPdf } from './render-pdf';

// The PDF and Word writers are loaded at the first report a process writes, not when it starts: pdfkit, docx and the
// font subsetter take about 0.2 s of CPU to load, on every start and in every test file, and most processes never
// write a report.

/** See render-pdf.ts. */
export const renderPdf: typeof RenderPdf = async (...args) => (await import('./render-pdf')).renderPdf(...args);

/** See render-docx.ts. */
export const renderDocx: typeof RenderDocx = async (...args) => (await import('./render-docx')).renderDocx(...args);
