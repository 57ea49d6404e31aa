import { bearerToken } from './guards/jwt-auth.guard';
import { VerifiedTokens } from './verified-tokens';

const payload = (exp?: number, extra: Record<string, unknown> = {}) => ({ sub: 'u1', role: 'member' as const, org: 'o1', exp, ...extra });

describe('VerifiedTokens', () => {
  it('answers a remembered token until the second its expiry names', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t', payload(1000));
    expect(tokens.get('t', 999_999)).toMatchObject({ sub: 'u1', exp: 1000 });
    expect(tokens.get('t', 1_000_000)).toBeUndefined();
    // Forgotten once expired.
    expect(tokens.size).toBe(0);
  });

  it('remembers nothing without an expiry or with a not-before', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('no-exp', payload(undefined));
    tokens.remember('nbf', payload(2000, { nbf: 1500 }));
    expect(tokens.get('no-exp', 0)).toBeUndefined();
    expect(tokens.get('nbf', 1_600_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps at most its capacity, forgetting the oldest first', () => {
    const tokens = new VerifiedTokens(2);
    tokens.remember('a', payload(1000));
    tokens.remember('b', payload(1000));
    tokens.remember('c', payload(1000));
    expect(tokens.size).toBe(2);
    expect(tokens.get('a', 0)).toBeUndefined();
    expect(tokens.get('b', 0)).toBeDefined();
    expect(tokens.get('c', 0)).toBeDefined();
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header in any case, and nothing else', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
