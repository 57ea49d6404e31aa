import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The refresh token lives in this cookie: HttpOnly (no script reads it), SameSite=Strict, sent only to /api/auth. */
export const REFRESH_COOKIE = 'greentable_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';

const options = (request: FastifyRequest): CookieSerializeOptions => ({
  httpOnly: true,
  // Secure whenever the page came over https (request.protocol believes X-Forwarded-Proto only from trusted proxies).
  secure: request.protocol === 'https',
  sameSite: 'strict',
  path: REFRESH_COOKIE_PATH,
});

export function setRefreshCookie(request: FastifyRequest, response: FastifyReply, token: string, ttlSeconds: number): void {
  void response.setCookie(REFRESH_COOKIE, token, { ...options(request), maxAge: ttlSeconds, expires: new Date(Date.now() + ttlSeconds * 1000) });
}

export function clearRefreshCookie(request: FastifyRequest, response: FastifyReply): void {
  void response.clearCookie(REFRESH_COOKIE, options(request));
}

/** The refresh token a request carries: its cookie, else (for integrators that keep it themselves) the body's. */
export function presentedRefreshToken(request: FastifyRequest, fromBody: string | undefined): string | undefined {
  const cookies = request.cookies as Record<string, unknown> | undefined;
  const cookie: unknown = cookies?.[REFRESH_COOKIE];
  return fromBody ?? (typeof cookie === 'string' && cookie ? cookie : undefined);
}
