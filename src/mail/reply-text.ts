/**
 * The new text of a reply by mail: the quoted history and the signature taken off, so that only what the person
 * wrote above them goes into the discussion. Plain rules, unit-tested beside this file:
 *
 * - a quote header ("On Tue, 3 Mar 2026 at 10:00, Alice <a@x> wrote:", possibly wrapped over two or three lines;
 *   "在 2026年3月3日 10:00，Alice 写道："; Outlook's "-----Original Message-----" and "From: … / 发件人：…" blocks; a
 *   line of underscores Outlook puts before them) and everything after it;
 * - a signature after a line that is exactly "-- " (or "--"), and the mobile "Sent from my …" / "发自我的…" line;
 * - every line starting with ">" (quoted text interleaved with the answer).
 */
const QUOTE_HEADER_EN = /^On\b[\s\S]{0,300}\bwrote:\s*$/i;
const QUOTE_HEADER_ZH = /^在[\s\S]{0,300}写道[：:]\s*$/;
const ORIGINAL_MESSAGE = /^-{2,}\s*(Original Message|Forwarded message|原始邮件|原始郵件|转发的邮件)\s*-{2,}\s*$/i;
const OUTLOOK_FROM = /^\s*\*?(From|发件人|寄件者)\s*\*?\s*[:：]/i;
const OUTLOOK_SENT = /^\s*\*?(Sent|Date|发送时间|日期|寄件日期)\s*\*?\s*[:：]/i;
const UNDERSCORES = /^_{10,}\s*$/;
const SIGNATURE = /^--[ \t]*$/;
const SENT_FROM = /^(Sent from my |Sent from (Mail|Outlook) for |发自我的|从我的 ?\S+ ?发送)/i;

/** The lines of `text` up to (not including) the first line where the quoted history or signature begins. */
function cutIndex(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (SIGNATURE.test(lines[i])) return i;
    if (ORIGINAL_MESSAGE.test(line) || UNDERSCORES.test(line) || SENT_FROM.test(line)) return i;
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(l))) return i;
    // A quote header may be wrapped by the mail program over up to three lines.
    for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
      const joined = lines
        .slice(i, i + span)
        .map((l) => l.trim())
        .join(' ');
      if (span > 1 && lines.slice(i, i + span).some((l) => l.trim() === '')) break;
      if ((QUOTE_HEADER_EN.test(joined) && /^On\b/i.test(line)) || (QUOTE_HEADER_ZH.test(joined) && line.startsWith('在'))) return i;
    }
  }
  return lines.length;
}

/** What the person wrote, without quotes and signature; '' when nothing is left. */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.slice(0, cutIndex(lines)).filter((line) => !/^\s*>/.test(line));
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
