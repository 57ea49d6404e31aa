import type { CookieOptions, Request, Response } from 'express';

/** The refresh token lives in this cookie: HttpOnly (no script reads it), SameSite=Strict, sent only to /api/auth. */
export const REFRESH_COOKIE = 'greentable_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';

const options = (request: Request): CookieOptions => ({
  httpOnly: true,
  // Secure whenever the page came over https (req.secure believes X-Forwarded-Proto only from trusted proxies).
  secure: request.secure,
  sameSite: 'strict',
  path: REFRESH_COOKIE_PATH,
});

export function setRefreshCookie(request: Request, response: Response, token: string, ttlSeconds: number): void {
  response.cookie(REFRESH_COOKIE, token, { ...options(request), maxAge: ttlSeconds * 1000 });
}

export function clearRefreshCookie(request: Request, response: Response): void {
  response.clearCookie(REFRESH_COOKIE, options(request));
}

/** The refresh token a request carries: its cookie, else (for integrators that keep it themselves) the body's. */
export function presentedRefreshToken(request: Request, fromBody: string | undefined): string | undefined {
  const cookies = (request as Request & { cookies?: Record<string, unknown> }).cookies;
  const cookie: unknown = cookies?.[REFRESH_COOKIE];
  return fromBody ?? (typeof cookie === 'string' && cookie ? cookie : undefined);
}
