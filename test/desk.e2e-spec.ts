import { randomUUID } from 'node:crypto';
import { TestContext, TestUser } from './support/context';

interface Line {
  id: string;
}
interface Section<T = Line> {
  total: number;
  items: T[];
}
interface ReportDue {
  indicator: { id: string; code: string };
  park: { id: string };
  period: string;
  due: string;
  overdue: boolean;
}
interface Desk {
  meetings: Section<Line & { myRole: string; timeZone: string }>;
  positionsAwaited: Section | null;
  toVerify: Section<Line & { indicator: { code: string }; scope: { park: { id: string } | null } }> | null;
  followUp: Section | null;
  approvals: Section<Line & { park: { id: string }; period: string; awaiting: string }> | null;
  toCorrect: Section<Line & { rejectionReason: string | null; period: string }> | null;
  reportsDue: Section<ReportDue> | null;
  unread: { channels: number; mentions: number; items: { id: string; unread: number }[] };
  overdueCommitments: Section<Line & { dueDate: string; status: string }> | null;
}

/** The desk per person: GET /api/desk answers each role what waits for them, and nobody else's. */
describe('my desk', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let otherFacilitator: TestUser;
  let government: TestUser;
  let union: TestUser;
  let otherUnion: TestUser;
  let officer: TestUser;
  let approver: TestUser;
  let observer: TestUser;
  const tag = randomUUID().slice(0, 6);
  const TAG = tag.toUpperCase().replace(/[^A-Z0-9]/g, 'X');
  // Sorts first among the indicators due the same day, so the park's first report due is this one's.
  const code = `A.DESK_${TAG}`;
  const province = `Desk ${tag}`;
  let parkId: string;
  let roadmapId: string;
  const items: Record<'awaited' | 'overdue' | 'othersOnly' | 'done', string> = { awaited: '', overdue: '', othersOnly: '', done: '' };

  const desk = async (user: TestUser): Promise<Desk> => (await ctx.http.get('/api/desk').set(user.auth).expect(200)).body as Desk;
  const ids = (section: Section | null) => (section?.items ?? []).map((i) => i.id);

  const commitment = async (title: string, lead: string, supporters: string[], dueDate: string) =>
    (
      await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({ roadmapId, title: { en: `${title} ${tag}` }, leadOrganizationId: lead, supportingOrganizationIds: supporters, dueDate, policyArea: 'skills' })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    otherFacilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    government = await ctx.newUser({ role: 'member', constituency: 'government' });
    union = await ctx.newUser({ role: 'member', constituency: 'workers' });
    otherUnion = await ctx.newUser({ role: 'member', constituency: 'workers' });
    officer = await ctx.newUser({ role: 'member', constituency: 'park_management' });
    approver = await ctx.newUser({ role: 'member', constituency: 'government' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });

    roadmapId = (
      await ctx.http
        .post('/api/roadmaps')
        .set(facilitator.auth)
        .send({ title: { en: `Desk roadmap ${tag}` }, periodStart: 2020, periodEnd: 2030, ownerOrganizationId: government.organizationId })
        .expect(201)
    ).body.id;
    // The union supports one (no position yet), leads one long overdue, and states its position on it.
    items.awaited = await commitment('Awaited', government.organizationId, [union.organizationId], '2030-12-31');
    items.overdue = await commitment('Overdue', union.organizationId, [], '2021-06-30');
    items.othersOnly = await commitment('Other union only', government.organizationId, [otherUnion.organizationId], '2020-01-31');
    items.done = await commitment('Done', union.organizationId, [], '2020-03-31');
    await ctx.http.post(`/api/action-items/${items.overdue}/positions`).set(union.auth).send({ stance: 'support' }).expect(200);
    for (const status of ['agreed', 'in_progress', 'completed']) {
      await ctx.http.post(`/api/action-items/${items.done}/status`).set(facilitator.auth).send({ status }).expect(200);
    }
    await ctx.http.post(`/api/action-items/${items.done}/positions`).set(union.auth).send({ stance: 'support' }).expect(200);

    // A park run by the officer's organization, and an indicator reported yearly, due the day the year ends.
    const [park] = await ctx.db.query(
      `INSERT INTO parks (name, city, province, level, organization_id) VALUES ($1, 'Hefei', $2, 'national', $3) RETURNING id`,
      [JSON.stringify({ en: `Desk park ${tag}` }), province, officer.organizationId],
    );
    parkId = park.id;
    await ctx.http
      .post('/api/indicators')
      .set(admin.auth)
      .send({
        code,
        category: 'eip_social',
        dimension: 'community',
        name: { en: `Desk reports ${tag}` },
        unit: 'count',
        direction: 'higher',
        aggregation: 'sum',
      })
      .expect(201);
    await ctx.http.patch(`/api/indicators/${code}/rules`).set(admin.auth).send({ frequency: 'year', dueDays: 0 }).expect(200);
  });
  afterAll(() => ctx.close());

  it('needs a sign-in', async () => {
    await ctx.http.get('/api/desk').expect(401);
  });

  it("a union member sees the position awaited from their organization and its overdue commitment, not another union's", async () => {
    const mine = await desk(union);
    expect(ids(mine.positionsAwaited)).toContain(items.awaited);
    // Stated already (overdue), or not theirs (othersOnly): not awaited.
    expect(ids(mine.positionsAwaited)).not.toContain(items.overdue);
    expect(ids(mine.positionsAwaited)).not.toContain(items.othersOnly);
    expect(mine.positionsAwaited!.total).toBe(1);
    expect(mine.overdueCommitments!.items).toEqual([expect.objectContaining({ id: items.overdue, dueDate: '2021-06-30', status: 'proposed' })]);
    expect(mine.overdueCommitments!.total).toBe(1);
    // Nothing of the indicator queues for a union member who runs no park.
    expect(mine).toMatchObject({ toVerify: null, followUp: null, approvals: null, toCorrect: null, reportsDue: null });

    const theirs = await desk(otherUnion);
    expect(ids(theirs.positionsAwaited)).toEqual([items.othersOnly]);
    expect(ids(theirs.overdueCommitments)).toEqual([items.othersOnly]);
  });

  it('once the organization states its position, the commitment leaves the awaited list (for every member of it)', async () => {
    const colleague = await ctx.newUser({ role: 'member', organizationId: union.organizationId });
    await ctx.http
      .post(`/api/action-items/${items.awaited}/positions`)
      .set(union.auth)
      .send({ stance: 'support_with_reservations', statement: 'Phase it in.' })
      .expect(200);
    const after = await desk(colleague);
    expect(after.positionsAwaited).toEqual({ total: 0, items: [] });
  });

  it('an observer states no positions: the section is left out', async () => {
    const body = await desk(observer);
    expect(body.positionsAwaited).toBeNull();
    expect(body.overdueCommitments).toBeNull();
    expect(body.unread).toMatchObject({ channels: expect.any(Number), mentions: expect.any(Number) });
  });

  it("a park officer sees their park's report due, then their rejected value to correct; a facilitator sees the value to verify", async () => {
    const before = await desk(officer);
    const firstDue = before.reportsDue!.items[0];
    expect(firstDue).toEqual({
      indicator: expect.objectContaining({ code }),
      park: expect.objectContaining({ id: parkId }),
      period: String(new Date().getUTCFullYear() - 2),
      due: `${new Date().getUTCFullYear() - 2}-12-31`,
      overdue: true,
    });
    expect(before.toCorrect).toEqual({ total: 0, items: [] });
    // Another park's officer has none of this park's reports.
    const stranger = await ctx.newUser({ role: 'member', constituency: 'park_management' });
    expect((await desk(stranger)).reportsDue).toBeNull();

    const queueBefore = (await desk(facilitator)).toVerify!.total;
    const period = firstDue.period;
    const reported = await ctx.http
      .post('/api/observations')
      .set(officer.auth)
      .send({ indicatorId: code, scopeType: 'park', parkId, period, value: 12 })
      .expect(201);

    // Reported: no longer due; waiting for verification by a facilitator.
    const afterReport = await desk(officer);
    expect(afterReport.reportsDue!.total).toBe(before.reportsDue!.total - 1);
    expect(afterReport.reportsDue!.items.some((r) => r.indicator.code === code && r.period === period)).toBe(false);
    const verifier = await desk(facilitator);
    expect(verifier.toVerify!.total).toBe(Math.min(queueBefore + 1, 1000));
    // The desk shows the head of the verification queue (oldest first), without the verifier's own values.
    const queue = await ctx.http.get('/api/observations?status=submitted&order=oldest&limit=50').set(facilitator.auth).expect(200);
    const head = (queue.body.items as { id: string; reportedBy: { id: string } | null }[]).filter((o) => o.reportedBy?.id !== facilitator.id).slice(0, 6);
    expect(ids(verifier.toVerify)).toEqual(head.map((o) => o.id));
    if (queueBefore < 6) expect(ids(verifier.toVerify)).toContain(reported.body.id);

    // A value the facilitator reports is not theirs to verify; another facilitator's queue has it.
    const otherBefore = (await desk(otherFacilitator)).toVerify!.total;
    const own = await ctx.http
      .post('/api/observations')
      .set(facilitator.auth)
      .send({ indicatorId: code, scopeType: 'park', parkId, period: String(Number(period) - 1), value: 7 })
      .expect(201);
    expect((await desk(facilitator)).toVerify!.total).toBe(Math.min(queueBefore + 1, 1000));
    expect((await desk(otherFacilitator)).toVerify!.total).toBe(Math.min(otherBefore + 1, 1000));
    await ctx.http.post(`/api/observations/${own.body.id}/verify`).set(otherFacilitator.auth).expect(200);

    // Rejected: the officer has it to correct, with the reason; it is due again.
    await ctx.http.post(`/api/observations/${reported.body.id}/reject`).set(facilitator.auth).send({ reason: 'Counts contractors twice' }).expect(200);
    const afterReject = await desk(officer);
    expect(afterReject.toCorrect).toEqual({
      total: 1,
      items: [expect.objectContaining({ id: reported.body.id, period, rejectionReason: 'Counts contractors twice' })],
    });
    expect(afterReject.reportsDue!.items[0]).toMatchObject({ indicator: { code }, period });
    expect((await desk(facilitator)).toVerify!.total).toBe(queueBefore);

    // Corrected: nothing to correct, nothing due for that period.
    await ctx.http.post(`/api/observations/${reported.body.id}/correct`).set(officer.auth).send({ value: 10, notes: 'Contractors counted once' }).expect(201);
    const corrected = await desk(officer);
    expect(corrected.toCorrect).toEqual({ total: 0, items: [] });
    expect(corrected.reportsDue!.items.some((r) => r.indicator.code === code && r.period === period)).toBe(false);
  });

  it('an approver sees the park periods awaiting their level, and no others', async () => {
    const provinceApprover = await ctx.newUser({ role: 'member', constituency: 'government' });
    await ctx.http.post('/api/approvals/approvers').set(admin.auth).send({ userId: approver.id, level: 'city', province, city: 'Hefei' }).expect(201);
    await ctx.http.post('/api/approvals/approvers').set(admin.auth).send({ userId: provinceApprover.id, level: 'province', province }).expect(201);
    expect((await desk(approver)).approvals).toEqual({ total: 0, items: [] });
    expect((await desk(government)).approvals).toBeNull();

    await ctx.http.post('/api/approvals/submit').set(officer.auth).send({ parkId, period: '2019' }).expect(200);
    const city = await desk(approver);
    expect(city.approvals).toEqual({
      total: 1,
      items: [expect.objectContaining({ park: expect.objectContaining({ id: parkId }), period: '2019', awaiting: 'city' })],
    });
    expect((await desk(provinceApprover)).approvals).toEqual({ total: 0, items: [] });

    await ctx.http.post('/api/approvals/approve').set(approver.auth).send({ parkId, period: '2019' }).expect(200);
    expect((await desk(approver)).approvals!.total).toBe(0);
    expect((await desk(provinceApprover)).approvals!.items).toEqual([expect.objectContaining({ period: '2019', awaiting: 'province' })]);
  });

  it('lists the meetings I take part in that have not ended, soonest first, with the venue time zone', async () => {
    const create = async (title: string, startsAt: string, endsAt: string) =>
      (
        await ctx.http
          .post('/api/roundtables')
          .set(facilitator.auth)
          .send({ title: { en: `${title} ${tag}` }, startsAt, endsAt, timeZone: 'Asia/Shanghai', location: { city: 'Suzhou', online: false } })
          .expect(201)
      ).body.id as string;
    const year = new Date().getUTCFullYear();
    const later = await create('Later', `${year + 2}-05-01T01:00:00Z`, `${year + 2}-05-01T09:00:00Z`);
    const sooner = await create('Sooner', `${year + 1}-05-01T01:00:00Z`, `${year + 1}-05-01T09:00:00Z`);
    const past = await create('Past', `${year - 1}-05-01T01:00:00Z`, `${year - 1}-05-01T09:00:00Z`);
    const notMine = await create('Not mine', `${year + 1}-04-01T01:00:00Z`, `${year + 1}-04-01T09:00:00Z`);
    for (const id of [later, sooner, past]) {
      await ctx.http.post(`/api/roundtables/${id}/participants`).set(facilitator.auth).send({ userId: government.id, role: 'participant' }).expect(201);
    }
    const body = await desk(government);
    expect(ids(body.meetings)).toEqual([sooner, later]);
    expect(body.meetings.items[0]).toMatchObject({ myRole: 'participant', timeZone: 'Asia/Shanghai' });
    expect(ids(body.meetings)).not.toContain(notMine);
  });
});
