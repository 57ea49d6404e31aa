import { randomUUID } from 'node:crypto';
import { TestContext, TestUser } from './support/context';

const HEADER = 'indicator_code,scope_type,scope,period,disaggregation,value,source,notes';

describe('approval of park periods up the levels, locking and unlocking', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let officer: TestUser;
  let cityApprover: TestUser;
  let provinceApprover: TestUser;
  let stranger: TestUser;
  const tag = randomUUID().slice(0, 6);
  const province = `Approval ${tag}`;
  const city = `Nanjing ${tag}`;
  let park: string;
  let valueId: string;

  const approvals = (path: string, user: TestUser, body: Record<string, unknown>) => ctx.http.post(`/api/approvals/${path}`).set(user.auth).send(body);
  type Row = { id: string; period: string; state: string; canApprove: boolean; canUnlock: boolean; steps: unknown[] };
  /** The park's period as `user` sees it in the list. */
  const seen = async (user: TestUser, period: string): Promise<Row> => {
    const res = await ctx.http.get(`/api/approvals?parkId=${park}`).set(user.auth).expect(200);
    return (res.body.items as Row[]).find((a) => a.period === period)!;
  };
  const mayApprove = async (users: TestUser[], period: string) => Promise.all(users.map(async (u) => (await seen(u, period)).canApprove));
  const mayUnlock = async (users: TestUser[], period: string) => Promise.all(users.map(async (u) => (await seen(u, period)).canUnlock));
  const upload = (user: TestUser, csv: string) =>
    ctx.http.post('/api/observations/import').set(user.auth).attach('file', Buffer.from(csv, 'utf8'), { filename: 'v.csv', contentType: 'text/csv' });

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    officer = await ctx.newUser({ role: 'member', constituency: 'park_management' });
    cityApprover = await ctx.newUser({ role: 'member', constituency: 'government' });
    provinceApprover = await ctx.newUser({ role: 'member', constituency: 'government' });
    stranger = await ctx.newUser({ role: 'member', constituency: 'workers' });
    const [row] = await ctx.db.query(`INSERT INTO parks (name, city, province, level, organization_id) VALUES ($1, $2, $3, 'national', $4) RETURNING id`, [
      JSON.stringify({ en: `Approval Park ${tag}` }),
      city,
      province,
      officer.organizationId,
    ]);
    park = row.id;
    const res = await ctx.http
      .post('/api/observations')
      .set(officer.auth)
      .send({ indicatorId: 'DW.DIALOGUE_MEETINGS', scopeType: 'park', parkId: park, period: '2024-03', value: 2 })
      .expect(201);
    valueId = res.body.id;
  });
  afterAll(() => ctx.close());

  it('admins give approver roles per scope; others may not, and bad scopes are refused', async () => {
    await approvals('approvers', facilitator, { userId: cityApprover.id, level: 'city', province, city }).expect(403);
    const bad = await approvals('approvers', admin, { userId: cityApprover.id, level: 'city', province }).expect(400);
    expect(bad.body.details[0].field).toBe('city');
    const unknown = await approvals('approvers', admin, { userId: cityApprover.id, level: 'city', province, city: 'Nowhere' }).expect(400);
    expect(unknown.body.details[0].field).toBe('city');
    const granted = await approvals('approvers', admin, { userId: cityApprover.id, level: 'city', province, city }).expect(201);
    expect(granted.body).toMatchObject({ user: { id: cityApprover.id }, level: 'city', province, city });
    const duplicate = await approvals('approvers', admin, { userId: cityApprover.id, level: 'city', province, city }).expect(409);
    expect(duplicate.body.details).toEqual([{ field: 'userId', message: 'This person approves at this level for this scope already' }]);
    await approvals('approvers', admin, { userId: provinceApprover.id, level: 'province', province }).expect(201);
    expect(await ctx.count('approver_roles', 'province = $1', [province])).toBe(2);
  });

  it('the list of approvers says who they are, their organization, and which admin gave the role; facilitators read it, members do not', async () => {
    await ctx.http.get('/api/approvals/approvers').set(stranger.auth).expect(403);
    const res = await ctx.http.get('/api/approvals/approvers').set(facilitator.auth).expect(200);
    const mine = res.body.items.filter((a: { province: string }) => a.province === province);
    expect(mine).toEqual([
      // The province's approver first, then its cities'.
      expect.objectContaining({
        user: expect.objectContaining({ id: provinceApprover.id }),
        level: 'province',
        city: null,
        grantedBy: { id: admin.id, displayName: admin.displayName },
      }),
      {
        id: expect.any(String),
        user: { id: cityApprover.id, displayName: cityApprover.displayName, organization: expect.objectContaining({ id: cityApprover.organizationId }) },
        level: 'city',
        province,
        city,
        grantedBy: { id: admin.id, displayName: admin.displayName },
        createdAt: expect.stringMatching(/Z$/),
      },
    ]);
  });

  it('the park directory lists its provinces with their cities, for the approver form', async () => {
    const res = await ctx.http.get('/api/parks/areas').set(admin.auth).expect(200);
    expect(res.body.items).toContainEqual({ province, cities: [city] });
    const provinces = res.body.items.map((a: { province: string }) => a.province);
    expect(provinces).toEqual([...provinces].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('the park submits; approval by the wrong level is refused; the city then the province approve, which locks', async () => {
    await approvals('submit', stranger, { parkId: park, period: '2024-03' }).expect(403);
    await approvals('approve', cityApprover, { parkId: park, period: '2024-03' }).expect(409); // not submitted yet
    const submitted = await approvals('submit', officer, { parkId: park, period: '2024-03' }).expect(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', awaiting: 'city', locked: false, canApprove: false, canUnlock: false });
    // Awaiting the city: only the city's approver may approve it; nobody may unlock it.
    expect(await mayApprove([cityApprover, provinceApprover, stranger, officer, facilitator, admin], '2024-03')).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(await mayUnlock([admin, facilitator, cityApprover], '2024-03')).toEqual([false, false, false]);

    const wrong = await approvals('approve', provinceApprover, { parkId: park, period: '2024-03' }).expect(403);
    expect(wrong.body.message).toBe('This period awaits city-level approval: you approve at province level');
    await approvals('approve', stranger, { parkId: park, period: '2024-03' }).expect(403);
    await approvals('approve', facilitator, { parkId: park, period: '2024-03' }).expect(403);

    const cityApproved = await approvals('approve', cityApprover, { parkId: park, period: '2024-03' }).expect(200);
    expect(cityApproved.body).toMatchObject({ state: 'city_approved', canApprove: false });
    expect(await mayApprove([cityApprover, provinceApprover, stranger], '2024-03')).toEqual([false, true, false]);
    await approvals('approve', cityApprover, { parkId: park, period: '2024-03' }).expect(403); // awaits the province now
    const locked = await approvals('approve', provinceApprover, { parkId: park, period: '2024-03' }).expect(200);
    expect(locked.body).toMatchObject({ state: 'locked', locked: true, awaiting: null, canApprove: false, canUnlock: false });
    expect(await mayApprove([cityApprover, provinceApprover], '2024-03')).toEqual([false, false]);
    // Locked: only an admin may unlock it.
    expect(await mayUnlock([admin, facilitator, provinceApprover, stranger], '2024-03')).toEqual([true, false, false, false]);
    expect(locked.body.steps.map((s: { step: string; actor: { id: string } }) => [s.step, s.actor.id])).toEqual([
      ['submitted', officer.id],
      ['city_approved', cityApprover.id],
      ['province_approved', provinceApprover.id],
    ]);
    expect(await ctx.count('activity', `action LIKE 'period_approval.%' AND entity_id = $1`, [locked.body.id])).toBe(3);
  });

  it('a locked period refuses a report, a correction and an import row (409 / the row named), changing nothing', async () => {
    const before = await ctx.count('observations', 'park_id = $1', [park]);
    const reported = await ctx.http
      .post('/api/observations')
      .set(officer.auth)
      .send({ indicatorId: 'GJ.GREEN_JOBS', scopeType: 'park', parkId: park, period: '2024-03', value: 10 })
      .expect(409);
    expect(reported.body.message).toContain('2024-03');
    expect(reported.body.lock).toMatchObject({ period: '2024-03' });
    const corrected = await ctx.http.post(`/api/observations/${valueId}/correct`).set(facilitator.auth).send({ value: 3 }).expect(409);
    expect(corrected.body.details).toEqual([
      { field: 'period', message: 'the period 2024-03 of this park is approved and locked: an admin must unlock it first' },
    ]);
    const csv = [HEADER, `DW.DIALOGUE_MEETINGS,park,${park},2024-02,,1,,`, `DW.DIALOGUE_MEETINGS,park,${park},2024-03,,5,,`].join('\n');
    const imported = await upload(officer, csv).expect(400);
    expect(imported.body.errors).toEqual([
      { row: 3, field: 'period', message: 'the period 2024-03 of this park is approved and locked: an admin must unlock it first' },
    ]);
    expect(await ctx.count('observations', 'park_id = $1', [park])).toBe(before);
    // other periods stay open
    await ctx.http
      .post('/api/observations')
      .set(officer.auth)
      .send({ indicatorId: 'DW.DIALOGUE_MEETINGS', scopeType: 'park', parkId: park, period: '2024-04', value: 1 })
      .expect(201);
  });

  it('a locked year covers its months', async () => {
    await approvals('submit', officer, { parkId: park, period: '2023' }).expect(200);
    await approvals('approve', cityApprover, { parkId: park, period: '2023' }).expect(200);
    await approvals('approve', provinceApprover, { parkId: park, period: '2023' }).expect(200);
    await ctx.http
      .post('/api/observations')
      .set(officer.auth)
      .send({ indicatorId: 'DW.DIALOGUE_MEETINGS', scopeType: 'park', parkId: park, period: '2023-07', value: 1 })
      .expect(409);
  });

  it('only an admin unlocks, with a reason, and the unlock is audited; the value can then be corrected', async () => {
    await approvals('unlock', facilitator, { parkId: park, period: '2024-03', reason: 'typo' }).expect(403);
    const before = await seen(admin, '2024-03');
    const noReason = await approvals('unlock', admin, { parkId: park, period: '2024-03' }).expect(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const blank = await approvals('unlock', admin, { parkId: park, period: '2024-03', reason: '   ' }).expect(400);
    expect(blank.body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    // Refused, it changed nothing: still locked, the same steps, nothing audited.
    expect(await seen(admin, '2024-03')).toEqual(before);
    expect(await ctx.count('activity', `action = 'period_approval.unlocked' AND entity_id = $1`, [before.id])).toBe(0);
    const res = await approvals('unlock', admin, { parkId: park, period: '2024-03', reason: 'The park found a typo in March' }).expect(200);
    expect(res.body).toMatchObject({ state: 'reopened', locked: false, canUnlock: false, canApprove: false });
    expect(res.body.steps.at(-1)).toMatchObject({ step: 'unlocked', actor: { id: admin.id }, reason: 'The park found a typo in March' });
    const [audit] = await ctx.db.query(`SELECT actor_id, changes FROM activity WHERE action = 'period_approval.unlocked' AND entity_id = $1`, [res.body.id]);
    expect(audit.actor_id).toBe(admin.id);
    expect(audit.changes).toMatchObject({ reason: 'The park found a typo in March', state: { from: 'locked', to: 'reopened' } });
    await approvals('unlock', admin, { parkId: park, period: '2024-03', reason: 'again' }).expect(409);
    await ctx.http.post(`/api/observations/${valueId}/correct`).set(officer.auth).send({ value: 3 }).expect(201);
    const list = await ctx.http.get(`/api/approvals?parkId=${park}`).set(stranger.auth).expect(200);
    expect(list.body.items.map((a: { period: string; state: string }) => [a.period, a.state])).toEqual([
      ['2024-03', 'reopened'],
      ['2023', 'locked'],
    ]);
  });
});
