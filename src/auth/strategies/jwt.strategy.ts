import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type ResolvedConfig } from '../../config/app-config';
import { toAuthUser, UsersService } from '../../users/users.service';
import type { AccessTokenPayload, AuthUser } from '../auth-user';
import { AuthService } from '../auth.service';
import { jwtKey } from '../jwt-key';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {
    // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject (its types say string or Buffer).
    const key = jwtKey(config.jwtSecret) as unknown as Buffer;
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: key, ignoreExpiration: false });
  }

  /** A deactivated user's token, or one ended by a sign-out, stops working at once, not when it expires. */
  async validate(payload: AccessTokenPayload): Promise<AuthUser | false> {
    // Both reads at once: every authenticated request pays for one round trip, not two in a row.
    const [revoked, user] = await Promise.all([this.auth.isRevoked(payload), this.users.findActiveIdentity(payload.sub)]);
    return user && !revoked ? toAuthUser(user) : false;
  }
}
