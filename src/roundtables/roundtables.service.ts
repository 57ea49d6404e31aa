import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { ActivityService, type ActivityView, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, forbidden, notFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { decodeCursor, encodeCursor, type Page } from '../common/pagination';
import { queryPrepared } from '../database/prepared';
import type { Constituency } from '../organizations/entities/organization.entity';
import { type Locale, User } from '../users/entities/user.entity';
import { roundtableBalance, type RoundtableBalance } from '../shared/balance';
import { toICalendar } from './calendar';
import {
  CreateRoundtableDto,
  HistoryQuery,
  LocationDto,
  RoundtableQuery,
  RoundtableStatusDto,
  RoundtableView,
  UpdateRoundtableDto,
} from './dto/roundtable.dto';
import { RoundtableParticipant, type RoundtableRole } from './entities/roundtable-participant.entity';
import { Roundtable } from './entities/roundtable.entity';
import { ChannelsService } from '../realtime/channels.service';
import { canManageRoundtable, canPostInRoundtable, canSeeRoundtable } from './roundtable-access';
import { checkRoundtableMove } from './roundtable-status';
import { pickText, type RoundtableSummary, toRoundtableView } from './views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Microsecond-exact text of a timestamp, so that keyset cursors never skip or repeat a row. */
const exactTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

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
    @InjectRepository(Roundtable) private readonly roundtables: Repository<Roundtable>,
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly channels: ChannelsService,
  ) {}

  // ---- visibility, shared by every service of the module ----

  /** The roundtable if the user may see it; a hidden one is reported as not found, so its existence does not leak. */
  async findVisible(manager: EntityManager, user: AuthUser, id: string, lock = false): Promise<VisibleRoundtable> {
    const roundtable = await manager.findOne(Roundtable, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!roundtable) throw notFound('Roundtable');
    const me = await manager.findOneBy(RoundtableParticipant, { roundtableId: id, userId: user.id });
    const myRole = me?.role ?? null;
    if (!canSeeRoundtable(user, roundtable.visibility, myRole)) throw notFound('Roundtable');
    return { roundtable, myRole };
  }

  /** As findVisible, then 403 unless the user is an admin or one of its facilitators. Locks the row when asked. */
  async findManageable(manager: EntityManager, user: AuthUser, id: string, lock = true): Promise<VisibleRoundtable> {
    const visible = await this.findVisible(manager, user, id, lock);
    if (!canManageRoundtable(user, visible.myRole)) throw forbidden("Only the roundtable's facilitators and admins can do this");
    return visible;
  }

  /**
   * For the realtime module: null when the roundtable does not exist or is hidden from the user. moderate (its
   * facilitators and admins) is extra, for channel moderation.
   */
  async access(user: AuthUser, roundtableId: string): Promise<{ read: boolean; post: boolean; moderate: boolean } | null> {
    if (!UUID.test(roundtableId)) return null;
    // Asked at every post in a discussion (ChannelsService.authorizePost, reused a moment): one prepared query.
    const [row] = await queryPrepared<{ visibility: Roundtable['visibility']; role: RoundtableRole | null }>(
      this.dataSource,
      'roundtable_access',
      `SELECT r.visibility, p.role FROM roundtables r
         LEFT JOIN roundtable_participants p ON p.roundtable_id = r.id AND p.user_id = $2
        WHERE r.id = $1`,
      [roundtableId, user.id],
    );
    if (!row) return null;
    const myRole = row.role;
    if (!canSeeRoundtable(user, row.visibility, myRole)) return null;
    return { read: true, post: canPostInRoundtable(user, myRole), moderate: canManageRoundtable(user, myRole) };
  }

  /** Titles of those of the given roundtables the user may see (for links from working groups). */
  async titlesVisibleTo(user: AuthUser, ids: string[]): Promise<Map<string, LocalizedText>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const qb = this.roundtables.createQueryBuilder('r').where('r.id IN (:...ids)', { ids: unique });
    this.onlyVisible(qb, user);
    return new Map((await qb.getMany()).map((r) => [r.id, r.title]));
  }

  private onlyVisible(qb: SelectQueryBuilder<Roundtable>, user: AuthUser) {
    if (user.role === 'admin') return;
    qb.andWhere(
      `(r.visibility = 'platform' OR EXISTS (SELECT 1 FROM roundtable_participants mp WHERE mp.roundtable_id = r.id AND mp.user_id = :viewerId))`,
      { viewerId: user.id },
    );
  }

  // ---- reading ----

  async list(user: AuthUser, query: RoundtableQuery): Promise<Page<RoundtableView>> {
    const limit = query.limit ?? 50;
    // Upcoming meetings read soonest first; everything else latest first.
    const ascending = query.when === 'upcoming';
    const dir = ascending ? 'ASC' : 'DESC';
    const qb = this.roundtables
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.createdBy', 'cb')
      .addSelect(exactTime('r.starts_at'), 'sort_key')
      .orderBy('r.startsAt', dir)
      .addOrderBy('r.id', dir)
      .limit(limit + 1);
    this.onlyVisible(qb, user);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.when === 'upcoming') qb.andWhere('r.ends_at >= now()');
    if (query.when === 'past') qb.andWhere('r.ends_at < now()');
    if (query.q) {
      qb.andWhere("(r.title->>'en' ILIKE :q OR r.title->>'zh' ILIKE :q OR r.location_city ILIKE :q)", {
        q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    if (query.cursor) {
      const cursor = decodeCursor<{ s?: unknown; id?: unknown }>(query.cursor);
      if (typeof cursor?.s !== 'string' || Number.isNaN(Date.parse(cursor.s)) || typeof cursor.id !== 'string' || !UUID.test(cursor.id)) {
        throw badRequest('cursor', 'cursor is malformed; pass back the nextCursor of a previous page');
      }
      qb.andWhere(`(r.starts_at, r.id) ${ascending ? '>' : '<'} (CAST(:cursorS AS timestamptz), CAST(:cursorId AS uuid))`, {
        cursorS: cursor.s,
        cursorId: cursor.id,
      });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ r_id: string; sort_key: string }>();
    const page = entities.slice(0, limit);
    const sortKeys = new Map(raw.map((row) => [row.r_id, row.sort_key]));
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
    const { roundtable, myRole } = await this.findVisible(this.dataSource.manager, user, id);
    roundtable.createdBy = roundtable.createdById ? await this.dataSource.manager.findOneBy(User, { id: roundtable.createdById }) : null;
    const summaries = await this.summaries([id]);
    return toRoundtableView(roundtable, summaries.get(id)!, myRole, canManageRoundtable(user, myRole));
  }

  /** The viewer's role at each of the given roundtables. */
  private async rolesOf(user: AuthUser, ids: string[]): Promise<Map<string, RoundtableRole>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.manager.findBy(RoundtableParticipant, { userId: user.id, roundtableId: In(ids) });
    return new Map(rows.map((p) => [p.roundtableId, p.role]));
  }

  /** Who is counted for the balance: each participant's role, attendance and organization's constituency. */
  private async countedPeople(manager: EntityManager, ids: string[]) {
    if (!ids.length) return [];
    return manager
      .createQueryBuilder(RoundtableParticipant, 'p')
      .innerJoin('p.user', 'u')
      .innerJoin('u.organization', 'o')
      .select('p.roundtable_id', 'roundtableId')
      .addSelect('p.role', 'role')
      .addSelect('p.attended', 'attended')
      .addSelect('o.constituency', 'constituency')
      .addSelect('count(*)::int', 'n')
      .where('p.roundtable_id IN (:...ids)', { ids })
      .groupBy('p.roundtable_id')
      .addGroupBy('p.role')
      .addGroupBy('p.attended')
      .addGroupBy('o.constituency')
      .getRawMany<{ roundtableId: string; role: RoundtableRole; attended: boolean | null; constituency: Constituency; n: number }>();
  }

  /** Participant counts and balance verdict of each roundtable, in one query. */
  private async summaries(ids: string[]): Promise<Map<string, RoundtableSummary>> {
    const rows = await this.countedPeople(this.dataSource.manager, ids);
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
    await this.findVisible(this.dataSource.manager, user, id);
    const rows = await this.countedPeople(this.dataSource.manager, [id]);
    return roundtableBalance(rows.flatMap((row) => Array.from({ length: row.n }, () => row)));
  }

  async calendar(user: AuthUser, id: string, lang: Locale | undefined): Promise<string> {
    const { roundtable: r } = await this.findVisible(this.dataSource.manager, user, id);
    const language = (lang ?? user.locale) === 'zh-CN' ? 'zh' : 'en';
    const place = [r.locationVenue, r.locationCity].filter(Boolean);
    if (r.locationOnline) place.push(r.locationUrl ?? (language === 'zh' ? '线上' : 'Online'));
    return toICalendar({
      uid: `roundtable-${r.id}@greentable`,
      stamp: new Date(),
      start: r.startsAt,
      end: r.endsAt,
      summary: pickText(r.title, language),
      description: pickText(r.description, language) || undefined,
      location: place.join(', ') || undefined,
      url: r.locationUrl ?? undefined,
      // Every status is a meeting that takes (or took) place; nothing here is cancelled.
      status: 'CONFIRMED',
      lastModified: r.updatedAt,
    });
  }

  async history(user: AuthUser, id: string, query: HistoryQuery): Promise<Page<ActivityView>> {
    await this.findVisible(this.dataSource.manager, user, id);
    return this.activity.list({ entityType: 'roundtable', entityId: id, limit: query.limit, cursor: query.cursor });
  }

  // ---- changing ----

  async create(actor: AuthUser, dto: CreateRoundtableDto): Promise<RoundtableView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const roundtable = await manager.save(
        manager.create(Roundtable, {
          title: cleanLocalizedText(dto.title),
          description: cleanLocalizedText(dto.description),
          startsAt: new Date(dto.startsAt),
          endsAt: new Date(dto.endsAt),
          ...locationColumns(dto.location),
          status: 'planned',
          visibility: dto.visibility ?? 'participants',
          createdById: actor.id,
        }),
      );
      // The creator runs it, so they join as its first facilitator.
      await manager.insert(RoundtableParticipant, { roundtableId: roundtable.id, userId: actor.id, role: 'facilitator', addedById: actor.id });
      await this.channels.ensureChannel('roundtable', roundtable.id, manager);
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.created',
        entityType: 'roundtable',
        entityId: roundtable.id,
        changes: { ...this.auditable(roundtable), status: roundtable.status },
      });
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
      location: { city: r.locationCity, venue: r.locationVenue, online: r.locationOnline, url: r.locationUrl },
      visibility: r.visibility,
    };
  }

  async update(actor: AuthUser, id: string, dto: UpdateRoundtableDto): Promise<RoundtableView> {
    await this.dataSource.transaction(async (manager) => {
      const { roundtable } = await this.findManageable(manager, actor, id);
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
        location: location
          ? { city: location.locationCity, venue: location.locationVenue, online: location.locationOnline, url: location.locationUrl }
          : undefined,
        visibility: dto.visibility,
      };
      const changes = diff(before, next);
      if (!Object.keys(changes).length) return;
      await manager.update(
        Roundtable,
        { id },
        Object.fromEntries(
          Object.entries({
            title: next.title,
            description: next.description,
            startsAt: dto.startsAt ? startsAt : undefined,
            endsAt: dto.endsAt ? endsAt : undefined,
            visibility: dto.visibility,
            ...(location ?? {}),
          }).filter(([, v]) => v !== undefined),
        ),
      );
      await this.activity.record(manager, { actorId: actor.id, action: 'roundtable.updated', entityType: 'roundtable', entityId: id, changes });
    });
    return this.get(actor, id);
  }

  async changeStatus(actor: AuthUser, id: string, dto: RoundtableStatusDto): Promise<RoundtableView> {
    await this.dataSource.transaction(async (manager) => {
      const { roundtable } = await this.findManageable(manager, actor, id);
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
      await manager.update(Roundtable, { id }, { status: dto.status });
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.status_changed',
        entityType: 'roundtable',
        entityId: id,
        changes: { status: { from, to: dto.status }, ...(reason ? { reason } : {}) },
      });
    });
    return this.get(actor, id);
  }
}
