import { isStaffRole, type CurrentStatus, type ObservationStatus, type Role, type ScopeType } from './enums';

/**
 * Who reports a value: facilitators and admins for any scope; members of a park's organization (its
 * administration) for that park. Everyone else reads.
 */
export function canReport(user: { role: Role; organizationId: string }, scope: { type: ScopeType; park: { organizationId: string | null } | null }): boolean {
  if (isStaffRole(user.role)) return true;
  return user.role === 'member' && scope.type === 'park' && !!scope.park?.organizationId && scope.park.organizationId === user.organizationId;
}

/** Values still under verification are shown to everyone taking part; observers follow verified data only. */
export const seesUnverified = (user: { role: Role }) => user.role !== 'observer';

/** Why a user may not verify or reject a value, or null when they may: staff only, never the reporter. */
export function verifyBlockReason(
  user: { id: string; role: Role },
  o: { status: CurrentStatus | ObservationStatus; current: boolean; reportedBy: { id: string } | null },
): 'notStaff' | 'ownValue' | 'notSubmitted' | null {
  if (!isStaffRole(user.role)) return 'notStaff';
  if (o.status !== 'submitted' || !o.current) return 'notSubmitted';
  if (o.reportedBy?.id === user.id) return 'ownValue';
  return null;
}
