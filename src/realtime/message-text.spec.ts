import { bodyProblem, mentionSegments, normalizeBody, QUOTE_EXCERPT_LENGTH, quoteExcerpt, resolveMentions } from './message-text';

describe('message bodies', () => {
  it('trims and folds CRLF, keeping the text otherwise as written (markup stays literal text)', () => {
    expect(normalizeBody('  <b>hi</b>\r\nthere \n')).toBe('<b>hi</b>\nthere');
  });

  it('drops bidirectional override and isolate characters, so a message reads in the order it was written', () => {
    expect(normalizeBody('Invoice \u202Efdp.exe\u202C and \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068')).toBe('Invoice fdp.exe and x');
    expect(normalizeBody(' \u202E ')).toBe('');
  });

  it.each([
    ['', 'must not be empty'],
    [42, 'must be a string'],
    ['a'.repeat(4001), 'at most 4000'],
    ['nul \u0000 inside', 'control characters'],
    ['bell \u0007', 'control characters'],
    ['lone \r return', 'control characters'],
    ['c1 \u0085', 'control characters'],
  ])('refuses %j', (body, message) => {
    expect(bodyProblem(body)).toContain(message);
  });

  it('accepts newlines, tabs, Chinese and 4000 characters counted as code points', () => {
    expect(bodyProblem('第一行\n\t第二行')).toBeNull();
    expect(bodyProblem('😀'.repeat(4000))).toBeNull();
  });
});

describe('mentions', () => {
  const users = [
    { id: 'li', displayName: 'Li', email: 'li@acftu.example' },
    { id: 'liwei', displayName: 'Li Wei', email: 'wei.li@acftu.example' },
    { id: 'wang', displayName: '王芳', email: 'wang.fang@jsec.example' },
    { id: 'anna', displayName: 'Anna Schmidt', email: 'aschmidt@ilo.example' },
  ];
  const mentioned = (body: string) => resolveMentions(mentionSegments(body), users);

  it('prefers the longest display name, and ends names on a word boundary', () => {
    expect(mentioned('@Li Wei can you confirm?')).toEqual(['liwei']);
    expect(mentioned('thanks @li, see you')).toEqual(['li']);
    expect(mentioned('@Lisa hello')).toEqual([]);
  });

  it('resolves email local parts and Chinese names without a following space', () => {
    expect(mentioned('cc @aschmidt.')).toEqual(['anna']);
    expect(mentioned('@wei.li and @王芳请确认')).toEqual(['liwei', 'wang']);
  });

  it('ignores @ inside email addresses and repeats', () => {
    expect(mentioned('write to anna@ilo.example')).toEqual([]);
    expect(mentioned('@Li @Li @li')).toEqual(['li']);
  });
});

describe('quoteExcerpt', () => {
  it('keeps a short text on one line and cuts a long one at a whole character', () => {
    expect(quoteExcerpt('Can employers\n  co-fund   the training?')).toBe('Can employers co-fund the training?');
    const long = '安全'.repeat(100);
    const cut = quoteExcerpt(long);
    expect([...cut]).toHaveLength(QUOTE_EXCERPT_LENGTH);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
