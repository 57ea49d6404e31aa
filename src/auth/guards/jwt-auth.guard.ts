import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { nameInAccessLine } from '../../logger';
import { IS_PUBLIC } from '../../common/decorators';
import { ApiError } from '../../common/errors';
import { toAuthUser } from '../../users/users.service';
import type { AuthUser } from '../auth-user';
import { AuthService } from '../auth.service';

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case), or null. */
export const bearerToken = (header: string | undefined): string | null => /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;

/**
 * The global guard: every route needs a valid access token unless marked @Public(). The token is checked as the
 * socket handshake checks it (AuthService.accessTokenIdentity): signature and expiry, then sign-out and the
 * account, read at every request.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const token = bearerToken(request.headers.authorization);
    const identity = token ? await this.auth.accessTokenIdentity(token) : null;
    if (!identity) throw new ApiError(HttpStatus.UNAUTHORIZED, 'Sign in first: the access token is missing, invalid or expired');
    request.user = toAuthUser(identity);
    nameInAccessLine(request, request.user);
    return true;
  }
}
