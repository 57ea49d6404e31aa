import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale } from '../../users/entities/user.entity';
import type { UserView } from '../../users/dto/user.dto';
import { Omittable } from '../../common/validation';
import { ApiInteger } from '../../common/decorators';

export class LoginDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken: string;
}

export const PASSWORD_MIN = 10;

export class UpdateMeDto {
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;

  @Omittable()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `newPassword must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(200)
  newPassword?: string;

  @Omittable()
  @IsString()
  @MaxLength(200)
  currentPassword?: string;
}

/** What signing in (or accepting an invitation, or refreshing) answers. */
export class SessionView {
  /** A JWT to send as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** Exchanged at POST /api/auth/refresh for a new session; each refresh token works once. */
  refreshToken: string;

  /** Seconds until the access token expires. @example 900 */
  @ApiInteger()
  expiresIn: number;

  user: UserView;
}
