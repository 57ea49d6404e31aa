import { Injectable, Logger } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { IndicatorsService } from '../indicators/indicators.service';
import { OrganizationReferences } from '../organizations/organization-references.service';
import { ParksService } from '../parks/parks.service';
import { ChannelsService } from '../realtime/channels.service';
import { ActionItemsService } from '../roadmaps/action-items.service';
import { RoadmapsService } from '../roadmaps/roadmaps.service';
import { RoundtablesService } from '../roundtables/roundtables.service';
import { UsersService } from '../users/users.service';
import { VotesService } from '../votes/votes.service';
import { WorkingGroupsService } from '../working-groups/working-groups.service';
import { DEMO_ORGANIZATIONS, DEMO_PARKS, DEMO_PASSWORD, DEMO_NAMES_ZH, DEMO_SEXES, DEMO_USERS } from './demo-data';
import { demoLinks, demoObservations } from './demo-indicators';
import { DEMO_COMMITMENTS, DEMO_DISCUSSIONS, DEMO_ROADMAP, DEMO_ROUNDTABLES, DEMO_VOTES, DEMO_WORKING_GROUP, type DemoThread } from './demo-world';

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

/**
 * Loads the demo world. Idempotent: each record is found by its natural key and created only when missing. Every
 * module's records are written by that module's service (its import… methods write what they are given, in the
 * loader's one transaction), so the loader holds no SQL of its own.
 */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UsersService,
    private readonly organizations: OrganizationReferences,
    private readonly parks: ParksService,
    private readonly roundtables: RoundtablesService,
    private readonly workingGroups: WorkingGroupsService,
    private readonly roadmaps: RoadmapsService,
    private readonly actionItems: ActionItemsService,
    private readonly indicators: IndicatorsService,
    private readonly activity: ActivityService,
    private readonly channels: ChannelsService,
    private readonly votes: VotesService,
  ) {}

  /** On a first start: load only into a database that has no users yet. */
  async loadIfEmpty(): Promise<DemoOutcome> {
    const anyUser = await this.users.anyExist();
    const demoThere = await this.users.emailTaken(DEMO_USERS[0].email);
    if (anyUser && !demoThere) return { loaded: false, created: { ...NOTHING }, reason: 'database holds other data' };
    return this.load();
  }

  async load(): Promise<DemoOutcome> {
    return this.unitOfWork.run(async (tx) => {
      const created = { ...NOTHING };
      const orgIds = new Map<string, string>();
      for (const demo of DEMO_ORGANIZATIONS) {
        const { organization, created: isNew } = await this.organizations.findOrCreateByName(tx, {
          name: demo.name,
          constituency: demo.constituency,
          region: demo.region,
        });
        if (isNew) created.organizations++;
        orgIds.set(demo.key, organization.id);
      }
      const parksThere = await this.parks.idsByEnglishName(
        DEMO_PARKS.map((p) => p.name.en!),
        tx,
      );
      const newParks = DEMO_PARKS.filter((demo) => !parksThere.has(demo.name.en!)).map((demo) => ({
        name: demo.name,
        city: demo.city,
        province: demo.province,
        level: demo.level,
        organizationId: demo.organizationKey ? orgIds.get(demo.organizationKey)! : null,
      }));
      await this.parks.insertMany(tx, newParks);
      created.parks += newParks.length;
      for (const demo of DEMO_USERS) {
        if (await this.users.emailTaken(demo.email, tx)) continue;
        await this.users.create(tx, null, {
          email: demo.email,
          password: DEMO_PASSWORD,
          displayName: demo.displayName,
          organizationId: orgIds.get(demo.organizationKey)!,
          role: demo.role,
          locale: demo.locale,
          sex: DEMO_SEXES[demo.email] ?? null,
          nameZh: DEMO_NAMES_ZH[demo.email] ?? null,
        });
        created.users++;
      }
      const userIds = await this.users.idsByEmail(
        DEMO_USERS.map((u) => u.email),
        tx,
      );
      await this.loadWorld(tx, orgIds, userIds, created);
      const loaded = Object.values(created).some((n) => n > 0);
      if (loaded) await this.recordLoad(tx, created);
      return { loaded, created };
    });
  }

  /**
   * Round tables, the working group, the roadmap with its commitments, and discussions. Loaded whole or not at
   * all: the roadmap's title marks it as there.
   */
  private async loadWorld(tx: Tx, orgs: Map<string, string>, users: Map<string, string>, created: DemoOutcome['created']) {
    if (await this.roadmaps.existsWithTitle(DEMO_ROADMAP.title.en, tx)) return;
    const user = (email: string) => users.get(email)!;
    const facilitator = user('facilitator@greentable.demo');
    // A roundtable, working group or commitment is opened with its channel and recorded as created by the facilitator.
    const opened = async (kind: 'roundtable' | 'working_group' | 'action_item', id: string, changes: Record<string, unknown>) => {
      await this.channels.ensureChannel(kind, id, tx);
      await this.activity.record(tx, { actorId: facilitator, action: `${kind}.created`, entityType: kind, entityId: id, changes: { ...changes, demo: true } });
    };

    const roundtables = new Map<string, string>();
    const decisions = new Map<string, string>();
    for (const rt of DEMO_ROUNDTABLES) {
      const { id, decisionIds } = await this.roundtables.importRoundtable(tx, {
        roundtable: {
          title: rt.title,
          description: rt.description,
          startsAt: new Date(rt.startsAt),
          endsAt: new Date(rt.endsAt),
          timeZone: rt.timeZone ?? 'Asia/Shanghai',
          locationCity: rt.location.city ?? null,
          locationVenue: rt.location.venue ?? null,
          locationOnline: rt.location.online,
          locationUrl: rt.location.url ?? null,
          status: rt.status,
          visibility: rt.visibility,
          createdById: facilitator,
        },
        addedById: facilitator,
        participants: Object.entries(rt.participants).map(([email, [role, attended]]) => ({ userId: user(email), role, attended })),
        agenda: rt.agenda.map((item) => ({
          title: item.title,
          presenterId: item.presenter ? user(item.presenter) : null,
          presenterName: item.presenterName ?? null,
          startsAt: new Date(item.startsAt),
          endsAt: new Date(item.endsAt),
          minutes: item.minutes ? { text: item.minutes, authorId: facilitator } : undefined,
        })),
        decisions: rt.decisions.map((decision) => ({
          text: decision.text,
          adoption: decision.constituencies ? 'constituencies' : 'consensus',
          constituencies: decision.constituencies ?? [],
          createdById: facilitator,
        })),
      });
      roundtables.set(rt.key, id);
      rt.decisions.forEach((decision, index) => decisions.set(`${rt.key}/${decision.key}`, decisionIds[index]));
      await opened('roundtable', id, { title: rt.title });
      created.roundtables++;
    }

    const wg = DEMO_WORKING_GROUP;
    const groupId = await this.workingGroups.importGroup(
      tx,
      {
        name: wg.name,
        mandate: wg.mandate,
        chairId: user(wg.chair),
        formedByRoundtableId: roundtables.get(wg.formedBy)!,
        status: 'active',
        createdById: facilitator,
      },
      wg.members.map(user),
    );
    await opened('working_group', groupId, { name: wg.name });

    const roadmapId = await this.roadmaps.importRoadmap(tx, {
      title: DEMO_ROADMAP.title,
      description: DEMO_ROADMAP.description,
      periodStart: DEMO_ROADMAP.periodStart,
      periodEnd: DEMO_ROADMAP.periodEnd,
      ownerOrganizationId: orgs.get(DEMO_ROADMAP.owner)!,
      createdById: facilitator,
    });
    const commitmentIds: string[] = [];
    const DAY = 24 * 60 * 60 * 1000;
    for (const c of DEMO_COMMITMENTS) {
      const status = c.path.length ? c.path[c.path.length - 1] : 'proposed';
      const origin = c.origin ? decisions.get(`${c.origin.roundtable}/${c.origin.decision}`)! : null;
      const itemId = await this.actionItems.importCommitment(tx, {
        item: {
          roadmapId,
          title: c.title,
          description: {},
          workingGroupId: c.workingGroup ? groupId : null,
          leadOrganizationId: orgs.get(c.lead)!,
          originRoundtableId: c.origin ? roundtables.get(c.origin.roundtable)! : null,
          originDecisionId: origin,
          dueDate: c.dueDate,
          priority: c.priority,
          policyArea: c.policyArea,
          status,
          statusReason: c.reason ?? null,
          progressManual: c.progress ?? 0,
          createdById: facilitator,
        },
        supportingOrganizationIds: (c.supporters ?? []).map((key) => orgs.get(key)!),
        // Completed milestones spread over the years before now, 60 days apart.
        milestones: (c.milestones ?? []).map(([title, done], position) => ({
          title,
          position,
          completedAt: done ? new Date(Date.now() - 400 * DAY + position * 60 * DAY) : null,
        })),
        positions: Object.entries(c.positions ?? {}).map(([key, [stance, statement]]) => {
          const author = DEMO_USERS.find((u) => u.organizationKey === key);
          return { organizationId: orgs.get(key)!, stance, statement, authorId: author ? user(author.email) : null };
        }),
      });
      commitmentIds.push(itemId);
      await opened('action_item', itemId, { title: c.title });
      let from = 'proposed';
      for (const to of c.path) {
        await this.activity.record(tx, {
          actorId: facilitator,
          action: 'action_item.status_changed',
          entityType: 'action_item',
          entityId: itemId,
          changes: { status: { from, to }, reason: to === status ? (c.reason ?? null) : null },
        });
        from = to;
      }
      created.commitments++;
    }

    // The votes held at the Suzhou round table, and one on a commitment since: the consultation report shows them.
    for (const v of DEMO_VOTES) {
      const target =
        'decision' in v.on
          ? { kind: 'decision' as const, roundtableId: roundtables.get(v.on.roundtable)!, decisionId: decisions.get(`${v.on.roundtable}/${v.on.decision}`)! }
          : {
              kind: 'commitment' as const,
              actionItemId: commitmentIds[DEMO_COMMITMENTS.findIndex((c) => c.title.en === (v.on as { commitment: string }).commitment)],
            };
      await this.votes.importClosedVote(tx, {
        target,
        kind: v.kind,
        ballot: 'open',
        rule: v.rule,
        createdById: facilitator,
        closedAt: new Date(v.closedAt),
        ballots: Object.entries(v.ballots).map(([email, [choice, reason]]) => ({ voterId: user(email), choices: [choice], reason })),
      });
    }

    // Parks in the order of DEMO_PARKS: Suzhou Industrial Park first, reported by its data officer.
    const parkIdByName = await this.parks.idsByEnglishName(
      DEMO_PARKS.map((p) => p.name.en!),
      tx,
    );
    const parkIds = DEMO_PARKS.map((park) => parkIdByName.get(park.name.en!)!);
    created.observations += await this.indicators.importDemoObservations(
      tx,
      demoObservations(parkIds, (park) => (park === 0 ? user('park@greentable.demo') : facilitator)),
      user('ministry@greentable.demo'),
    );
    created.indicatorLinks += await this.indicators.importDemoLinks(tx, demoLinks(commitmentIds, parkIds, facilitator));

    for (const discussion of DEMO_DISCUSSIONS) {
      const on = discussion.on;
      const channel =
        on === 'lobby'
          ? await this.channels.ensureChannel('lobby', null, tx)
          : on === 'working_group'
            ? await this.channels.ensureChannel('working_group', groupId, tx)
            : 'roundtable' in on
              ? await this.channels.ensureChannel('roundtable', roundtables.get(on.roundtable)!, tx)
              : await this.channels.ensureChannel('action_item', commitmentIds[on.commitment], tx);
      created.messages += await this.post(tx, channel.id, discussion.messages, user);
    }
  }

  /** Posts a thread as it would have been posted: consecutive seqs, replies pointing at their parent. */
  private async post(tx: Tx, channelId: string, thread: DemoThread, user: (email: string) => string): Promise<number> {
    return this.channels.importDemoThread(
      tx,
      channelId,
      thread.map(([email, body, replyTo], index) => ({
        authorId: user(email),
        clientMessageId: `demo-${channelId}-${index}`,
        body,
        parentIndex: replyTo,
        hoursAgo: thread.length - index,
      })),
    );
  }

  private async recordLoad(tx: Tx, created: DemoOutcome['created']) {
    await this.activity.record(tx, { actorId: null, action: 'demo.loaded', entityType: 'platform', entityId: 'demo', changes: created });
    this.logger.log(`Demo world loaded: ${JSON.stringify(created)}`);
  }
}
