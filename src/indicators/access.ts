import { type AuthUser, isStaff } from '../auth/auth-user';
import type { ResolvedScope } from './scopes';

/**
 * Who reports a value: facilitators and admins for any scope; members of a park's organization (its
 * administration) for that park. Everyone else reads.
 */
export function canReport(user: Pick<AuthUser, 'role' | 'organizationId'>, scope: Pick<ResolvedScope, 'type' | 'park'>): boolean {
  if (isStaff(user as AuthUser)) return true;
  return user.role === 'member' && scope.type === 'park' && !!scope.park?.organizationId && scope.park.organizationId === user.organizationId;
}

/** Values still under verification are shown to everyone taking part; observers follow verified data only. */
export const seesUnverified = (user: Pick<AuthUser, 'role'>) => user.role !== 'observer';
