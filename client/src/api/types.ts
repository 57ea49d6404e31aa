/** Response and request shapes of the GreenTable REST API (/api), as the server sends them (camelCase JSON). */

export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

export type Role = 'admin' | 'facilitator' | 'member' | 'observer';
export const ROLES: readonly Role[] = ['admin', 'facilitator', 'member', 'observer'];

export type Constituency =
  | 'government'
  | 'employers'
  | 'workers'
  | 'park_management'
  | 'civil_society'
  | 'academia'
  | 'international';
/** The three ILO constituents come first: later pages weigh them against each other. */
export const CONSTITUENCIES: readonly Constituency[] = [
  'government',
  'employers',
  'workers',
  'park_management',
  'civil_society',
  'academia',
  'international',
];

export type ParkLevel = 'national' | 'provincial';
export const PARK_LEVELS: readonly ParkLevel[] = ['national', 'provincial'];

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

/** Text written in two languages; at least one is given. */
export interface LocalizedText {
  en?: string;
  zh?: string;
}

export interface FieldErrorDetail {
  field: string;
  message: string;
}

/** The one error body of the API. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldErrorDetail[];
  retryAfterSeconds?: number;
}

export interface Organization {
  id: string;
  name: LocalizedText;
  constituency: Constituency;
  region: string | null;
}

export interface User {
  id: string;
  displayName: string;
  /** Only shown to the user themself, admins and facilitators. */
  email?: string;
  role: Role;
  locale: Locale;
  active: boolean;
  organization: Organization;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

export interface Park {
  id: string;
  name: LocalizedText;
  city: string;
  province: string;
  level: ParkLevel;
  organization: Organization | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  organization: { id: string; name: LocalizedText; constituency: Constituency };
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  invitedBy: string | null;
}

/** Only the answer to creating an invitation carries its secret token. */
export interface CreatedInvitation extends Invitation {
  token: string;
  acceptPath: string;
}

export interface ActivityEntry {
  id: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
  createdAt: string;
}

export interface ItemList<T> {
  items: T[];
}

export interface Page<T> extends ItemList<T> {
  nextCursor: string | null;
}

// Requests

export interface LoginRequest {
  email: string;
  password: string;
}

export interface UpdateMeRequest {
  displayName?: string;
  locale?: Locale;
  newPassword?: string;
  currentPassword?: string;
}

export interface OrganizationInput {
  name: LocalizedText;
  constituency: Constituency;
  region?: string;
}

export interface OrganizationQuery {
  constituency?: Constituency;
  q?: string;
}

export interface UserQuery {
  organizationId?: string;
  role?: Role;
  active?: boolean;
  q?: string;
}

export interface UserUpdate {
  displayName?: string;
  role?: Role;
  organizationId?: string;
  active?: boolean;
  locale?: Locale;
}

export interface ParkQuery {
  province?: string;
  city?: string;
  level?: ParkLevel;
  q?: string;
}

export interface ParkInput {
  name: LocalizedText;
  city: string;
  province: string;
  level: ParkLevel;
  /** null detaches the park from its organization (on update). */
  organizationId?: string | null;
}

export interface InvitationRequest {
  email: string;
  organizationId: string;
  role: Role;
}

export interface AcceptInvitationRequest {
  displayName: string;
  password: string;
}

export interface ActivityQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  limit?: number;
  cursor?: string;
}
