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
}

export const isStaff = (user: AuthUser) => user.role === 'admin' || user.role === 'facilitator';
