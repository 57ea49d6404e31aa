import type { Constituency } from '../organizations/entities/organization.entity';
import type { Locale, Role } from '../users/entities/user.entity';

/** Who is making a request, as every service sees it. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  organizationId: string;
  constituency: Constituency;
}

export interface AccessTokenPayload {
  sub: string;
  role: Role;
  org: string;
  /** The token's own id, denied after a sign-out until the token expires (absent from tokens made outside sign-in). */
  jti?: string;
  exp?: number;
}

export const isStaff = (user: AuthUser) => user.role === 'admin' || user.role === 'facilitator';
