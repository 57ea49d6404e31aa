import type { AuthUser } from '../auth/auth-user';
import type { RoundtableRole } from './entities/roundtable-participant.entity';
import type { RoundtableVisibility } from './entities/roundtable.entity';

/** Admins see everything; a platform roundtable is open to every signed-in user; otherwise only those taking part. */
export const canSeeRoundtable = (user: AuthUser, visibility: RoundtableVisibility, myRole: RoundtableRole | null) =>
  user.role === 'admin' || visibility === 'platform' || myRole !== null;

/** Admins and the roundtable's own facilitators keep it: details, status, participants, agenda, minutes, decisions. */
export const canManageRoundtable = (user: AuthUser, myRole: RoundtableRole | null) => user.role === 'admin' || myRole === 'facilitator';

/** Who may speak in its discussion: admins and those taking part as participant or facilitator (observers only read). */
export const canPostInRoundtable = (user: AuthUser, myRole: RoundtableRole | null) =>
  user.role === 'admin' || myRole === 'participant' || myRole === 'facilitator';
