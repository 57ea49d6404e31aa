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
import type { AgendaItemRow } from './agenda.repository';
import type { AgendaItem } from './entities/agenda-item.entity';
import type { Decision } from './entities/decision.entity';
import type { MinutesRevision } from './entities/minutes-revision.entity';
import type { RoundtableParticipant, RoundtableRole } from './entities/roundtable-participant.entity';
import type { Roundtable } from './entities/roundtable.entity';

export const toPersonRef = (u: Pick<User, 'id' | 'displayName'> | null | undefined): PersonRef | null => (u ? { id: u.id, displayName: u.displayName } : null);

export interface RoundtableSummary {
  counts: ParticipantCounts;
  verdict: BalanceVerdict;
}

/** What a roundtable's view shows of it: the entity with its creator, or the row of RoundtablesRepository.findForViewer. */
export type RoundtableViewSource = Omit<Roundtable, 'createdBy' | 'createdById' | 'calendarSequence' | 'agendaCirculatedById'> & {
  createdBy: Pick<User, 'id' | 'displayName'> | null;
};

export const toRoundtableView = (r: RoundtableViewSource, summary: RoundtableSummary, myRole: RoundtableRole | null, canManage: boolean): RoundtableView => ({
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
export const toMinutesView = (
  m: Pick<MinutesRevision, 'agendaItemId' | 'revision' | 'text' | 'createdAt'> & { author: Pick<User, 'id' | 'displayName'> | null },
): MinutesView => ({
  agendaItemId: m.agendaItemId,
  revision: m.revision,
  text: m.text,
  author: toPersonRef(m.author),
  createdAt: m.createdAt.toISOString(),
});

/** Expects item.presenter loaded. */
export const toAgendaItemView = (
  item: Omit<AgendaItem, 'presenter'> & { presenter: Pick<User, 'id' | 'displayName'> | null },
  minutes: Parameters<typeof toMinutesView>[0] | null,
): AgendaItemView => ({
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

/** An agenda item read by AgendaRepository.listForView, as the agenda shows it. */
export const agendaRowView = (row: AgendaItemRow): AgendaItemView => {
  const { presenterDisplayName, minutesRevision, minutesText, minutesCreatedAt, minutesAuthorId, minutesAuthorName, ...item } = row;
  const presenter = item.presenterId ? { id: item.presenterId, displayName: presenterDisplayName! } : null;
  const author = minutesAuthorId ? { id: minutesAuthorId, displayName: minutesAuthorName! } : null;
  const minutes =
    minutesRevision === null ? null : { agendaItemId: item.id, revision: minutesRevision, text: minutesText!, createdAt: minutesCreatedAt!, author };
  return toAgendaItemView({ ...item, presenter }, minutes);
};

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
