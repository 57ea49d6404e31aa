import { basename } from 'node:path/posix';

const MAX_NAME_CHARACTERS = 200;

/**
 * An uploaded file's name made safe to keep and show: the last path segment only (so `../../etc/passwd` is
 * `passwd`), without control or bidirectional-override characters, trimmed of dots and spaces, at most 200
 * characters (keeping the extension), and never empty. Only ever shown: files are stored under an id.
 */
export function safeFileName(raw: string | undefined, fallback = 'document'): string {
  const cleaned = (raw ?? '')
    .normalize('NFC')
    .replace(/\\/g, '/')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  let name = basename(cleaned)
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (name.length > MAX_NAME_CHARACTERS) {
    const extension = name.match(/\.[^.]{1,8}$/)?.[0] ?? '';
    name = name.slice(0, MAX_NAME_CHARACTERS - extension.length) + extension;
  }
  return name || fallback;
}

/** The name with the sniffed type's extension when it has none of its own or a misleading one. */
export function withExtension(name: string, extensions: string[]): string {
  const current = name.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1];
  return current && extensions.includes(current) ? name : `${name}.${extensions[0]}`;
}

/**
 * A Content-Disposition header naming the file: an ASCII fallback for old clients, and the exact name in RFC 5987's
 * filename* (UTF-8, percent-encoded), which every current browser prefers.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
