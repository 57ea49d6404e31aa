import { cleanDisplayName, hasVisibleText, nameSkeleton, withoutBidiControls } from './text-safety';

describe('text safety', () => {
  it('cleans a display name: trimmed, bidirectional controls gone, the rest kept', () => {
    expect(cleanDisplayName('  \u202EWang Fang\u202C \n')).toBe('Wang Fang');
    expect(cleanDisplayName('王芳')).toBe('王芳');
    expect(withoutBidiControls('a\u2066b\u2069c\u202Dd')).toBe('abcd');
  });

  it('tells blank and invisible-only text from text that shows', () => {
    for (const blank of ['', '   ', '\u200B\u200C\u200D', '\u2060\uFEFF', '\u202E\u2066', '\u3164\u00AD']) expect(hasVisibleText(blank)).toBe(false);
    for (const shown of ['a', '王', 'Zoë', '\u200Bx']) expect(hasVisibleText(shown)).toBe(true);
  });

  it('gives names that would be taken for one another the same skeleton', () => {
    const wang = nameSkeleton('Wang Fang');
    for (const lookalike of ['wang fang', 'WANG FANG', 'Ｗａｎｇ Ｆａｎｇ', 'W\u0430ng F\u0430ng', 'Wang\u200B Fang', 'WangFang']) {
      expect(nameSkeleton(lookalike)).toBe(wang);
    }
    expect(nameSkeleton('Wang Fangfang')).not.toBe(wang);
    expect(nameSkeleton('王芳')).not.toBe(nameSkeleton('王方'));
  });
});
