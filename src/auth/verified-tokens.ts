import type { AccessTokenPayload } from './auth-user';

/**
 * Access tokens whose signature has been checked, with their payloads. Checking a signature (decoding, the HMAC,
 * the claims) was about a tenth of a cheap read's CPU (bench/api.ts), and the same token comes back with every
 * request of its holder until it expires; a token's signature cannot change, so it is checked once per process.
 * Hand-kept for that reason, and guarded:
 *   - only tokens with an expiry and no not-before are remembered, and one past its expiry is never answered from
 *     here (the same test jsonwebtoken makes: expired once the whole second reaches `exp`);
 *   - at most `capacity` tokens are remembered; the oldest is forgotten first and checked again if it comes back;
 *   - what can change while a token lives (a sign-out, a deactivated account) is still read at every request.
 */
export class VerifiedTokens {
  private readonly payloads = new Map<string, AccessTokenPayload & { exp: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** The payload of a token checked before and not expired at `nowMs`, or undefined. */
  get(token: string, nowMs = Date.now()): AccessTokenPayload | undefined {
    const payload = this.payloads.get(token);
    if (!payload) return undefined;
    if (Math.floor(nowMs / 1000) >= payload.exp) {
      this.payloads.delete(token);
      return undefined;
    }
    return payload;
  }

  /** Remembers a token whose signature and claims were just checked. */
  remember(token: string, payload: AccessTokenPayload & { nbf?: number }): void {
    if (typeof payload.exp !== 'number' || payload.nbf !== undefined) return;
    if (this.payloads.size >= this.capacity) this.payloads.delete(this.payloads.keys().next().value!);
    this.payloads.set(token, { ...payload, exp: payload.exp });
  }

  get size(): number {
    return this.payloads.size;
  }
}
