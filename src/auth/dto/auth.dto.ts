import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale, type Sex } from '../../users/entities/user.entity';
import { IsNameZh, IsSex, type UserView } from '../../users/dto/user.dto';
import { Omittable } from '../../common/validation';
import { ApiInteger } from '../../common/decorators';
import { CleanDisplayName, HasVisibleText } from '../../common/text-safety';

export class LoginDto {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(200)
  password: string;
}

/**
 * The refresh token normally comes in the HttpOnly cookie `greentable_refresh` that sign-in set (browsers send it by
 * themselves). A client that keeps the cookie's value itself may send it here instead.
 */
export class RefreshDto {
  @Omittable()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken?: string;
}

export const PASSWORD_MIN = 10;

export class UpdateMeDto {
  @Omittable()
  @CleanDisplayName()
  @IsString()
  @HasVisibleText()
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

  /** Self-declared, optional: female, male or not_stated; null clears it. */
  @IsSex()
  sex?: Sex | null;

  /** The Chinese form of your name; null or "" clears it. */
  @IsNameZh()
  nameZh?: string | null;
}

/**
 * What signing in (or accepting an invitation, or refreshing) answers. The refresh token is not in the body: it is
 * set as the HttpOnly, SameSite=Strict cookie `greentable_refresh` (path /api/auth, Secure over https), exchanged at
 * POST /api/auth/refresh for a new session; each refresh token works once.
 */
export class SessionView {
  /** A JWT to send as `Authorization: Bearer <accessToken>`; keep it in memory only. */
  accessToken: string;
  /** Seconds until the access token expires. @example 900 */
  @ApiInteger()
  expiresIn: number;

  user: UserView;
}
