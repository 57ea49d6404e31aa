import PDFDocument from 'pdfkit';
import type { Block, Bi, ChartPoint } from './blocks';
import { notoSansSc } from './report-fonts';
import { label, languagesOf, type ReportLanguages } from './report-text';

const MARGIN = 56;
const GAP = 18;
const FOOTER = 30;
const SIZES = { title: 20, subtitle: 12, h1: 15, h2: 12, para: 10 };
const COLORS = { text: '#1b1b1b', muted: '#555555', accent: '#1f6f43', rule: '#c8d6cd' };

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Lays the blocks out on A4 pages: one column per language (English left, Chinese right when both), fonts embedded
 * as subsets (pdfkit keeps only the glyphs used), page numbers in the footer.
 */
export function renderPdf(blocks: Block[], languages: ReportLanguages, meta: { title: string }): Promise<Buffer> {
  const langs = languagesOf(languages);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    info: { Title: meta.title, Creator: 'GreenTable' },
    lang: langs.length === 1 && langs[0] === 'zh' ? 'zh-CN' : 'en',
  });
  const { regular, bold } = notoSansSc();
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const colWidth = langs.length === 2 ? (width - GAP) / 2 : width;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  /** Writes one text per language side by side from the current y, starting a page first when it would not fit. */
  const row = (text: Bi, font: 'body' | 'bold', size: number, color: string, options: { indent?: number; after?: number; bullet?: boolean } = {}) => {
    const indent = options.indent ?? 0;
    const w = colWidth - indent;
    doc.font(font).fontSize(size);
    const heights = langs.map((l) => (text[l] ? doc.heightOfString(text[l], { width: w }) : 0));
    const height = Math.max(...heights);
    if (doc.y + height > bottom() && doc.y > doc.page.margins.top) doc.addPage();
    const y = doc.y;
    langs.forEach((l, i) => {
      const x = MARGIN + i * (colWidth + GAP) + indent;
      if (options.bullet) doc.fillColor(COLORS.accent).text('•', x - 9, y, { lineBreak: false });
      if (text[l]) doc.fillColor(color).text(text[l], x, y, { width: w });
    });
    doc.x = MARGIN;
    doc.y = y + height + (options.after ?? 4);
  };

  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        if (block.subtitle) row(block.subtitle, 'body', SIZES.subtitle, COLORS.accent, { after: 6 });
        row(block.text, 'bold', SIZES.title, COLORS.text, { after: 12 });
        break;
      case 'heading':
        doc.y += block.level === 1 ? 10 : 4;
        if (block.level === 1 && doc.y + 60 > bottom()) doc.addPage();
        row(block.text, 'bold', block.level === 1 ? SIZES.h1 : SIZES.h2, block.level === 1 ? COLORS.accent : COLORS.text, { after: 6 });
        if (block.level === 1) {
          doc
            .moveTo(MARGIN, doc.y - 3)
            .lineTo(MARGIN + width, doc.y - 3)
            .strokeColor(COLORS.rule)
            .lineWidth(0.7)
            .stroke();
          doc.y += 4;
        }
        break;
      case 'para':
        row(block.text, block.style === 'bold' ? 'bold' : 'body', SIZES.para, block.style === 'muted' ? COLORS.muted : COLORS.text, {
          indent: block.style === 'quote' ? 14 : 0,
        });
        break;
      case 'bullet':
        row(block.text, 'body', SIZES.para, COLORS.text, { indent: 12, bullet: true, after: 2 });
        break;
      case 'chart':
        chart(doc, block.title, block.points, block.target ?? null, langs, width);
        break;
      case 'pageBreak':
        doc.addPage();
        break;
    }
  }

  // Page numbers, once the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const text = langs
      .map((l) => (l === 'zh' ? `第 ${i + 1} ${label('page', l)}，共 ${range.count} ${label('page', l)}` : `Page ${i + 1} of ${range.count}`))
      .join('   ·   ');
    doc
      .font('body')
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(text, MARGIN, doc.page.height - MARGIN, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

/** A line chart of an indicator's trajectory: values over periods, the target dashed when there is one. */
function chart(doc: Doc, title: Bi, points: ChartPoint[], target: number | null, langs: ('en' | 'zh')[], width: number) {
  const height = 120;
  const needed = height + 40;
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('bold').fontSize(10).fillColor(COLORS.text);
  doc.text(langs.map((l) => title[l]).join(' / '), MARGIN, doc.y, { width });
  const top = doc.y + 6;
  const left = MARGIN + 36;
  const plotWidth = width - 46;
  const values = points.map((p) => p.value).concat(target !== null ? [target] : []);
  const min = Math.min(0, ...values);
  const max = Math.max(1, ...values);
  const yOf = (v: number) => top + height - ((v - min) / (max - min || 1)) * height;
  const xOf = (i: number) => left + (points.length > 1 ? (i / (points.length - 1)) * plotWidth : plotWidth / 2);
  doc.lineWidth(0.5).strokeColor(COLORS.rule).rect(left, top, plotWidth, height).stroke();
  doc.font('body').fontSize(7).fillColor(COLORS.muted);
  doc.text(String(Math.round(max * 100) / 100), MARGIN, yOf(max) - 3, { width: 32, align: 'right', lineBreak: false });
  doc.text(String(Math.round(min * 100) / 100), MARGIN, yOf(min) - 6, { width: 32, align: 'right', lineBreak: false });
  if (target !== null) {
    doc
      .save()
      .dash(3, { space: 3 })
      .strokeColor('#b5651d')
      .moveTo(left, yOf(target))
      .lineTo(left + plotWidth, yOf(target))
      .stroke()
      .undash()
      .restore();
  }
  if (points.length) {
    doc.lineWidth(1.5).strokeColor(COLORS.accent);
    points.forEach((p, i) => (i === 0 ? doc.moveTo(xOf(i), yOf(p.value)) : doc.lineTo(xOf(i), yOf(p.value))));
    doc.stroke();
    points.forEach((p, i) => doc.circle(xOf(i), yOf(p.value), 2).fill(COLORS.accent));
    doc.font('body').fontSize(7).fillColor(COLORS.muted);
    const step = Math.max(1, Math.ceil(points.length / 8));
    points.forEach((p, i) => {
      if (i % step === 0 || i === points.length - 1) doc.text(p.label, xOf(i) - 25, top + height + 3, { width: 50, align: 'center', lineBreak: false });
    });
  }
  doc.x = MARGIN;
  doc.y = top + height + 20;
}
