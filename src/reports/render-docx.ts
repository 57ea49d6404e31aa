import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Bi, Block } from './blocks';
import { languagesOf, type ReportLang, type ReportLanguages } from './report-text';

const FONT = { ascii: 'Noto Sans SC', hAnsi: 'Noto Sans SC', eastAsia: 'Noto Sans SC', cs: 'Noto Sans SC' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/** One block in one language, as Word paragraphs. */
function paragraphsOf(block: Block, lang: ReportLang): Paragraph[] {
  const t = (text: Bi) => text[lang];
  switch (block.kind) {
    case 'title':
      return [
        ...(block.subtitle ? [new Paragraph({ children: [new TextRun({ text: t(block.subtitle), color: '1F6F43', size: 24 })] })] : []),
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: t(block.text), bold: true, size: 36 })] }),
      ];
    case 'heading':
      return [
        new Paragraph({
          heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          spacing: { before: block.level === 1 ? 240 : 120, after: 80 },
          children: [new TextRun({ text: t(block.text), bold: true, color: block.level === 1 ? '1F6F43' : '1B1B1B', size: block.level === 1 ? 28 : 23 })],
        }),
      ];
    case 'para':
      return [
        new Paragraph({
          indent: block.style === 'quote' ? { left: 360 } : undefined,
          spacing: { after: 60 },
          children: [new TextRun({ text: t(block.text), bold: block.style === 'bold', color: block.style === 'muted' ? '555555' : undefined, size: 20 })],
        }),
      ];
    case 'bullet':
      return [new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: t(block.text), size: 20 })] })];
    case 'chart':
      return [
        new Paragraph({ children: [new TextRun({ text: t(block.title), bold: true, size: 20 })] }),
        new Paragraph({ children: [new TextRun({ text: block.points.map((p) => `${p.label}: ${p.value}`).join(' · '), size: 18 })] }),
      ];
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

/**
 * The blocks as a Word document: in one language, or both side by side (a borderless two-column table, English
 * left, Chinese right, each block a row); page numbers in the footer.
 */
export async function renderDocx(blocks: Block[], languages: ReportLanguages, meta: { title: string }): Promise<Buffer> {
  const langs = languagesOf(languages);
  const body: (Paragraph | Table)[] =
    langs.length === 1
      ? blocks.flatMap((b) => paragraphsOf(b, langs[0]))
      : [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            columnWidths: [4680, 4680],
            borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
            rows: blocks
              .filter((b) => b.kind !== 'pageBreak')
              .map(
                (b) =>
                  new TableRow({
                    cantSplit: b.kind !== 'para',
                    children: langs.map(
                      (l) =>
                        new TableCell({
                          width: { size: 50, type: WidthType.PERCENTAGE },
                          margins: { left: 80, right: 80 },
                          children: paragraphsOf(b, l),
                        }),
                    ),
                  }),
              ),
          }),
        ];
  const footerText = (l: ReportLang) =>
    l === 'zh'
      ? [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 16 })]
      : [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })];
  const doc = new Document({
    title: meta.title,
    creator: 'GreenTable',
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: langs.flatMap((l, i) => [...(i ? [new TextRun({ text: '   ·   ', size: 16 })] : []), ...footerText(l)]),
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
