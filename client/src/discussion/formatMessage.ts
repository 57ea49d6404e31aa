/**
 * Light formatting of discussion messages: **bold**, _italic_, line breaks and links to http(s) addresses.
 * The body is plain text (the server stores it as written and never as HTML); this only splits it into tokens that
 * MessageBody turns into React elements, so markup in a message always shows literally.
 */
export type Inline =
  { type: 'text'; text: string } | { type: 'strong'; children: Inline[] } | { type: 'em'; children: Inline[] } | { type: 'link'; href: string; text: string };

/** One token list per line of the message. */
export type FormattedMessage = Inline[][];

/** Characters that end an address: spaces, quotes, angle brackets and full-width Chinese punctuation. */
const URL_AT_START = /^https?:\/\/[^\s<>"'`，。；：！？、（）【】《》「」]+/i;
/** Punctuation that usually ends the sentence rather than the address. */
const TRAILING = /[.,;:!?*_]+$/;
const WORD = /[\p{L}\p{N}_]/u;
/** Latin letters and digits: an address right after Chinese text still links ("报告见https://…"). */
const ASCII_WORD = /[A-Za-z0-9_]/;
/** Deep enough for **_x_**; stops pathological nesting. */
const MAX_DEPTH = 3;

/** The address as a link target, or null unless it is a well-formed http or https URL. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** An address at the start of `rest`, without trailing sentence punctuation or an unmatched closing parenthesis. */
function linkAt(rest: string): { text: string; href: string } | null {
  const match = URL_AT_START.exec(rest);
  if (!match) return null;
  let text = match[0].replace(TRAILING, '');
  while (text.endsWith(')') && (text.match(/\(/g)?.length ?? 0) < (text.match(/\)/g)?.length ?? 0)) {
    text = text.slice(0, -1).replace(TRAILING, '');
  }
  const href = safeHref(text);
  return href ? { text, href } : null;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

function parseInline(text: string, depth: number): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const before = i > 0 ? text[i - 1] : undefined;
    const rest = text.slice(i);
    // A link may not start inside a word ("xhttp://…").
    if ((before === undefined || !ASCII_WORD.test(before)) && (rest[0] === 'h' || rest[0] === 'H')) {
      const link = linkAt(rest);
      if (link) {
        flush();
        out.push({ type: 'link', href: link.href, text: link.text });
        i += link.text.length;
        continue;
      }
    }
    if (depth < MAX_DEPTH && rest.startsWith('**') && !isSpace(text[i + 2])) {
      const close = text.indexOf('**', i + 3);
      if (close > i + 2 && !isSpace(text[close - 1])) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, close), depth + 1) });
        i = close + 2;
        continue;
      }
    }
    // _italic_ only at word edges, so snake_case_names stay as they are.
    if (depth < MAX_DEPTH && text[i] === '_' && (before === undefined || !WORD.test(before)) && !isSpace(text[i + 1]) && text[i + 1] !== '_') {
      let close = -1;
      for (let j = i + 2; j < text.length; j++) {
        if (text[j] === '_' && !isSpace(text[j - 1]) && (j + 1 >= text.length || !WORD.test(text[j + 1]))) {
          close = j;
          break;
        }
      }
      if (close > 0) {
        flush();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, close), depth + 1) });
        i = close + 1;
        continue;
      }
    }
    buffer += text[i];
    i += 1;
  }
  flush();
  return out;
}

/** Splits a message body into lines of text, bold, italic and link tokens. */
export function formatMessage(body: string): FormattedMessage {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => parseInline(line, 0));
}

/** The text of tokens without formatting (for previews and notifications). */
export function plainText(tokens: Inline[]): string {
  return tokens.map((t) => (t.type === 'text' || t.type === 'link' ? t.text : plainText(t.children))).join('');
}
