import type { MyThing, ReadableScope } from '../realtime/channel-access.registry';
import type { SearchAnswer, SearchRequest } from '../search/search.registry';
import { toThingAnswer } from '../search/thing-search';
import { Injectable } from '@nestjs/common';
import { ActivityService, type ActivityView, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, forbidden, notFound, orNotFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { encodeCursor, type Page, readCursor } from '../common/pagination';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { Locale } from '../users/entities/user.entity';
import type { Constituency } from '../shared/enums';
import { roundtableBalance, type RoundtableBalance } from '../shared/balance';
import { type CalendarEvent, toICalendar } from './calendar';
import { MailService } from '../mail/mail.service';
import {
  CreateRoundtableDto,
  HistoryQuery,
  LocationDto,
  RoundtableQuery,
  RoundtableStatusDto,
  RoundtableView,
  UpdateRoundtableDto,
} from './dto/roundtable.dto';
import type { RoundtableRole } from './entities/roundtable-participant.entity';
import type { Roundtable } from './entities/roundtable.entity';
import type { AgendaItem } from './entities/agenda-item.entity';
import type { Decision } from './entities/decision.entity';
import { ChannelsService } from '../realtime/channels.service';
import { type CountedPeopleRow, ParticipantsRepository } from './participants.repository';
import { canManageRoundtable, canPostInRoundtable, canSeeRoundtable } from './roundtable-access';
import { checkRoundtableMove } from './roundtable-status';
import { AgendaRepository } from './agenda.repository';
import { DecisionsRepository } from './decisions.repository';
import { type RoundtableRow, RoundtablesRepository, type Viewer } from './roundtables.repository';
import { pickText, type RoundtableSummary, toRoundtableView } from './views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Admins see every roundtable; others the platform-wide ones and those they take part in. */
const viewerOf = (user: AuthUser): Viewer => ({ id: user.id, seesAll: user.role === 'admin' });

/** A whole roundtable as the demo loader gives it: people by id, agenda in order, minutes as a first revision. */
export interface ImportedRoundtable {
  roundtable: RoundtableRow;
  addedById: string;
  participants: { userId: string; role: RoundtableRole; attended: boolean | null }[];
  agenda: (Pick<AgendaItem, 'title' | 'presenterId' | 'presenterName' | 'startsAt' | 'endsAt'> & { minutes?: { text: LocalizedText; authorId: string } })[];
  decisions: Pick<Decision, 'text' | 'adoption' | 'constituencies' | 'createdById'>[];
}

export interface VisibleRoundtable {
  roundtable: Roundtable;
  myRole: RoundtableRole | null;
}

const locationColumns = (location: LocationDto | undefined) => ({
  locationCity: location?.city?.trim() || null,
  locationVenue: location?.venue?.trim() || null,
  locationOnline: location?.online ?? false,
  locationUrl: location?.url?.trim() || null,
});

/** Roundtables themselves, and the visibility rules every route under a roundtable goes through. */
@Injectable()
export class RoundtablesService {
  constructor(
    private readonly roundtables: RoundtablesRepository,
    private readonly participants: ParticipantsRepository,
    private readonly agenda: AgendaRepository,
    private readonly decisions: DecisionsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly channels: ChannelsService,
    private readonly mail: MailService,
  ) {}

  // ---- visibility, shared by every service of the module ----

  /** The roundtable if the user may see it; a hidden one is reported as not found, so its existence does not leak. */
  async findVisible(tx: Tx | undefined, user: AuthUser, id: string, lock = false): Promise<VisibleRoundtable> {
    const roundtable = orNotFound(await this.roundtables.findById(id, tx, lock), 'Roundtable');
    const me = await this.participants.find(id, user.id, tx);
    const myRole = me?.role ?? null;
    if (!canSeeRoundtable(user, roundtable.visibility, myRole)) throw notFound('Roundtable');
    return { roundtable, myRole };
  }

  /** As findVisible, then 403 unless the user is an admin or one of its facilitators. Locks the row when asked. */
  async findManageable(tx: Tx, user: AuthUser, id: string, lock = true): Promise<VisibleRoundtable> {
    const visible = await this.findVisible(tx, user, id, lock);
    if (!canManageRoundtable(user, visible.myRole)) throw forbidden("Only the roundtable's facilitators and admins can do this");
    return visible;
  }

  /**
   * 404 unless the roundtable exists and the user may see it (one prepared statement), for reads that need nothing
   * of the roundtable itself; `read` is what they read of it, read at the same time and answered only then.
   */
  async readable<T>(user: AuthUser, id: string, read: Promise<T>): Promise<T> {
    const [access, result] = await Promise.all([this.access(user, id), read]);
    if (!access) throw notFound('Roundtable');
    return result;
  }

  /**
   * For the realtime module: null when the roundtable does not exist or is hidden from the user. moderate (its
   * facilitators and admins) is extra, for channel moderation.
   */
  async access(user: AuthUser, roundtableId: string): Promise<{ read: boolean; post: boolean; moderate: boolean } | null> {
    if (!UUID.test(roundtableId)) return null;
    const row = await this.roundtables.visibilityAndRole(roundtableId, user.id);
    if (!row) return null;
    const myRole = row.role;
    if (!canSeeRoundtable(user, row.visibility, myRole)) return null;
    return { read: true, post: canPostInRoundtable(user, myRole), moderate: canManageRoundtable(user, myRole) };
  }

  /**
   * For the votes module: the constituency of a person who may vote at the roundtable now (an attending participant
   * or facilitator), or null.
   */
  async voterConstituency(roundtableId: string, userId: string, tx?: Tx): Promise<Constituency | null> {
    return this.participants.attendingVoter(roundtableId, userId, tx);
  }

  /** For the speaker queue: the constituency of a participant or facilitator not recorded absent, or null. */
  async speakerConstituency(roundtableId: string, userId: string, tx?: Tx): Promise<Constituency | null> {
    return this.participants.speakerConstituency(roundtableId, userId, tx);
  }

  /** For the speaker queue: whether the agenda item is one of the roundtable's. */
  async hasAgendaItem(roundtableId: string, itemId: string, tx?: Tx): Promise<boolean> {
    return (await this.agenda.findInRoundtable(roundtableId, itemId, tx)) !== null;
  }

  /** For the consultation report: the meetings the user may see held in the year (venue time), in order of start. */
  async heldInYear(user: AuthUser, year: number): Promise<string[]> {
    return this.roundtables.heldInYear(viewerOf(user), year);
  }

  /** For the votes module: each person who may vote at the roundtable now, with their constituency. */
  async voters(roundtableId: string): Promise<{ userId: string; constituency: Constituency }[]> {
    return this.participants.attendingVoters(roundtableId);
  }

  /** For the votes module: those who may vote at the roundtable now, per constituency. */
  async electorate(roundtableId: string, tx?: Tx): Promise<Partial<Record<Constituency, number>>> {
    const rows = await this.participants.countAttendingVoters(roundtableId, tx);
    return Object.fromEntries(rows.map((r) => [r.constituency, r.n]));
  }

  /** The roundtable an agenda item or decision belongs to, or null when there is no such thing (for attachments). */
  async roundtableOf(kind: 'agenda_item' | 'decision', id: string): Promise<string | null> {
    if (!UUID.test(id)) return null;
    const row = kind === 'agenda_item' ? await this.agenda.findWithPresenter(id) : await this.decisions.findWithAuthor(id);
    return row?.roundtableId ?? null;
  }

  /** Which roundtables' discussions the user may read, for queries over many channels at once (as access() decides one). */
  async readableScope(user: AuthUser): Promise<ReadableScope> {
    return viewerOf(user).seesAll ? { all: true } : { except: await this.roundtables.hiddenFrom(user.id) };
  }

  /** The roundtables a person takes part in, for their list of channels. */
  async takingPart(user: AuthUser): Promise<MyThing[]> {
    return this.roundtables.takingPart(user.id);
  }

  /** Search over the roundtables the searcher may see. */
  async search(request: SearchRequest): Promise<SearchAnswer> {
    return toThingAnswer('roundtable', await this.roundtables.search(viewerOf(request.user), request), request);
  }

  /** A roundtable's title (for naming its discussion in notifications), or null when there is none. */
  async titleOf(id: string): Promise<LocalizedText | null> {
    if (!UUID.test(id)) return null;
    return (await this.roundtables.findById(id))?.title ?? null;
  }

  /** Titles of those of the given roundtables the user may see (for links from working groups). */
  async titlesVisibleTo(user: AuthUser, ids: string[]): Promise<Map<string, LocalizedText>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return new Map((await this.roundtables.findVisibleAmong(viewerOf(user), unique)).map((r) => [r.id, r.title]));
  }

  // ---- reading ----

  async list(user: AuthUser, query: RoundtableQuery): Promise<Page<RoundtableView>> {
    const limit = query.limit ?? 50;
    // Upcoming meetings read soonest first; everything else latest first.
    const ascending = query.when === 'upcoming';
    const cursor = readCursor(query.cursor, { s: 'timestamp', id: 'uuid' });
    const after = cursor ? { startsAt: cursor.s, id: cursor.id } : undefined;
    const { rows: entities, sortKeys } = await this.roundtables.findPage(viewerOf(user), {
      status: query.status,
      when: query.when,
      q: query.q,
      after,
      ascending,
      limit: limit + 1,
    });
    const page = entities.slice(0, limit);
    const ids = page.map((r) => r.id);
    const [summaries, roles] = await Promise.all([this.summaries(ids), this.rolesOf(user, ids)]);
    const items = page.map((r) => {
      const myRole = roles.get(r.id) ?? null;
      return toRoundtableView(r, summaries.get(r.id)!, myRole, canManageRoundtable(user, myRole));
    });
    const last = page[page.length - 1];
    return { items, nextCursor: entities.length > limit ? encodeCursor({ s: sortKeys.get(last.id), id: last.id }) : null };
  }

  async get(user: AuthUser, id: string): Promise<RoundtableView> {
    // The roundtable with its creator and the viewer's role (one prepared statement) and its counts are read at the
    // same time; the counts are dropped unread when it is hidden.
    const [found, summaries] = await Promise.all([this.roundtables.findForViewer(id, user.id), this.summaries([id])]);
    if (!found || !canSeeRoundtable(user, found.roundtable.visibility, found.myRole)) throw notFound('Roundtable');
    return toRoundtableView(found.roundtable, summaries.get(id)!, found.myRole, canManageRoundtable(user, found.myRole));
  }

  /** The viewer's role at each of the given roundtables. */
  private async rolesOf(user: AuthUser, ids: string[]): Promise<Map<string, RoundtableRole>> {
    const rows = await this.participants.findOfUser(user.id, ids);
    return new Map(rows.map((p) => [p.roundtableId, p.role]));
  }

  /** Who is counted for the balance: each participant's role, attendance and organization's constituency. */
  private async countedPeople(ids: string[]): Promise<CountedPeopleRow[]> {
    return this.participants.countPeople(ids);
  }

  /** Participant counts and balance verdict of each roundtable, in one query. */
  private async summaries(ids: string[]): Promise<Map<string, RoundtableSummary>> {
    const rows = await this.countedPeople(ids);
    const out = new Map<string, RoundtableSummary>();
    for (const id of ids) {
      const mine = rows.filter((row) => row.roundtableId === id);
      const people = mine.flatMap((row) => Array.from({ length: row.n }, () => ({ role: row.role, attended: row.attended, constituency: row.constituency })));
      const count = (role: RoundtableRole) => mine.filter((row) => row.role === role).reduce((sum, row) => sum + row.n, 0);
      out.set(id, {
        counts: {
          facilitator: count('facilitator'),
          participant: count('participant'),
          observer: count('observer'),
          attended: mine.filter((row) => row.attended === true).reduce((sum, row) => sum + row.n, 0),
          total: mine.reduce((sum, row) => sum + row.n, 0),
        },
        verdict: roundtableBalance(people).verdict,
      });
    }
    return out;
  }

  async balance(user: AuthUser, id: string): Promise<RoundtableBalance> {
    await this.findVisible(undefined, user, id);
    const rows = await this.countedPeople([id]);
    return roundtableBalance(rows.flatMap((row) => Array.from({ length: row.n }, () => row)));
  }

  /** The meeting as an iCalendar event in one language, in the venue's time zone. */
  private calendarEvent(r: Roundtable, language: 'en' | 'zh'): CalendarEvent {
    const place = [r.locationVenue, r.locationCity].filter(Boolean);
    if (r.locationOnline) place.push(r.locationUrl ?? (language === 'zh' ? '线上' : 'Online'));
    return {
      uid: `roundtable-${r.id}@greentable`,
      stamp: new Date(),
      start: r.startsAt,
      end: r.endsAt,
      timeZone: r.timeZone,
      sequence: r.calendarSequence,
      summary: pickText(r.title, language),
      description: pickText(r.description, language) || undefined,
      location: place.join(', ') || undefined,
      url: r.locationUrl ?? undefined,
      // Every status is a meeting that takes (or took) place; nothing here is cancelled.
      status: 'CONFIRMED',
      lastModified: r.updatedAt,
    };
  }

  async calendar(user: AuthUser, id: string, lang: Locale | undefined): Promise<string> {
    const { roundtable: r } = await this.findVisible(undefined, user, id);
    const language = (lang ?? user.locale) === 'zh-CN' ? 'zh' : 'en';
    return toICalendar(this.calendarEvent(r, language));
  }

  /**
   * Mails the calendar invitation (REQUEST; an update when `update`) or its cancellation to the given people, in the
   * transaction of the change: each gets the .ics naming them as attendee, in their language.
   */
  async mailCalendar(tx: Tx, roundtableId: string, userIds: string[], method: 'REQUEST' | 'CANCEL', update = false): Promise<void> {
    if (!userIds.length) return;
    const r = orNotFound(await this.roundtables.findById(roundtableId, tx), 'Roundtable');
    const organizer = this.mail.organizer();
    const when = (lang: 'en' | 'zh', timeZone: string) => {
      const zone = r.timeZone || timeZone;
      const format = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
      return `${format.formatRange(r.startsAt, r.endsAt)} (${zone})`;
    };
    await this.mail.calendar(tx, {
      userIds,
      method,
      update,
      title: r.title,
      when,
      place: [r.locationVenue, r.locationCity, r.locationOnline ? (r.locationUrl ?? 'Online') : null].filter(Boolean).join(', '),
      path: `/roundtables/${r.id}`,
      ics: (lang, attendee) =>
        toICalendar({
          ...this.calendarEvent(r, lang),
          method,
          status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
          url: this.mail.link(`/roundtables/${r.id}`),
          organizer,
          attendee,
        }),
    });
  }

  /** Records when (and by whom) the agenda was circulated. */
  async markAgendaCirculated(tx: Tx, id: string, byId: string, at: Date): Promise<void> {
    await this.roundtables.update(tx, id, { agendaCirculatedAt: at, agendaCirculatedById: byId });
  }

  async history(user: AuthUser, id: string, query: HistoryQuery): Promise<Page<ActivityView>> {
    await this.findVisible(undefined, user, id);
    return this.activity.list({ entityType: 'roundtable', entityId: id, limit: query.limit, cursor: query.cursor });
  }

  // ---- changing ----

  async create(actor: AuthUser, dto: CreateRoundtableDto): Promise<RoundtableView> {
    const id = await this.unitOfWork.run(async (tx) => {
      const roundtable = await this.roundtables.insert(tx, {
        title: cleanLocalizedText(dto.title),
        description: cleanLocalizedText(dto.description),
        startsAt: new Date(dto.startsAt),
        endsAt: new Date(dto.endsAt),
        timeZone: dto.timeZone ?? 'UTC',
        ...locationColumns(dto.location),
        status: 'planned',
        visibility: dto.visibility ?? 'participants',
        createdById: actor.id,
      });
      // The creator runs it, so they join as its first facilitator.
      await this.participants.insert(tx, [{ roundtableId: roundtable.id, userId: actor.id, role: 'facilitator', addedById: actor.id }]);
      await this.channels.ensureChannel('roundtable', roundtable.id, tx);
      await this.activity.recordBy(tx, actor, 'roundtable.created', roundtable.id, { ...this.auditable(roundtable), status: roundtable.status });
      return roundtable.id;
    });
    return this.get(actor, id);
  }

  /** The fields a user edits, in the shape they edit them, for audit diffs. */
  private auditable(r: Roundtable) {
    return {
      title: r.title,
      description: r.description,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      timeZone: r.timeZone,
      location: { city: r.locationCity, venue: r.locationVenue, online: r.locationOnline, url: r.locationUrl },
      visibility: r.visibility,
    };
  }

  async update(actor: AuthUser, id: string, dto: UpdateRoundtableDto): Promise<RoundtableView> {
    await this.unitOfWork.run(async (tx) => {
      const { roundtable } = await this.findManageable(tx, actor, id);
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : roundtable.startsAt;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : roundtable.endsAt;
      if (endsAt <= startsAt) throw badRequest('endsAt', 'endsAt must be after startsAt');
      const before = this.auditable(roundtable);
      const location = dto.location ? locationColumns(dto.location) : undefined;
      const next = {
        title: dto.title ? cleanLocalizedText(dto.title) : undefined,
        description: dto.description ? cleanLocalizedText(dto.description) : undefined,
        startsAt: dto.startsAt ? startsAt.toISOString() : undefined,
        endsAt: dto.endsAt ? endsAt.toISOString() : undefined,
        timeZone: dto.timeZone,
        location: location
          ? { city: location.locationCity, venue: location.locationVenue, online: location.locationOnline, url: location.locationUrl }
          : undefined,
        visibility: dto.visibility,
      };
      const changes = diff(before, next);
      if (!Object.keys(changes).length) return;
      await this.roundtables.update(
        tx,
        id,
        Object.fromEntries(
          Object.entries({
            title: next.title,
            description: next.description,
            startsAt: dto.startsAt ? startsAt : undefined,
            endsAt: dto.endsAt ? endsAt : undefined,
            timeZone: dto.timeZone,
            visibility: dto.visibility,
            ...(location ?? {}),
          }).filter(([, v]) => v !== undefined),
        ),
      );
      await this.activity.recordBy(tx, actor, 'roundtable.updated', id, changes);
      // A new time or place is a calendar update: a higher SEQUENCE, mailed to everyone taking part.
      if (changes.startsAt || changes.endsAt || changes.timeZone || changes.location) {
        await this.roundtables.update(tx, id, { calendarSequence: roundtable.calendarSequence + 1 });
        const people = (await this.participants.userIds(id, tx)).filter((userId) => userId !== actor.id);
        await this.mailCalendar(tx, id, people, 'REQUEST', true);
      }
    });
    return this.get(actor, id);
  }

  async changeStatus(actor: AuthUser, id: string, dto: RoundtableStatusDto): Promise<RoundtableView> {
    await this.unitOfWork.run(async (tx) => {
      const { roundtable } = await this.findManageable(tx, actor, id);
      const from = roundtable.status;
      const check = checkRoundtableMove(from, dto.status, actor.role === 'admin');
      if (!check.ok && check.problem === 'not_allowed') {
        throw conflict(`Cannot move from ${from} to ${dto.status}; allowed: ${check.allowed.join(', ') || 'none'}`, { allowed: check.allowed });
      }
      if (!check.ok) throw forbidden('Only an admin can reopen a concluded roundtable');
      const reason = dto.reason?.trim() || null;
      if (check.needsReason && !reason) {
        throw badRequest('reason', 'reason is required to reopen a concluded roundtable');
      }
      await this.roundtables.update(tx, id, { status: dto.status });
      await this.activity.recordBy(tx, actor, 'roundtable.status_changed', id, { status: { from, to: dto.status }, ...(reason ? { reason } : {}) });
    });
    return this.get(actor, id);
  }

  /**
   * For the demo loader, inside its transaction: writes a roundtable with its participants, agenda, minutes and
   * decisions as given (no checks, no activity records). Returns its id and its decisions' ids, in order.
   */
  async importRoundtable(tx: Tx, input: ImportedRoundtable): Promise<{ id: string; decisionIds: string[] }> {
    const id = await this.roundtables.insertReturningId(tx, input.roundtable);
    await this.participants.insert(
      tx,
      input.participants.map((p) => ({ roundtableId: id, userId: p.userId, role: p.role, attended: p.attended, addedById: input.addedById })),
    );
    const itemIds = await this.agenda.insertMany(
      tx,
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- minutes are destructured only to leave them out of the row
      input.agenda.map(({ minutes: _minutes, ...item }, position) => ({ ...item, roundtableId: id, position })),
    );
    await this.agenda.insertRevisions(
      tx,
      input.agenda.flatMap(({ minutes }, index) =>
        minutes ? [{ agendaItemId: itemIds[index], revision: 1, text: minutes.text, authorId: minutes.authorId }] : [],
      ),
    );
    const decisionIds = await this.decisions.insertMany(
      tx,
      input.decisions.map((decision) => ({ ...decision, roundtableId: id })),
    );
    return { id, decisionIds };
  }
}
