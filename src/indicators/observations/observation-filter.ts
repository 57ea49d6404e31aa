import type { AuthUser } from '../../auth/auth-user';
import { forbidden } from '../../common/errors';
import { seesUnverified } from '../../shared/indicator-access';
import { parsePeriod } from '../../shared/periods';
import type { ObservationFilter } from '../dto/observation.dto';
import type { CurrentObservationFilter } from './observations.repository';

/**
 * The current values a user asks for (to list or to export), as far as they may see them: observers follow verified
 * values only, and asking for another status is refused; everyone else sees every status unless they pick one.
 * The indicator and scope, which need looking up, are for the caller to add.
 */
export function visibleObservations(user: AuthUser, query: ObservationFilter): CurrentObservationFilter {
  if (!seesUnverified(user) && query.status && query.status !== 'verified') throw forbidden('Observers follow verified values only');
  return {
    status: query.status ?? (seesUnverified(user) ? undefined : 'verified'),
    scopeType: query.scopeType,
    startsFrom: query.from ? parsePeriod(query.from)!.start : undefined,
    startsUntil: query.to ? parsePeriod(query.to)!.end : undefined,
  };
}
