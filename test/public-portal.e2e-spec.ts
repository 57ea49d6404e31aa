import { randomUUID } from 'node:crypto';
import { TestContext, TestUser } from './support/context';

/**
 * The public portal: a roadmap its facilitators publish is read without signing in, with its progress, its
 * commitments' public fields and the verified series of its indicators — never an unverified, rejected or flagged
 * value, never a person's name — and disappears again when it is taken off.
 */
describe('public portal', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let verifier: TestUser;
  let officer: TestUser;
  let member: TestUser;
  const tag = randomUUID()
    .slice(0, 6)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X');
  const code = `PUB.WORKERS_${tag}`;
  const privateCode = `PUB.PRIVATE_${tag}`;
  let parkId: string;
  let roadmapId: string;
  let hiddenRoadmapId: string;
  let itemId: string;
  // Values that must never reach the portal, each unmistakable.
  const SUBMITTED = 7771;
  const REJECTED = 7772;
  const FLAGGED = 7773;
  const SUPERSEDED = 7774;
  const UNLINKED = 7775;

  const report = async (period: string, value: number, indicator = code) =>
    (await ctx.http.post('/api/observations').set(officer.auth).send({ indicatorId: indicator, scopeType: 'park', parkId, period, value }).expect(201)).body
      .id as string;
  const verify = (id: string) => ctx.http.post(`/api/observations/${id}/verify`).set(verifier.auth).expect(200);
  const publicGet = (path: string) => ctx.http.get(`/api/public/roadmaps${path}`);
  const setPublic = (user: TestUser, id: string, value: boolean) => ctx.http.patch(`/api/roadmaps/${id}`).set(user.auth).send({ public: value });

  /** Every number in an answer, wherever it sits: a value is looked for as a number, not as digits an id may hold. */
  const numbersIn = (value: unknown): number[] =>
    typeof value === 'number' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(numbersIn) : [];
  /** Every answer of the portal for the roadmap, as text and as its numbers, for what must never be in any of them. */
  const everything = async () => {
    const list = await publicGet('').expect(200);
    const detail = await publicGet(`/${roadmapId}`).expect(200);
    const series = await publicGet(`/${roadmapId}/indicators/${code}/series`).expect(200);
    const bodies = [list.body, detail.body, series.body];
    return { text: JSON.stringify(bodies), numbers: numbersIn(bodies) };
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international', name: `Fiona Facilitator ${tag}` });
    verifier = await ctx.newUser({ role: 'facilitator', constituency: 'government', name: `Victor Verifier ${tag}` });
    officer = await ctx.newUser({ role: 'member', constituency: 'park_management', name: `Olga Officer ${tag}` });
    member = await ctx.newUser({ role: 'member', constituency: 'workers' });
    const [park] = await ctx.db.query(
      `INSERT INTO parks (name, city, province, level, organization_id) VALUES ($1, 'Suzhou', $2, 'national', $3) RETURNING id`,
      [JSON.stringify({ en: `Portal Park ${tag}`, zh: `门户园区 ${tag}` }), `Portal ${tag}`, officer.organizationId],
    );
    parkId = park.id;
    for (const c of [code, privateCode]) {
      await ctx.http
        .post('/api/indicators')
        .set(admin.auth)
        .send({
          code: c,
          category: 'green_jobs',
          dimension: 'employment',
          name: { en: `Workers ${c}`, zh: `工人 ${c}` },
          unit: 'persons',
          direction: 'higher',
          aggregation: 'sum',
        })
        .expect(201);
    }
    const newRoadmap = async (title: string) =>
      (
        await ctx.http
          .post('/api/roadmaps')
          .set(facilitator.auth)
          .send({ title: { en: title, zh: `路线图 ${tag}` }, periodStart: 2020, periodEnd: 2030, ownerOrganizationId: facilitator.organizationId })
          .expect(201)
      ).body.id as string;
    roadmapId = await newRoadmap(`Portal roadmap ${tag}`);
    hiddenRoadmapId = await newRoadmap(`Unpublished roadmap ${tag}`);
    itemId = (
      await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({
          roadmapId,
          title: { en: `Green jobs in the portal park ${tag}`, zh: '园区绿色就业' },
          leadOrganizationId: officer.organizationId,
          policyArea: 'skills',
        })
        .expect(201)
    ).body.id;
    await ctx.http
      .post(`/api/action-items/${itemId}/positions`)
      .set(member.auth)
      .send({ stance: 'oppose', statement: `A private statement ${tag}` })
      .expect(200);
    await ctx.http
      .post(`/api/action-items/${itemId}/indicator-links`)
      .set(facilitator.auth)
      .send({ indicatorId: code, scopeType: 'park', parkId, baselineValue: 100, baselineDate: '2020-12-31', targetValue: 300, targetDate: '2028-12-31' })
      .expect(201);

    // Verified values that belong on the portal.
    await verify(await report('2021', 120));
    await verify(await report('2022', 150));
    // A verified value the rules flagged, confirmed by a facilitator: it belongs too.
    const confirmed = await report('2023', 170);
    await verify(confirmed);
    // Values that do not: awaiting verification, rejected, flagged and still open, superseded by a correction.
    await report('2024', SUBMITTED);
    const rejected = await report('2019', REJECTED);
    await ctx.http.post(`/api/observations/${rejected}/reject`).set(verifier.auth).send({ reason: 'Wrong park' }).expect(200);
    const flagged = await report('2018', FLAGGED);
    await verify(flagged);
    const old = await report('2017', SUPERSEDED);
    await verify(old);
    const correction = await ctx.http.post(`/api/observations/${old}/correct`).set(officer.auth).send({ value: 90, notes: 'Recount' }).expect(201);
    // The rules' warnings as the quality module stores them (a jump far from the park's history), one still open.
    const warning = JSON.stringify([{ rule: 'history', message: 'far from history', expected: { min: 100, max: 200 } }]);
    await ctx.db.query(`UPDATE observations SET warnings = $2, follow_up = 'open' WHERE id = $1`, [flagged, warning]);
    await ctx.db.query(`UPDATE observations SET warnings = $2, follow_up = 'confirmed' WHERE id = $1`, [confirmed, warning]);
    await verify(correction.body.id as string);
    // A verified value of an indicator no commitment of the roadmap is linked to.
    await verify(await report('2022', UNLINKED, privateCode));
  });
  afterAll(() => ctx.close());

  it('a roadmap not published answers 404 on every route, signed out', async () => {
    await publicGet(`/${roadmapId}`).expect(404);
    await publicGet(`/${roadmapId}/indicators/${code}/series`).expect(404);
    await publicGet(`/${randomUUID()}`).expect(404);
    const list = await publicGet('').expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(roadmapId);
  });

  it('only facilitators and admins publish, and publishing is in the audit log', async () => {
    await setPublic(member, roadmapId, true).expect(403);
    await setPublic(facilitator, roadmapId, 'yes' as unknown as boolean).expect(400);
    await publicGet(`/${roadmapId}`).expect(404);
    const res = await setPublic(facilitator, roadmapId, true).expect(200);
    expect(res.body.public).toBe(true);
    const [entry] = await ctx.db.query(
      `SELECT actor_id, action, changes FROM activity WHERE entity_id = $1 AND action LIKE 'roadmap.%publish%' ORDER BY created_at DESC`,
      [roadmapId],
    );
    expect(entry).toMatchObject({ actor_id: facilitator.id, action: 'roadmap.published', changes: { public: { from: false, to: true } } });
  });

  it('answers without a token, cacheable, with the progress and the commitments in both languages', async () => {
    const list = await publicGet('').expect(200);
    expect(list.headers['cache-control']).toBe('public, max-age=300');
    const listed = list.body.items.find((r: { id: string }) => r.id === roadmapId);
    expect(listed).toMatchObject({ title: { en: `Portal roadmap ${tag}`, zh: `路线图 ${tag}` }, periodStart: 2020, periodEnd: 2030, itemCount: 1 });
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(hiddenRoadmapId);

    const detail = await publicGet(`/${roadmapId}`).expect(200);
    expect(detail.headers['cache-control']).toBe('public, max-age=300');
    expect(detail.headers.etag).toBeTruthy();
    expect(detail.body.progress).toMatchObject({ total: 1, byStatus: { proposed: 1 }, overdue: 0 });
    expect(detail.body.commitments).toEqual([
      expect.objectContaining({
        id: itemId,
        title: { en: `Green jobs in the portal park ${tag}`, zh: '园区绿色就业' },
        status: 'proposed',
        indicatorCodes: [code],
      }),
    ]);
    expect(detail.body.indicators).toEqual([
      {
        indicator: expect.objectContaining({ code, name: { en: `Workers ${code}`, zh: `工人 ${code}` } }),
        targets: [
          expect.objectContaining({
            actionItemId: itemId,
            scope: expect.objectContaining({ type: 'park', key: parkId }),
            baseline: { value: 100, date: '2020-12-31' },
            target: { value: 300, date: '2028-12-31' },
          }),
        ],
      },
    ]);
    // A reader holding the answer revalidates it cheaply.
    await publicGet(`/${roadmapId}`).set('If-None-Match', detail.headers.etag).expect(304);
  });

  it('the series has only verified values that no rule holds back, with the commitment’s target', async () => {
    const res = await publicGet(`/${roadmapId}/indicators/${code}/series`).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body.series).toHaveLength(1);
    const [s] = res.body.series;
    expect(s.scope).toMatchObject({ type: 'park', park: { id: parkId, name: { en: `Portal Park ${tag}`, zh: `门户园区 ${tag}` } } });
    expect(s.points.map((p: { period: string; value: number }) => [p.period, p.value])).toEqual(
      expect.arrayContaining([
        ['2021', 120],
        ['2022', 150],
        ['2023', 170],
      ]),
    );
    expect(s.points.map((p: { period: string }) => p.period)).not.toEqual(expect.arrayContaining(['2024']));
    expect(s.targets).toEqual([expect.objectContaining({ baseline: { value: 100, date: '2020-12-31' }, target: { value: 300, date: '2028-12-31' } })]);
  });

  it('no answer holds an unverified, rejected, flagged or superseded value, a person or a position', async () => {
    const { text, numbers } = await everything();
    expect(numbers).toEqual(expect.arrayContaining([120, 150, 170]));
    for (const value of [SUBMITTED, REJECTED, FLAGGED, SUPERSEDED, UNLINKED]) expect(numbers).not.toContain(value);
    for (const person of [facilitator, verifier, officer, member]) {
      expect(text).not.toContain(person.displayName);
      expect(text).not.toContain(person.email);
      expect(text).not.toContain(person.id);
    }
    expect(text).not.toContain('private statement');
    expect(text).not.toMatch(/"(status|reportedBy|verifiedBy|reviewedBy|warnings|followUp|rejectionReason)":"(submitted|rejected)/);
  });

  it('an indicator the roadmap is not linked to is not served, even with verified values', async () => {
    await publicGet(`/${roadmapId}/indicators/${privateCode}/series`).expect(404);
    await publicGet(`/${roadmapId}/indicators/not-a-code/series`).expect(400);
  });

  it('a value reported after publishing stays off the portal while it awaits verification', async () => {
    // A new value comes in and stays unverified: every answer is checked again.
    await report('2025', SUBMITTED + 10);
    const { numbers } = await everything();
    expect(numbers).toEqual(expect.arrayContaining([120, 150, 170]));
    expect(numbers).not.toContain(SUBMITTED + 10);
  });

  it('switching off hides it again at once, on every route', async () => {
    await publicGet(`/${roadmapId}`).expect(200);
    await setPublic(admin, roadmapId, false).expect(200);
    await publicGet(`/${roadmapId}`).expect(404);
    await publicGet(`/${roadmapId}/indicators/${code}/series`).expect(404);
    const list = await publicGet('').expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(roadmapId);
    const [entry] = await ctx.db.query(`SELECT actor_id, action FROM activity WHERE entity_id = $1 ORDER BY created_at DESC LIMIT 1`, [roadmapId]);
    expect(entry).toEqual({ actor_id: admin.id, action: 'roadmap.unpublished' });
  });
});
