import { useCurrentUser } from '../auth/AuthContext';

/** Admins and facilitators: they create roundtables, working groups, roadmaps and commitments. */
export function useIsStaff(): boolean {
  const user = useCurrentUser();
  return user.role === 'admin' || user.role === 'facilitator';
}
