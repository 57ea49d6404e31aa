import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../src/auth/auth-user';
import { ChannelAccessRegistry } from '../src/realtime/channel-access.registry';
import { WorkingGroupsService } from '../src/working-groups/working-groups.service';
import { TestContext, TestUser } from './support/context';

const NOBODY = '00000000-0000-4000-8000-000000000000';
type Body = Record<string, unknown>;
const fieldsOf = (body: { details: { field: string }[] }) => body.details.map((d) => d.field).sort();
const asAuthUser = (u: TestUser): AuthUser => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  locale: 'en',
  organizationId: u.organizationId,
  constituency: u.constituency,
});

describe('working groups', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let otherFacilitator: TestUser;
  let chair: TestUser;
  let government: TestUser;
  let employer: TestUser;
  let unionist: TestUser;
  let observer: TestUser;
  let platformRoundtable: { id: string; title: Body };
  let closedRoundtable: { id: string; title: Body };

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international', name: 'Ada Admin' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international', name: 'Fei Facilitator' });
    otherFacilitator = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
    chair = await ctx.newUser({ role: 'member', constituency: 'government', name: 'Chen Chair' });
    government = await ctx.newUser({ role: 'member', constituency: 'government' });
    employer = await ctx.newUser({ role: 'member', constituency: 'employers' });
    unionist = await ctx.newUser({ role: 'member', constituency: 'workers' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    const roundtable = (visibility: string, title: string) =>
      ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({ title: { en: title }, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T17:00:00+08:00', visibility })
        .expect(201)
        .then((r) => r.body);
    platformRoundtable = await roundtable('platform', 'Suzhou roundtable');
    closedRoundtable = await roundtable('participants', 'Closed roundtable');
  });
  afterAll(() => ctx.close());

  const validGroup = (overrides: Body = {}): Body => ({
    name: { en: 'Working group on green skills', zh: '绿色技能工作组' },
    mandate: { en: 'Map skills gaps in the parks and propose training', zh: '梳理园区技能缺口并提出培训建议' },
    chairId: chair.id,
    ...overrides,
  });
  const createGroup = async (overrides: Body = {}, by: TestUser = facilitator) =>
    (await ctx.http.post('/api/working-groups').set(by.auth).send(validGroup(overrides)).expect(201)).body;
  const addMember = (id: string, user: TestUser, by: TestUser = facilitator) =>
    ctx.http.post(`/api/working-groups/${id}/members`).set(by.auth).send({ userId: user.id });

  describe('creating and reading', () => {
    it('a facilitator forms a group from a roundtable; the chair becomes a member; everyone reads it', async () => {
      const res = await ctx.http
        .post('/api/working-groups')
        .set(facilitator.auth)
        .send(validGroup({ formedByRoundtableId: platformRoundtable.id }))
        .expect(201);
      expect(res.body).toMatchObject({
        name: { en: 'Working group on green skills', zh: '绿色技能工作组' },
        chair: { id: chair.id, displayName: chair.displayName, organization: { id: chair.organizationId, constituency: 'government' } },
        formedByRoundtableId: platformRoundtable.id,
        formedByRoundtable: { id: platformRoundtable.id, title: platformRoundtable.title },
        status: 'active',
        memberCount: 1,
        verdict: 'missing',
        canManage: true,
        canManageMembers: true,
        isMember: false,
      });
      expect(await ctx.count('working_group_members', 'working_group_id = $1 AND user_id = $2', [res.body.id, chair.id])).toBe(1);
      expect(
        await ctx.count('activity', "entity_type = 'working_group' AND entity_id = $1 AND action = 'working_group.created' AND actor_id = $2", [
          res.body.id,
          facilitator.id,
        ]),
      ).toBe(1);

      for (const reader of [observer, unionist]) {
        const read = await ctx.http.get(`/api/working-groups/${res.body.id}`).set(reader.auth).expect(200);
        expect(read.body).toMatchObject({ id: res.body.id, canManage: false, canManageMembers: false });
      }
      const asChair = await ctx.http.get(`/api/working-groups/${res.body.id}`).set(chair.auth).expect(200);
      expect(asChair.body).toMatchObject({ isMember: true, canManage: false, canManageMembers: true });
    });

    it('members and observers cannot create one (403), and nothing is written', async () => {
      for (const user of [chair, observer]) {
        await ctx.http.post('/api/working-groups').set(user.auth).send(validGroup()).expect(403);
        expect(await ctx.count('working_groups', 'created_by_id = $1', [user.id])).toBe(0);
      }
    });

    it('refuses bad input with 400 naming each field, and writes nothing', async () => {
      const author = await ctx.newUser({ role: 'facilitator' });
      const inactive = await ctx.newUser();
      await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
      const post = (body: Body) => ctx.http.post('/api/working-groups').set(author.auth).send(body).expect(400);

      const shape = await post({ name: { en: '' }, chairId: 'me', formedByRoundtableId: 'that one', status: 'active' });
      expect(fieldsOf(shape.body)).toEqual(['chairId', 'formedByRoundtableId', 'mandate', 'name', 'status']);
      expect(fieldsOf((await post(validGroup({ chairId: NOBODY }))).body)).toEqual(['chairId']);
      expect(fieldsOf((await post(validGroup({ chairId: inactive.id }))).body)).toEqual(['chairId']);
      expect(fieldsOf((await post(validGroup({ formedByRoundtableId: NOBODY }))).body)).toEqual(['formedByRoundtableId']);
      // A roundtable hidden from the creator cannot be named, so a group cannot reveal it.
      const hidden = await post(validGroup({ formedByRoundtableId: closedRoundtable.id }));
      expect(hidden.body.details[0].message).toMatch(/roundtable you can see/);

      expect(await ctx.count('working_groups', 'created_by_id = $1', [author.id])).toBe(0);
      expect(await ctx.count('activity', 'actor_id = $1', [author.id])).toBe(0);
    });

    it('shows the forming roundtable only to those who may see it', async () => {
      const group = await createGroup({ formedByRoundtableId: closedRoundtable.id });
      expect(group.formedByRoundtable).toMatchObject({ id: closedRoundtable.id });
      const asOutsider = await ctx.http.get(`/api/working-groups/${group.id}`).set(unionist.auth).expect(200);
      // Neither its title nor its id: a private roundtable's id is not given away through its groups.
      expect(asOutsider.body).toMatchObject({ formedByRoundtableId: null, formedByRoundtable: null });
    });

    it('answers 404 for an unknown group and 401 without a token', async () => {
      await ctx.http.get(`/api/working-groups/${NOBODY}`).set(observer.auth).expect(404);
      await ctx.http.get(`/api/working-groups/${NOBODY}/members`).set(observer.auth).expect(404);
      await ctx.http.get('/api/working-groups').expect(401);
    });
  });

  describe('lists', () => {
    it('filters by status, forming roundtable and name, newest first, and pages', async () => {
      const token = randomUUID();
      const made: string[] = [];
      for (const n of [1, 2, 3]) {
        made.push((await createGroup({ name: { en: `Group ${n} ${token}` }, formedByRoundtableId: platformRoundtable.id })).id);
      }
      await ctx.http.post(`/api/working-groups/${made[0]}/status`).set(facilitator.auth).send({ status: 'closed' }).expect(200);

      const all = await ctx.http.get(`/api/working-groups?q=${token}`).set(observer.auth).expect(200);
      expect(all.body.items.map((g: Body) => g.id)).toEqual([...made].reverse());
      expect(all.body.items[0]).toMatchObject({ memberCount: 1, verdict: 'missing', chair: { id: chair.id } });
      const active = await ctx.http.get(`/api/working-groups?q=${token}&status=active`).set(observer.auth).expect(200);
      expect(active.body.items.map((g: Body) => g.id)).toEqual([made[2], made[1]]);
      const byRoundtable = await ctx.http.get(`/api/working-groups?formedByRoundtableId=${platformRoundtable.id}&limit=200`).set(observer.auth).expect(200);
      expect(byRoundtable.body.items.map((g: Body) => g.id)).toEqual(expect.arrayContaining(made));

      const first = await ctx.http.get(`/api/working-groups?q=${token}&limit=2`).set(observer.auth).expect(200);
      const rest = await ctx.http.get(`/api/working-groups?q=${token}&limit=2&cursor=${first.body.nextCursor}`).set(observer.auth).expect(200);
      expect([...first.body.items, ...rest.body.items].map((g: Body) => g.id)).toEqual([...made].reverse());
      expect(rest.body.nextCursor).toBeNull();

      const bad = await ctx.http.get('/api/working-groups?status=paused&formedByRoundtableId=x').set(observer.auth).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['formedByRoundtableId', 'status']);
    });
  });

  describe('membership and balance', () => {
    it('the chair and facilitators manage members; members are listed with organization and constituency; the balance follows', async () => {
      const group = await createGroup();
      const balance = async () => (await ctx.http.get(`/api/working-groups/${group.id}/balance`).set(observer.auth).expect(200)).body;

      let b = await balance();
      expect(b).toMatchObject({ verdict: 'missing', missing: ['employers', 'workers'], byConstituency: { government: 1 } });
      expect(Object.keys(b.byConstituency)).toHaveLength(7);

      // The chair (a member by platform role) adds an employer; a facilitator adds a unionist.
      const added = await addMember(group.id, employer, chair).expect(201);
      expect(added.body).toMatchObject({
        userId: employer.id,
        displayName: employer.displayName,
        constituency: 'employers',
        organization: { id: employer.organizationId, constituency: 'employers' },
        isChair: false,
      });
      expect((await balance()).missing).toEqual(['workers']);
      await addMember(group.id, unionist).expect(201);
      b = await balance();
      expect(b).toMatchObject({ verdict: 'balanced', missing: [], byConstituency: { government: 1, employers: 1, workers: 1 } });

      // Two more government officials: 3 / 1 / 1 is more than twice.
      await addMember(group.id, government).expect(201);
      await addMember(group.id, otherFacilitator, admin).expect(201);
      expect((await balance()).verdict).toBe('unbalanced');
      // A non-tripartite member does not sway the verdict.
      await addMember(group.id, observer).expect(201);
      b = await balance();
      expect(b.byConstituency.international).toBe(1);
      expect(b.verdict).toBe('unbalanced');

      const members = await ctx.http.get(`/api/working-groups/${group.id}/members`).set(unionist.auth).expect(200);
      expect(members.body.items).toHaveLength(6);
      expect(members.body.items[0]).toMatchObject({ userId: chair.id, isChair: true, constituency: 'government' });
      expect((await ctx.http.get(`/api/working-groups/${group.id}`).set(unionist.auth).expect(200)).body).toMatchObject({
        memberCount: 6,
        verdict: 'unbalanced',
        isMember: true,
      });

      await ctx.http.delete(`/api/working-groups/${group.id}/members/${government.id}`).set(chair.auth).expect(204);
      expect((await balance()).verdict).toBe('balanced');
      expect(await ctx.count('working_group_members', 'working_group_id = $1 AND user_id = $2', [group.id, government.id])).toBe(0);

      const actions = await ctx.db.query("SELECT action, actor_id FROM activity WHERE entity_type = 'working_group' AND entity_id = $1 ORDER BY id", [
        group.id,
      ]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual([
        'working_group.created',
        'working_group.member_added',
        'working_group.member_added',
        'working_group.member_added',
        'working_group.member_added',
        'working_group.member_added',
        'working_group.member_removed',
      ]);
      expect(actions[1].actor_id).toBe(chair.id);
    });

    it('refuses members who may not manage (403), bad users (400), duplicates and the chair leaving (409), writing nothing', async () => {
      const group = await createGroup();
      await addMember(group.id, unionist).expect(201);
      const inactive = await ctx.newUser();
      await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
      const before = await ctx.count('working_group_members', 'working_group_id = $1', [group.id]);

      // A plain member, even of the group, cannot change the membership.
      await addMember(group.id, employer, unionist).expect(403);
      await addMember(group.id, employer, observer).expect(403);
      await ctx.http.delete(`/api/working-groups/${group.id}/members/${chair.id}`).set(unionist.auth).expect(403);
      expect(fieldsOf((await addMember(group.id, inactive).expect(400)).body)).toEqual(['userId']);
      expect(
        fieldsOf((await ctx.http.post(`/api/working-groups/${group.id}/members`).set(facilitator.auth).send({ userId: NOBODY }).expect(400)).body),
      ).toEqual(['userId']);
      expect(
        fieldsOf((await ctx.http.post(`/api/working-groups/${group.id}/members`).set(facilitator.auth).send({ userId: 'x', role: 'chair' }).expect(400)).body),
      ).toEqual(['role', 'userId']);
      expect((await addMember(group.id, unionist).expect(409)).body.message).toMatch(/already/);
      expect((await ctx.http.delete(`/api/working-groups/${group.id}/members/${chair.id}`).set(facilitator.auth).expect(409)).body.message).toMatch(/chair/);
      await ctx.http.delete(`/api/working-groups/${group.id}/members/${employer.id}`).set(facilitator.auth).expect(404);

      expect(await ctx.count('working_group_members', 'working_group_id = $1', [group.id])).toBe(before);
      expect(await ctx.count('activity', "entity_type = 'working_group' AND entity_id = $1", [group.id])).toBe(2);
    });
  });

  describe('editing and status', () => {
    it('facilitators and admins edit; a new chair becomes a member; members cannot edit (403)', async () => {
      const group = await createGroup();
      await ctx.http
        .patch(`/api/working-groups/${group.id}`)
        .set(chair.auth)
        .send({ mandate: { en: 'Mine now' } })
        .expect(403);
      const res = await ctx.http
        .patch(`/api/working-groups/${group.id}`)
        .set(otherFacilitator.auth)
        .send({ mandate: { en: 'Also draft a training plan' }, chairId: unionist.id, formedByRoundtableId: platformRoundtable.id })
        .expect(200);
      expect(res.body).toMatchObject({
        mandate: { en: 'Also draft a training plan' },
        chair: { id: unionist.id },
        formedByRoundtable: { id: platformRoundtable.id },
        memberCount: 2,
      });
      // The former chair stays a member, now removable.
      await ctx.http.delete(`/api/working-groups/${group.id}/members/${chair.id}`).set(unionist.auth).expect(204);
      const detached = await ctx.http.patch(`/api/working-groups/${group.id}`).set(facilitator.auth).send({ formedByRoundtableId: null }).expect(200);
      expect(detached.body).toMatchObject({ formedByRoundtableId: null, formedByRoundtable: null });

      const bad = await ctx.http
        .patch(`/api/working-groups/${group.id}`)
        .set(facilitator.auth)
        .send({ chairId: NOBODY, name: { en: 'Renamed' } })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['chairId']);
      const [row] = await ctx.db.query('SELECT name, chair_id FROM working_groups WHERE id = $1', [group.id]);
      expect(row).toEqual({ name: group.name, chair_id: unionist.id });

      const history = await ctx.http.get(`/api/working-groups/${group.id}/history`).set(observer.auth).expect(200);
      expect(history.body.items.map((e: Body) => [e.action, e.actorName])).toEqual([
        ['working_group.updated', facilitator.displayName],
        ['working_group.member_removed', unionist.displayName],
        ['working_group.updated', otherFacilitator.displayName],
        ['working_group.created', facilitator.displayName],
      ]);
      expect(history.body.items[2].changes).toMatchObject({ chairId: { from: chair.id, to: unionist.id } });
    });

    it('closes, refuses a repeated move with 409 naming the allowed one, and reopens for admins only', async () => {
      const group = await createGroup();
      const move = (by: TestUser, body: Body) => ctx.http.post(`/api/working-groups/${group.id}/status`).set(by.auth).send(body);

      await move(chair, { status: 'closed' }).expect(403);
      const same = await move(facilitator, { status: 'active' }).expect(409);
      expect(same.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'Cannot move from active to active; allowed: closed',
        details: [],
        allowed: ['closed'],
      });
      expect((await move(facilitator, { status: 'closed', reason: 'Mandate fulfilled' }).expect(200)).body.status).toBe('closed');
      expect((await move(facilitator, { status: 'closed' }).expect(409)).body.allowed).toEqual(['active']);
      expect((await move(facilitator, { status: 'active' }).expect(403)).body.message).toMatch(/admin/);
      await ctx.http
        .patch(`/api/working-groups/${group.id}`)
        .set(facilitator.auth)
        .send({ status: 'active', name: { en: 'Sneaky' } })
        .expect(403);
      const [still] = await ctx.db.query('SELECT status, name FROM working_groups WHERE id = $1', [group.id]);
      expect(still).toEqual({ status: 'closed', name: group.name });
      expect(fieldsOf((await move(admin, { status: 'dormant' }).expect(400)).body)).toEqual(['status']);

      const reopened = await ctx.http.patch(`/api/working-groups/${group.id}`).set(admin.auth).send({ status: 'active' }).expect(200);
      expect(reopened.body.status).toBe('active');
      const history = await ctx.http.get(`/api/working-groups/${group.id}/history`).set(chair.auth).expect(200);
      expect(history.body.items.slice(0, 2).map((e: Body) => e.changes)).toEqual([
        { status: { from: 'closed', to: 'active' } },
        { status: { from: 'active', to: 'closed' }, reason: 'Mandate fulfilled' },
      ]);
      expect(history.body.items[0].actorName).toBe(admin.displayName);
    });
  });

  describe('access() for the realtime module', () => {
    it('lets every signed-in user read; members, the chair and admins post; null when unknown', async () => {
      const service = ctx.app.get(WorkingGroupsService);
      const group = await createGroup();
      await addMember(group.id, unionist).expect(201);

      expect(await service.access(asAuthUser(chair), group.id)).toMatchObject({ read: true, post: true });
      expect(await service.access(asAuthUser(unionist), group.id)).toMatchObject({ read: true, post: true });
      expect(await service.access(asAuthUser(admin), group.id)).toMatchObject({ read: true, post: true });
      expect(await service.access(asAuthUser(employer), group.id)).toMatchObject({ read: true, post: false });
      expect(await service.access(asAuthUser(facilitator), group.id)).toMatchObject({ read: true, post: false });
      expect(await service.access(asAuthUser(admin), NOBODY)).toBeNull();
      expect(await service.access(asAuthUser(admin), 'nope')).toBeNull();

      // The discussion channel of a group answers through it.
      const registry = ctx.app.get(ChannelAccessRegistry);
      expect(await registry.resolve(asAuthUser(unionist), 'working_group', group.id)).toMatchObject({ read: true, post: true });
      expect(await registry.resolve(asAuthUser(employer), 'working_group', group.id)).toMatchObject({ read: true, post: false });
      expect(await registry.resolve(asAuthUser(employer), 'working_group', NOBODY)).toBeNull();
    });
  });
});
