import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { Organization } from '../organizations/entities/organization.entity';
import { Park } from '../parks/entities/park.entity';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { ChannelsService } from '../realtime/channels.service';
import { DEMO_ORGANIZATIONS, DEMO_PARKS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { loadDemoLinks, loadDemoObservations } from './demo-indicators';
import { DEMO_COMMITMENTS, DEMO_DISCUSSIONS, DEMO_ROADMAP, DEMO_ROUNDTABLES, DEMO_WORKING_GROUP, type DemoThread } from './demo-world';

export interface DemoOutcome {
  loaded: boolean;
  created: {
    organizations: number;
    parks: number;
    users: number;
    roundtables: number;
    commitments: number;
    messages: number;
    observations: number;
    indicatorLinks: number;
  };
  reason?: string;
}

const NOTHING = { organizations: 0, parks: 0, users: 0, roundtables: 0, commitments: 0, messages: 0, observations: 0, indicatorLinks: 0 };

/** Loads the demo world. Idempotent: each record is found by its natural key and created only when missing. */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly activity: ActivityService,
    private readonly channels: ChannelsService,
  ) {}

  /** On a first start: load only into a database that has no users yet. */
  async loadIfEmpty(): Promise<DemoOutcome> {
    const anyUser = await this.dataSource.getRepository(User).exists();
    const demoThere = await this.dataSource.getRepository(User).existsBy({ email: DEMO_USERS[0].email });
    if (anyUser && !demoThere) return { loaded: false, created: { ...NOTHING }, reason: 'database holds other data' };
    return this.load();
  }

  async load(): Promise<DemoOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const created = { ...NOTHING };
      const orgIds = new Map<string, string>();
      for (const demo of DEMO_ORGANIZATIONS) {
        const existing = await manager
          .createQueryBuilder(Organization, 'o')
          .where("o.name->>'en' = :en", { en: demo.name.en })
          .getOne();
        const org = existing ?? (await manager.save(manager.create(Organization, { name: demo.name, constituency: demo.constituency, region: demo.region })));
        if (!existing) created.organizations++;
        orgIds.set(demo.key, org.id);
      }
      for (const demo of DEMO_PARKS) {
        const exists = await manager.createQueryBuilder(Park, 'p').where("p.name->>'en' = :en", { en: demo.name.en }).getExists();
        if (exists) continue;
        await manager.insert(Park, {
          name: demo.name,
          city: demo.city,
          province: demo.province,
          level: demo.level,
          organizationId: demo.organizationKey ? orgIds.get(demo.organizationKey)! : null,
        });
        created.parks++;
      }
      for (const demo of DEMO_USERS) {
        if (await manager.existsBy(User, { email: demo.email })) continue;
        await this.users.create(manager, null, {
          email: demo.email,
          password: DEMO_PASSWORD,
          displayName: demo.displayName,
          organizationId: orgIds.get(demo.organizationKey)!,
          role: demo.role,
          locale: demo.locale,
        });
        created.users++;
      }
      const userIds = new Map<string, string>(
        (await manager.query('SELECT id, email FROM users WHERE email = ANY($1)', [DEMO_USERS.map((u) => u.email)])).map(
          (r: { id: string; email: string }) => [r.email, r.id],
        ),
      );
      await this.loadWorld(manager, orgIds, userIds, created);
      const loaded = Object.values(created).some((n) => n > 0);
      if (loaded) await this.recordLoad(manager, created);
      return { loaded, created };
    });
  }

  /**
   * Round tables, the working group, the roadmap with its commitments, and discussions. Loaded whole or not at
   * all: the roadmap's title marks it as there.
   */
  private async loadWorld(manager: EntityManager, orgs: Map<string, string>, users: Map<string, string>, created: DemoOutcome['created']) {
    const [exists] = await manager.query(`SELECT 1 FROM roadmaps WHERE title->>'en' = $1`, [DEMO_ROADMAP.title.en]);
    if (exists) return;
    const user = (email: string) => users.get(email)!;
    const facilitator = user('facilitator@greentable.demo');

    const roundtables = new Map<string, string>();
    const decisions = new Map<string, string>();
    for (const rt of DEMO_ROUNDTABLES) {
      const [row] = await manager.query(
        `INSERT INTO roundtables (title, description, starts_at, ends_at, location_city, location_venue, location_online, location_url, status, visibility, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [rt.title, rt.description, rt.startsAt, rt.endsAt, rt.location.city ?? null, rt.location.venue ?? null, rt.location.online, rt.location.url ?? null, rt.status, rt.visibility, facilitator],
      );
      roundtables.set(rt.key, row.id);
      await this.channels.ensureChannel('roundtable', row.id, manager);
      for (const [email, [role, attended]] of Object.entries(rt.participants)) {
        await manager.query(
          'INSERT INTO roundtable_participants (roundtable_id, user_id, role, attended, added_by_id) VALUES ($1, $2, $3, $4, $5)',
          [row.id, user(email), role, attended, facilitator],
        );
      }
      for (const [position, item] of rt.agenda.entries()) {
        const [agendaItem] = await manager.query(
          `INSERT INTO roundtable_agenda_items (roundtable_id, position, title, presenter_id, presenter_name, starts_at, ends_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [row.id, position, item.title, item.presenter ? user(item.presenter) : null, item.presenterName ?? null, item.startsAt, item.endsAt],
        );
        if (item.minutes) {
          await manager.query('INSERT INTO agenda_minutes_revisions (agenda_item_id, revision, text, author_id) VALUES ($1, 1, $2, $3)', [agendaItem.id, item.minutes, facilitator]);
        }
      }
      for (const decision of rt.decisions) {
        const [d] = await manager.query(
          'INSERT INTO roundtable_decisions (roundtable_id, text, adoption, constituencies, created_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [row.id, decision.text, decision.constituencies ? 'constituencies' : 'consensus', decision.constituencies ?? [], facilitator],
        );
        decisions.set(`${rt.key}/${decision.key}`, d.id);
      }
      await this.activity.record(manager, { actorId: facilitator, action: 'roundtable.created', entityType: 'roundtable', entityId: row.id, changes: { title: rt.title, demo: true } });
      created.roundtables++;
    }

    const wg = DEMO_WORKING_GROUP;
    const [group] = await manager.query(
      `INSERT INTO working_groups (name, mandate, chair_id, formed_by_roundtable_id, status, created_by_id) VALUES ($1, $2, $3, $4, 'active', $5) RETURNING id`,
      [wg.name, wg.mandate, user(wg.chair), roundtables.get(wg.formedBy), facilitator],
    );
    for (const email of wg.members) {
      await manager.query('INSERT INTO working_group_members (working_group_id, user_id, added_by_id) VALUES ($1, $2, $3)', [group.id, user(email), facilitator]);
    }
    await this.channels.ensureChannel('working_group', group.id, manager);
    await this.activity.record(manager, { actorId: facilitator, action: 'working_group.created', entityType: 'working_group', entityId: group.id, changes: { name: wg.name, demo: true } });

    const [roadmap] = await manager.query(
      `INSERT INTO roadmaps (title, description, period_start, period_end, owner_organization_id, created_by_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [DEMO_ROADMAP.title, DEMO_ROADMAP.description, DEMO_ROADMAP.periodStart, DEMO_ROADMAP.periodEnd, orgs.get(DEMO_ROADMAP.owner), facilitator],
    );
    const commitmentIds: string[] = [];
    for (const c of DEMO_COMMITMENTS) {
      const status = c.path.length ? c.path[c.path.length - 1] : 'proposed';
      const origin = c.origin ? decisions.get(`${c.origin.roundtable}/${c.origin.decision}`)! : null;
      const [item] = await manager.query(
        `INSERT INTO action_items (roadmap_id, title, working_group_id, lead_organization_id, origin_roundtable_id, origin_decision_id, due_date,
                                   priority, policy_area, status, status_reason, progress_manual, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [roadmap.id, c.title, c.workingGroup ? group.id : null, orgs.get(c.lead), c.origin ? roundtables.get(c.origin.roundtable) : null, origin,
         c.dueDate, c.priority, c.policyArea, status, c.reason ?? null, c.progress ?? 0, facilitator],
      );
      commitmentIds.push(item.id);
      if (origin) await manager.query('UPDATE roundtable_decisions SET action_item_id = $1 WHERE id = $2', [item.id, origin]);
      for (const key of c.supporters ?? []) {
        await manager.query('INSERT INTO action_item_supporters (action_item_id, organization_id) VALUES ($1, $2)', [item.id, orgs.get(key)]);
      }
      for (const [position, [title, done]] of (c.milestones ?? []).entries()) {
        await manager.query(
          `INSERT INTO milestones (action_item_id, title, position, completed_at) VALUES ($1, $2, $3::int, CASE WHEN $4::boolean THEN now() - interval '400 days' + ($3::int * interval '60 days') END)`,
          [item.id, title, position, done],
        );
      }
      for (const [key, [stance, statement]] of Object.entries(c.positions ?? {})) {
        const author = DEMO_USERS.find((u) => u.organizationKey === key);
        await manager.query(
          'INSERT INTO constituency_positions (action_item_id, organization_id, stance, statement, author_id) VALUES ($1, $2, $3, $4, $5)',
          [item.id, orgs.get(key), stance, statement, author ? user(author.email) : null],
        );
      }
      await this.channels.ensureChannel('action_item', item.id, manager);
      await this.activity.record(manager, { actorId: facilitator, action: 'action_item.created', entityType: 'action_item', entityId: item.id, changes: { title: c.title, demo: true } });
      let from = 'proposed';
      for (const to of c.path) {
        await this.activity.record(manager, {
          actorId: facilitator,
          action: 'action_item.status_changed',
          entityType: 'action_item',
          entityId: item.id,
          changes: { status: { from, to }, reason: to === status ? (c.reason ?? null) : null },
        });
        from = to;
      }
      created.commitments++;
    }

    // Parks in the order of DEMO_PARKS: Suzhou Industrial Park first, reported by its data officer.
    const parkIds: string[] = [];
    for (const park of DEMO_PARKS) {
      const [row] = await manager.query(`SELECT id FROM parks WHERE name->>'en' = $1`, [park.name.en]);
      parkIds.push(row.id);
    }
    created.observations += await loadDemoObservations(manager, parkIds, (park) => (park === 0 ? user('park@greentable.demo') : facilitator), user('ministry@greentable.demo'));
    created.indicatorLinks += await loadDemoLinks(manager, commitmentIds, parkIds, facilitator);

    for (const discussion of DEMO_DISCUSSIONS) {
      const on = discussion.on;
      const channel =
        on === 'lobby'
          ? await this.channels.ensureChannel('lobby', null, manager)
          : on === 'working_group'
            ? await this.channels.ensureChannel('working_group', group.id, manager)
            : 'roundtable' in on
              ? await this.channels.ensureChannel('roundtable', roundtables.get(on.roundtable)!, manager)
              : await this.channels.ensureChannel('action_item', commitmentIds[on.commitment], manager);
      created.messages += await this.post(manager, channel.id, discussion.messages, user);
    }
  }

  /** Posts a thread as it would have been posted: consecutive seqs, replies pointing at their parent. */
  private async post(manager: EntityManager, channelId: string, thread: DemoThread, user: (email: string) => string): Promise<number> {
    const ids: string[] = [];
    for (const [index, [email, body, replyTo]] of thread.entries()) {
      const [row] = await manager.query(
        `WITH next AS (UPDATE channels SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
         INSERT INTO messages (channel_id, seq, author_id, client_message_id, body, parent_id, created_at)
         SELECT $1, next.last_seq, $2, $3, $4, $5, now() - ($6 * interval '1 hour') FROM next RETURNING id`,
        [channelId, user(email), `demo-${channelId}-${index}`, body, replyTo === undefined ? null : ids[replyTo], thread.length - index],
      );
      ids.push(row.id);
    }
    return ids.length;
  }

  private async recordLoad(manager: EntityManager, created: DemoOutcome['created']) {
    await this.activity.record(manager, { actorId: null, action: 'demo.loaded', entityType: 'platform', entityId: 'demo', changes: created });
    this.logger.log(`Demo world loaded: ${JSON.stringify(created)}`);
  }
}
