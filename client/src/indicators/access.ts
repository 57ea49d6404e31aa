import type { Observation, Park, Role } from '../api/types';

/** Why a user may not verify or reject a value, or null when they may: staff only, never the reporter. */
export function verifyBlockReason(
  user: { id: string; role: Role },
  o: Pick<Observation, 'status' | 'current' | 'reportedBy'>,
): 'notStaff' | 'ownValue' | 'notSubmitted' | null {
  if (user.role !== 'admin' && user.role !== 'facilitator') return 'notStaff';
  if (o.status !== 'submitted' || !o.current) return 'notSubmitted';
  if (o.reportedBy?.id === user.id) return 'ownValue';
  return null;
}

/** Whether the user may report or correct values for a park: staff for any, members for the parks their organization runs. */
export function mayReportFor(user: { role: Role; organization: { id: string } }, park: Pick<Park, 'organization'> | null): boolean {
  if (user.role === 'admin' || user.role === 'facilitator') return true;
  return user.role === 'member' && park !== null && park.organization?.id === user.organization.id;
}
