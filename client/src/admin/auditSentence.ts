/**
 * An audit entry's sentence, cut into what the page draws: plain text, and the people and things it names (drawn as
 * links). The translated sentence marks them as <actor>…</actor>, <target>…</target> and <subject>…</subject>; the
 * names themselves are put in only after the sentence is cut, so that nothing a person wrote (a title, a name) is
 * ever read as markup.
 */

export type SentenceSlot = 'actor' | 'target' | 'subject';

export type SentencePart = { kind: 'text'; text: string } | { kind: SentenceSlot; text: string };

/** Stand-ins passed to t() for the values, swapped for the real text after cutting. */
export const SLOT_MARKS = { actor: '\u0001', target: '\u0002', subject: '\u0003', context: '\u0004' } as const;

const TAG = /<(actor|target|subject)>(.*?)<\/\1>/g;

/** Cuts a translated sentence (made with SLOT_MARKS as its values) and puts the values in. */
export function sentenceParts(sentence: string, values: Record<keyof typeof SLOT_MARKS, string>): SentencePart[] {
  const fill = (text: string) =>
    text
      .split(SLOT_MARKS.actor)
      .join(values.actor)
      .split(SLOT_MARKS.target)
      .join(values.target)
      .split(SLOT_MARKS.subject)
      .join(values.subject)
      .split(SLOT_MARKS.context)
      .join(values.context);
  const parts: SentencePart[] = [];
  let at = 0;
  for (const match of sentence.matchAll(TAG)) {
    if (match.index > at) parts.push({ kind: 'text', text: fill(sentence.slice(at, match.index)) });
    parts.push({ kind: match[1] as SentenceSlot, text: fill(match[2]) });
    at = match.index + match[0].length;
  }
  if (at < sentence.length) parts.push({ kind: 'text', text: fill(sentence.slice(at)) });
  return parts.filter((p) => p.text !== '');
}
