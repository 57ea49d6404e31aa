/**
 * The type of an uploaded file, read from its first bytes (never from the name or the Content-Type the client sent),
 * against the allow-list: PDF, Office documents (OOXML and the legacy OLE2 formats), raster images, CSV and plain
 * text. A small table rather than the file-type package, whose current releases are ES modules only and do not load
 * under this CommonJS server and its tests; each entry is guarded by the bytes the format must start with.
 */

/** How many leading bytes the sniffer needs (more may be given). */
export const SNIFF_BYTES = 4100;

export interface SniffedType {
  mediaType: string;
  /** The extensions a name may end with for this type; the first is added to a name that has none of them. */
  extensions: string[];
}

const PDF: SniffedType = { mediaType: 'application/pdf', extensions: ['pdf'] };
const PNG: SniffedType = { mediaType: 'image/png', extensions: ['png'] };
const JPEG: SniffedType = { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
const GIF: SniffedType = { mediaType: 'image/gif', extensions: ['gif'] };
const WEBP: SniffedType = { mediaType: 'image/webp', extensions: ['webp'] };
const CSV: SniffedType = { mediaType: 'text/csv', extensions: ['csv', 'tsv'] };
const TEXT: SniffedType = { mediaType: 'text/plain', extensions: ['txt', 'text', 'md', 'log', 'csv', 'tsv'] };

const OOXML: Record<string, SniffedType> = {
  word: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xl: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  ppt: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
};
const OOXML_BY_EXTENSION: Record<string, string> = { docx: 'word', xlsx: 'xl', pptx: 'ppt' };

const OLE2: Record<string, SniffedType> = {
  doc: { mediaType: 'application/msword', extensions: ['doc'] },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['xls'] },
  ppt: { mediaType: 'application/vnd.ms-powerpoint', extensions: ['ppt'] },
};

/** The raster image types, the only ones ever shown inline (for previews). */
export const RASTER_IMAGE_TYPES: ReadonlySet<string> = new Set([PNG.mediaType, JPEG.mediaType, GIF.mediaType, WEBP.mediaType]);

const startsWith = (head: Buffer, bytes: number[] | string, at = 0) => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + expected.length && head.subarray(at, at + expected.length).equals(expected);
};

const extensionOf = (name: string) => name.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1] ?? '';

/** Markup a browser could render or run, even from a text file: refused outright. */
const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta|a\s|img\s|div|style)/i;

/**
 * Text: valid UTF-8 (a cut-off last character is fine: only the head is looked at) or UTF-16 with its byte order
 * mark, and no control characters other than tab, line feed, form feed and carriage return.
 */
function isText(head: Buffer): boolean {
  if (!head.length) return true;
  let text: string;
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    text = new TextDecoder(startsWith(head, [0xff, 0xfe]) ? 'utf-16le' : 'utf-16be').decode(head.subarray(2));
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      return false;
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !MARKUP.test(text.replace(/^\uFEFF/, ''));
}

/** The accepted type of a file from its first bytes (at least SNIFF_BYTES of them, or the whole file), or null. */
export function sniffContentType(head: Buffer, fileName: string): SniffedType | null {
  const extension = extensionOf(fileName);
  if (startsWith(head, '%PDF-')) return PDF;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return GIF;
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return WEBP;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // An Office Open XML package is a zip holding [Content_Types].xml and a word/, xl/ or ppt/ part; any other zip is refused.
    const listing = head.toString('latin1');
    if (!listing.includes('[Content_Types].xml') && !/(?:^|[^a-z])(?:word|xl|ppt)\//.test(listing)) return null;
    const byName = OOXML_BY_EXTENSION[extension];
    const seen = Object.keys(OOXML).find((part) => listing.includes(`${part}/`));
    const part = seen ?? byName;
    return part ? OOXML[part] : null;
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // The legacy compound file says what it holds only deep inside; its extension picks among the accepted three.
    return OLE2[extension] ?? null;
  }
  if (isText(head)) return extension === 'csv' || extension === 'tsv' ? CSV : TEXT;
  return null;
}
