import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed tokens carried in mails: an unsubscribe link (user and kind) and a reply address (the mail replied to).
 * HMAC-SHA256 under a key derived from the server's secret, one purpose per key so that one kind of token can never
 * stand for another.
 */
export class MailTokens {
  private readonly unsubscribeKey: Buffer;
  private readonly replyKey: Buffer;

  constructor(secret: string) {
    this.unsubscribeKey = createHmac('sha256', secret).update('mail-unsubscribe').digest();
    this.replyKey = createHmac('sha256', secret).update('mail-reply').digest();
  }

  /** base64url(userId:kind).signature */
  unsubscribe(userId: string, kind: string): string {
    const body = Buffer.from(`${userId}:${kind}`).toString('base64url');
    return `${body}.${this.sign(this.unsubscribeKey, body, 16).toString('base64url')}`;
  }

  readUnsubscribe(token: string): { userId: string; kind: string } | null {
    const [body, signature] = token.split('.');
    if (!body || !signature || !this.verify(this.unsubscribeKey, body, Buffer.from(signature, 'base64url'), 16)) return null;
    const text = Buffer.from(body, 'base64url').toString();
    const at = text.indexOf(':');
    if (at < 0) return null;
    return { userId: text.slice(0, at), kind: text.slice(at + 1) };
  }

  /**
   * The local-part token of a reply address for one outbox mail: its uuid's 16 bytes and a 10-byte signature, in
   * lower-case hex-free base32 (42 characters), so that a mail system that lower-cases addresses keeps it valid.
   */
  reply(outboxMailId: string): string {
    const id = Buffer.from(outboxMailId.replace(/-/g, ''), 'hex');
    return base32(Buffer.concat([id, this.sign(this.replyKey, id.toString('hex'), 10)]));
  }

  readReply(token: string): string | null {
    const text = token.toLowerCase();
    const bytes = unbase32(text);
    // Only the one canonical spelling (the last character's spare bits zero): one mail, one address.
    if (!bytes || bytes.length !== 26 || base32(bytes) !== text) return null;
    const id = bytes.subarray(0, 16).toString('hex');
    if (!this.verify(this.replyKey, id, bytes.subarray(16), 10)) return null;
    return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  }

  private sign(key: Buffer, body: string, bytes: number): Buffer {
    return createHmac('sha256', key).update(body).digest().subarray(0, bytes);
  }

  private verify(key: Buffer, body: string, signature: Buffer, bytes: number): boolean {
    const expected = this.sign(key, body, bytes);
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
