import type { Sex } from '../shared/enums';
import type { Organization } from '../organizations/entities/organization.entity';
import type { LocalizedText } from '../common/localized-text';
import { toOrganizationView } from '../organizations/organizations.service';
import type { User } from '../users/entities/user.entity';
import type { AgendaItemView, MinutesView } from './dto/agenda.dto';
import type { DecisionView } from './dto/decision.dto';
import type { ParticipantView } from './dto/participant.dto';
import type { ParticipantCounts, PersonRef, RoundtableView } from './dto/roundtable.dto';
import type { BalanceVerdict } from '../shared/balance';
import type { AgendaItem } from './entities/agenda-item.entity';
import type { Decision } from './entities/decision.entity';
import type { MinutesRevision } from './entities/minutes-revision.entity';
import type { RoundtableParticipant, RoundtableRole } from './entities/roundtable-participant.entity';
import type { Roundtable } from './entities/roundtable.entity';

export const toPersonRef = (u: User | null | undefined): PersonRef | null => (u ? { id: u.id, displayName: u.displayName } : null);

export interface RoundtableSummary {
  counts: ParticipantCounts;
  verdict: BalanceVerdict;
}

export const toRoundtableView = (r: Roundtable, summary: RoundtableSummary, myRole: RoundtableRole | null, canManage: boolean): RoundtableView => ({
  id: r.id,
  title: r.title,
  description: r.description,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  timeZone: r.timeZone,
  location: { city: r.locationCity, venue: r.locationVenue, online: r.locationOnline, url: r.locationUrl },
  status: r.status,
  visibility: r.visibility,
  createdBy: toPersonRef(r.createdBy),
  participantCounts: summary.counts,
  verdict: summary.verdict,
  myRole,
  canManage,
  agendaCirculatedAt: r.agendaCirculatedAt ? r.agendaCirculatedAt.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Expects p.user.organization loaded. */
/** A participant with as much of the person and their organization as the view names. */
export type ParticipantWithPerson = Pick<RoundtableParticipant, 'userId' | 'role' | 'attended' | 'createdAt'> & {
  user: { displayName: string; sex: Sex | null; organization: Pick<Organization, 'id' | 'name' | 'constituency' | 'region'> };
};

export const toParticipantView = (p: ParticipantWithPerson): ParticipantView => ({
  userId: p.userId,
  displayName: p.user.displayName,
  role: p.role,
  attended: p.attended,
  organization: toOrganizationView(p.user.organization),
  constituency: p.user.organization.constituency,
  addedAt: p.createdAt.toISOString(),
});

/** Expects m.author loaded. */
export const toMinutesView = (m: MinutesRevision): MinutesView => ({
  agendaItemId: m.agendaItemId,
  revision: m.revision,
  text: m.text,
  author: toPersonRef(m.author),
  createdAt: m.createdAt.toISOString(),
});

/** Expects item.presenter loaded. */
export const toAgendaItemView = (item: AgendaItem, minutes: MinutesRevision | null): AgendaItemView => ({
  id: item.id,
  roundtableId: item.roundtableId,
  position: item.position,
  title: item.title,
  presenter: toPersonRef(item.presenter),
  presenterName: item.presenterName,
  startsAt: item.startsAt?.toISOString() ?? null,
  endsAt: item.endsAt?.toISOString() ?? null,
  minutes: minutes ? toMinutesView(minutes) : null,
  createdAt: item.createdAt.toISOString(),
  updatedAt: item.updatedAt.toISOString(),
});

/** Expects d.createdBy loaded. */
export const toDecisionView = (d: Decision): DecisionView => ({
  id: d.id,
  roundtableId: d.roundtableId,
  text: d.text,
  adoption: d.adoption,
  constituencies: d.constituencies,
  agendaItemId: d.agendaItemId,
  actionItemId: d.actionItemId,
  voteResult: d.voteResult ?? null,
  createdBy: toPersonRef(d.createdBy),
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

/** The reader's language, falling back to the other one. */
export const pickText = (text: LocalizedText, lang: 'en' | 'zh'): string => (lang === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh)) ?? '';
