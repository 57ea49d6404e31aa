import {
  AlignmentType,
  BorderStyle,
  CharacterSet,
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
import subsetFont from 'subset-font';
import type { Bi, Block } from './blocks';
import { notoSansSc, REPORT_FONT } from './report-fonts';
import { languagesOf, type ReportLang, type ReportLanguages } from './report-text';

const FONT = { ascii: REPORT_FONT, hAnsi: REPORT_FONT, eastAsia: REPORT_FONT, cs: REPORT_FONT };

/** Every character the document shows, in the languages it is written in. */
function charactersOf(blocks: Block[], langs: ReportLang[], extra: string[]): string {
  const texts: string[] = [...extra];
  for (const block of blocks) {
    const bis: Bi[] =
      block.kind === 'title'
        ? [block.text, ...(block.subtitle ? [block.subtitle] : [])]
        : block.kind === 'chart'
          ? [block.title]
          : block.kind === 'pageBreak'
            ? []
            : [block.text];
    for (const text of bis) for (const l of langs) texts.push(text[l]);
    if (block.kind === 'chart') texts.push(block.points.map((p) => `${p.label}: ${p.value}`).join(' · '));
  }
  return [...new Set(texts.join(''))].join('');
}

/**
 * Noto Sans SC cut down to the characters used (hb-subset, which keeps the character map Word needs), regular and
 * bold, so that the Chinese shows on a machine that has no CJK font. Digits and the bullet are always kept (page
 * numbers and list marks are drawn by Word).
 */
async function embeddedFont(characters: string) {
  const { regular, bold } = notoSansSc();
  const text = `${characters}0123456789•·`;
  const [data, boldData] = await Promise.all([subsetFont(regular, text, { targetFormat: 'truetype' }), subsetFont(bold, text, { targetFormat: 'truetype' })]);
  return { name: REPORT_FONT, data, bold: boldData, characterSet: CharacterSet.GB_2312 };
}
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
  const footerWords: string[] = [...langs.map((l) => (l === 'zh' ? '第 页，共 页' : 'Page of')), '   ·   '];
  const doc = new Document({
    title: meta.title,
    fonts: [await embeddedFont(charactersOf(blocks, langs, footerWords))],
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
