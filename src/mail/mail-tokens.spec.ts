import { MailTokens } from './mail-tokens';

describe('MailTokens', () => {
  const tokens = new MailTokens('a-secret-a-secret-a-secret-a-secret');
  const other = new MailTokens('another-secret-another-secret-0000');
  const id = '3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';

  it('reads back its own unsubscribe token and refuses one signed with another key or altered', () => {
    const token = tokens.unsubscribe(id, 'mention');
    expect(tokens.readUnsubscribe(token)).toEqual({ userId: id, kind: 'mention' });
    expect(other.readUnsubscribe(token)).toBeNull();
    const [body, sig] = token.split('.');
    const forged = `${Buffer.from(`${id}:reply`).toString('base64url')}.${sig}`;
    expect(tokens.readUnsubscribe(forged)).toBeNull();
    expect(tokens.readUnsubscribe(body)).toBeNull();
  });

  it('makes a reply token that fits an address local part, survives lower-casing, and refuses a changed one', () => {
    const token = tokens.reply(id);
    expect(token).toMatch(/^[a-z2-7]{42}$/);
    expect(tokens.readReply(token.toUpperCase())).toBe(id);
    expect(other.readReply(token)).toBeNull();
    const flipped = (token[0] === 'a' ? 'b' : 'a') + token.slice(1);
    expect(tokens.readReply(flipped)).toBeNull();
    expect(tokens.readReply('not-a-token')).toBeNull();
    // The last character carries two spare bits: another spelling of the same bytes is not the address given out.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    const respelt = token.slice(0, -1) + alphabet[alphabet.indexOf(token.slice(-1)) ^ 1];
    expect(tokens.readReply(respelt)).toBeNull();
  });
});
