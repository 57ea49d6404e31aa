import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { ActivityService } from '../activity/activity.service';
import { ApiError, badRequest } from '../common/errors';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { UserView } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { normalizeEmail, toUserView, type UserIdentity, UsersService } from '../users/users.service';
import type { AccessTokenPayload, AuthUser } from './auth-user';
import { type SessionView, UpdateMeDto } from './dto/auth.dto';
import { RevokedAccessTokensRepository } from './revoked-access-tokens.repository';
import { LoginFailuresRepository } from './login-failures.repository';
import { weakPasswordProblem } from './password-policy';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { randomToken, sha256 } from './tokens';
import { VerifiedTokens } from './verified-tokens';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface Session extends TokenPair {
  user: UserView;
}

/** The session as the API answers it: the refresh token goes in its HttpOnly cookie, not in the body. */
export const toSessionView = ({ accessToken, expiresIn, user }: Session): SessionView => ({ accessToken, expiresIn, user });

/** The bearer token of a request's Authorization header, if any. */
export function bearerToken(request: { headers: { authorization?: string } }): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

const invalidCredentials = () => new ApiError(HttpStatus.UNAUTHORIZED, 'Email or password is wrong');
const invalidRefresh = () => new ApiError(HttpStatus.UNAUTHORIZED, 'Refresh token is invalid or expired');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One address may fail this many times more than one account, so a shared office gateway is not locked out at once. */
const ADDRESS_FACTOR = 4;

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly activity: ActivityService,
    private readonly unitOfWork: UnitOfWork,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly failures: LoginFailuresRepository,
    private readonly revokedAccessTokens: RevokedAccessTokensRepository,
  ) {}

  /** Tokens already checked against this app's key (one set per app: another key is another set). */
  private readonly verifiedTokens = new VerifiedTokens();

  get refreshTokenTtlSeconds(): number {
    return this.config.refreshTokenTtlSeconds;
  }

  /**
   * Checks a password sign-in, throttled per account and address pair, per address, and per account from addresses it
   * never signed in from (so an attacker elsewhere cannot lock the owner out of their usual place). The attempt is
   * counted before the password is checked, atomically, so parallel attempts cannot overrun the limits. Used by the
   * local strategy.
   */
  async validateLogin(rawEmail: string, password: string, ip: string): Promise<User> {
    const email = normalizeEmail(rawEmail);
    const windowMs = this.config.loginFailureWindowSeconds * 1000;
    const now = Date.now();
    const reservation = await this.failures.reserve(email, ip, {
      since: new Date(now - windowMs),
      perPair: this.config.loginMaxFailures,
      perAccount: this.config.loginMaxFailures,
      perAddress: this.config.loginMaxFailures * ADDRESS_FACTOR,
      knownSince: new Date(now - this.config.refreshTokenTtlSeconds * 1000),
    });
    if (!reservation.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil((reservation.blockedSince.getTime() + windowMs - now) / 1000));
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'Too many failed sign-ins; try again later', [], { retryAfterSeconds });
    }
    const user = await this.users.findForLogin(email);
    if (!user) {
      await burnPasswordCheck(password);
    }
    const ok = user ? await verifyPassword(user.passwordHash, password) : false;
    if (!user || !ok || !user.active) throw invalidCredentials();
    await this.failures.recordSuccess(email, ip);
    return user;
  }

  async login(user: User): Promise<Session> {
    const tokens = await this.unitOfWork.run(async (tx) => {
      const pair = await this.issue(tx, user, randomUUID());
      await this.activity.record(tx, { actorId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id });
      return pair;
    });
    await this.users.touchLogin(user.id);
    return { ...tokens, user: toUserView(user) };
  }

  /** A new session for a user just created (accepted invitation). */
  async sessionFor(userId: string): Promise<Session> {
    const user = await this.users.findActive(userId);
    if (!user) throw invalidCredentials();
    const tokens = await this.unitOfWork.run((tx) => this.issue(tx, user, randomUUID()));
    return { ...tokens, user: toUserView(user) };
  }

  private async issue(tx: Tx, user: User, familyId: string): Promise<TokenPair> {
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, org: user.organizationId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.accessTokenTtlSeconds, jwtid: randomUUID() });
    const secret = randomToken();
    const row = await this.refreshTokens.insert(tx, {
      userId: user.id,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return { accessToken, refreshToken: `${row.id}.${secret}`, expiresIn: this.config.accessTokenTtlSeconds };
  }

  private parse(refreshToken: string): { id: string; secret: string } {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/i.test(id)) throw invalidRefresh();
    return { id, secret };
  }

  /**
   * Rotates a refresh token: the presented one is revoked and replaced. A token presented after it was already
   * rotated or revoked means it leaked; the whole family is revoked.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const { id, secret } = this.parse(refreshToken);
    const outcome = await this.unitOfWork.run(async (tx): Promise<{ error: ApiError } | { session: Session }> => {
      const row = await this.refreshTokens.findByIdForUpdate(tx, id);
      if (!row || row.tokenHash !== sha256(secret)) return { error: invalidRefresh() };
      if (row.revokedAt) {
        await this.refreshTokens.revokeFamily(tx, row.familyId);
        await this.activity.record(tx, {
          actorId: row.userId,
          action: 'auth.refresh_reuse_detected',
          entityType: 'user',
          entityId: row.userId,
          changes: { familyId: row.familyId },
        });
        return { error: new ApiError(HttpStatus.UNAUTHORIZED, 'Refresh token was already used; the session is revoked') };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { error: invalidRefresh() };
      const user = await this.users.findActive(row.userId);
      if (!user) return { error: invalidRefresh() };
      const pair = await this.issue(tx, user, row.familyId);
      await this.refreshTokens.markRotated(tx, row.id, pair.refreshToken.split('.')[0]);
      return { session: { ...pair, user: toUserView(user) } };
    });
    // The family revocation must be committed before answering, so the error is thrown outside the transaction.
    if ('error' in outcome) throw outcome.error;
    return outcome.session;
  }

  /**
   * Ends the session the refresh token belongs to, and denies the access token presented with it until it expires
   * (on every app process). Unknown or missing tokens are ignored, so logout always succeeds.
   */
  async logout(refreshToken: string | undefined, accessToken: string | undefined): Promise<void> {
    if (accessToken) await this.revokeAccessToken(accessToken);
    let parsed: { id: string; secret: string };
    try {
      parsed = this.parse(refreshToken ?? '');
    } catch {
      return;
    }
    const row = await this.refreshTokens.findById(parsed.id);
    if (!row || row.tokenHash !== sha256(parsed.secret)) return;
    await this.unitOfWork.run(async (tx) => {
      await this.refreshTokens.revokeFamily(tx, row.familyId);
      await this.activity.record(tx, { actorId: row.userId, action: 'auth.logout', entityType: 'user', entityId: row.userId });
    });
  }

  private async revokeAccessToken(token: string): Promise<void> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
    } catch {
      return; // expired or forged: nothing to deny
    }
    if (payload.jti && payload.exp && UUID.test(payload.jti)) await this.revokedAccessTokens.revoke(payload.jti, new Date(payload.exp * 1000));
  }

  /** Whether a verified token was ended by a sign-out. */
  async isRevoked(payload: AccessTokenPayload): Promise<boolean> {
    return !!payload.jti && UUID.test(payload.jti) && (await this.revokedAccessTokens.isRevoked(payload.jti));
  }

  /** The payload of a well-signed access token that has not expired, or null. */
  private async verifiedPayload(token: string): Promise<AccessTokenPayload | null> {
    const known = this.verifiedTokens.get(token);
    if (known) return known;
    try {
      const payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
      this.verifiedTokens.remember(token, payload);
      return payload;
    } catch {
      return null;
    }
  }

  /**
   * The active user a valid access token names (their identity, read in one query), or null when the token is
   * missing, forged, expired, signed out or its user deactivated. A database failure is thrown, not taken for a no.
   */
  async accessTokenIdentity(token: string): Promise<UserIdentity | null> {
    const payload = await this.verifiedPayload(token);
    if (!payload) return null;
    // Both reads at once: every request and socket handshake pays for one round trip, not two in a row.
    const [revoked, identity] = await Promise.all([this.isRevoked(payload), this.users.findActiveIdentity(payload.sub)]);
    return revoked ? null : identity;
  }

  /** As accessTokenIdentity, with any failure taken for a no (the socket handshake). */
  async verifyAccessToken(token: string): Promise<UserIdentity | null> {
    return this.accessTokenIdentity(token).catch(() => null);
  }

  async me(user: AuthUser): Promise<UserView> {
    return this.users.get(user, user.id);
  }

  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<UserView> {
    if (dto.newPassword) {
      if (!dto.currentPassword) throw badRequest('currentPassword', 'currentPassword is required to set a new password');
      if (!(await verifyPassword(await this.users.passwordHashOf(user.id), dto.currentPassword))) {
        throw badRequest('currentPassword', 'currentPassword is wrong');
      }
      const problem = weakPasswordProblem('newPassword', dto.newPassword, { email: user.email, displayName: dto.displayName ?? user.displayName });
      if (problem) throw badRequest('newPassword', problem);
    }
    return this.users.updateSelf(user, { displayName: dto.displayName, locale: dto.locale, newPassword: dto.newPassword, sex: dto.sex, nameZh: dto.nameZh });
  }
}
