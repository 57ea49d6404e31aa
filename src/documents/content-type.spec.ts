import { sniffContentType } from './content-type';
import { contentDisposition, safeFileName, withExtension } from './file-name';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffContentType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.4\n...'), 'x.bin', 'application/pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'x', 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'x.jpg', 'image/jpeg'],
    ['a GIF', bytes('GIF89a...'), 'x.gif', 'image/gif'],
    ['a WebP', bytes('RIFF\x10\x00\x00\x00WEBPVP8 '), 'x.webp', 'image/webp'],
    [
      'a Word file',
      bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml'),
      'a.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'an Excel file',
      bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....xl/workbook.xml'),
      'a.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['a legacy .xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls', 'application/vnd.ms-excel'],
    ['a CSV', Buffer.from('year,jobs\n2024,苏州\n'), 'a.csv', 'text/csv'],
    ['plain text', Buffer.from('Notes of the meeting\r\n'), 'notes', 'text/plain'],
  ])('accepts %s', (_, head, name, mediaType) => {
    expect(sniffContentType(head, name)?.mediaType).toBe(mediaType);
  });

  it.each([
    ['an executable named .pdf', bytes('MZ\x90\x00\x03'), 'a.pdf'],
    ['a plain zip', bytes([0x50, 0x4b, 0x03, 0x04], '....photo.jpg'), 'a.docx'],
    ['an OLE file of another kind', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.msi'],
    ['SVG', Buffer.from('<?xml version="1.0"?><svg></svg>'), 'a.svg'],
    ['HTML named .txt', Buffer.from('  <!doctype html><p>hi'), 'a.txt'],
    ['binary with NUL bytes', bytes('abc', [0, 1, 2]), 'a.txt'],
    ['invalid UTF-8', bytes([0x61, 0xc3, 0x28, 0x62]), 'a.csv'],
  ])('refuses %s', (_, head, name) => {
    expect(sniffContentType(head, name)).toBeNull();
  });

  it('accepts UTF-8 cut in the middle of a character at the end of the head', () => {
    const text = Buffer.from('苏州'.repeat(2000));
    expect(sniffContentType(text.subarray(0, 4100), 'a.txt')?.mediaType).toBe('text/plain');
  });
});

describe('file names', () => {
  it('keeps only a safe last segment', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\windows\\system.ini')).toBe('system.ini');
    expect(safeFileName('re\u0007port\u202e.pdf')).toBe('report.pdf');
    expect(safeFileName('..')).toBe('document');
    expect(safeFileName(undefined)).toBe('document');
    expect(safeFileName('a'.repeat(300) + '.pdf')).toHaveLength(200);
    expect(safeFileName('a'.repeat(300) + '.pdf').endsWith('.pdf')).toBe(true);
  });

  it('adds the extension of the type read from the content when the name lacks it', () => {
    expect(withExtension('minutes', ['pdf'])).toBe('minutes.pdf');
    expect(withExtension('chart.pdf', ['png'])).toBe('chart.pdf.png');
    expect(withExtension('photo.JPEG', ['jpg', 'jpeg'])).toBe('photo.JPEG');
  });

  it('names a download in ASCII and in RFC 5987 UTF-8', () => {
    expect(contentDisposition('背景 "paper".pdf')).toBe(`attachment; filename="__ _paper_.pdf"; filename*=UTF-8''%E8%83%8C%E6%99%AF%20%22paper%22.pdf`);
  });
});
