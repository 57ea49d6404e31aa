import { QUICK_REACTIONS } from '../shared/enums';
import { isReactionEmoji } from './reaction-emoji';

describe('isReactionEmoji', () => {
  it('accepts every emoji the picker offers and other single emoji, sequences included', () => {
    for (const emoji of QUICK_REACTIONS) expect(isReactionEmoji(emoji)).toBe(true);
    for (const emoji of ['🙏', '👍🏽', '🇨🇳', '👩‍🔧', '🧑‍🤝‍🧑']) expect(isReactionEmoji(emoji)).toBe(true);
  });

  it('refuses text, several emoji, plain symbols and anything not a string', () => {
    for (const value of ['', 'ok', '+1', '👍👍', '👍 ', ' 👍', '1', '#', '好', '<b>', '👍x']) expect(isReactionEmoji(value)).toBe(false);
    for (const value of [null, undefined, 1, ['👍'], { emoji: '👍' }]) expect(isReactionEmoji(value)).toBe(false);
  });
});
