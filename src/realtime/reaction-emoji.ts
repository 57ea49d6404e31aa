/**
 * What a reaction may be: exactly one emoji, as Unicode defines them (RGI emoji sequences: skin tones, flags, ZWJ
 * families count as one), nothing else — no text, no two emoji, no bare digits or symbols that only have an emoji
 * presentation when asked for.
 */
const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

/** The longest emoji sequence stored (in UTF-16 units; the longest RGI sequences are well under this). */
export const MAX_EMOJI_LENGTH = 32;

export function isReactionEmoji(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_EMOJI_LENGTH && ONE_EMOJI.test(value);
}
