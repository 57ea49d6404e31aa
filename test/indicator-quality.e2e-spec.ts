import { randomUUID } from 'node:crypto';
import { TestContext, TestUser } from './support/context';

const HEADER = 'indicator_code,scope_type,scope,period,disaggregation,value,source,notes';

type Warning = { rule: string; message: string; expected: { min: number | null; max: number | null } };

describe('indicator quality: validation rules, warnings, follow-up and comments', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let verifier: TestUser;
  let officer: TestUser;
  let observer: TestUser;
  const tag = randomUUID()
    .slice(0, 6)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X');
  const code = `QA.WORKERS_${tag}`;
  const province = `Quality ${tag}`;
  let parkA: string;
  const peers: string[] = [];

  const newPark = async (name: string, organizationId: string | null) => {
    const [row] = await ctx.db.query(`INSERT INTO parks (name, city, province, level, organization_id) VALUES ($1, 'Wuxi', $2, 'national', $3) RETURNING id`, [
      JSON.stringify({ en: `${name} ${tag}` }),
      province,
      organizationId,
    ]);
    return row.id as string;
  };
  const report = (user: TestUser, parkId: string, period: string, value: number, disaggregation = '') =>
    ctx.http.post('/api/observations').set(user.auth).send({ indicatorId: code, scopeType: 'park', parkId, period, value, disaggregation });
  const upload = (user: TestUser, csv: string, query = '') =>
    ctx.http
      .post(`/api/observations/import${query}`)
      .set(user.auth)
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'values.csv', contentType: 'text/csv' });
  const stored = async (parkId: string, period: string, disaggregation = '') => {
    const [row] = await ctx.db.query(
      `SELECT o.id, o.value::float8 AS value, o.warnings, o.follow_up, o.status FROM observations o JOIN indicators i ON i.id = o.indicator_id
        WHERE i.code = $1 AND o.park_id = $2 AND o.period = $3 AND o.disaggregation = $4 AND o.superseded_at IS NULL`,
      [code, parkId, period, disaggregation],
    );
    return row as { id: string; value: number; warnings: Warning[] | null; follow_up: string | null; status: string } | undefined;
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    verifier = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
    officer = await ctx.newUser({ role: 'member', constituency: 'park_management' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    parkA = await newPark('Quality Park A', officer.organizationId);
    for (let i = 0; i < 6; i++) peers.push(await newPark(`Peer Park ${i}`, null));
    await ctx.newIndicator(admin, { code, name: { en: `Workers ${tag}` }, disaggregations: ['sex'] });
  });
  afterAll(() => ctx.close());

  describe('rules are admin-edited', () => {
    it('starts with the default thresholds and a yearly calendar', async () => {
      const res = await ctx.http.get(`/api/indicators/${code}/rules`).set(observer.auth).expect(200);
      expect(res.body).toEqual({
        minValue: null,
        maxValue: null,
        historyThreshold: 3.5,
        peerThreshold: 3.5,
        checkRelations: true,
        relationsApply: true,
        frequency: 'year',
        dueDays: 30,
      });
    });

    it('refuses a non-admin (403) and bad rules (400 naming the field), changing nothing', async () => {
      await ctx.http.patch(`/api/indicators/${code}/rules`).set(facilitator.auth).send({ maxValue: 10 }).expect(403);
      const bad = await ctx.http.patch(`/api/indicators/${code}/rules`).set(admin.auth).send({ dueDays: -1, frequency: 'week' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['dueDays', 'frequency']);
      const crossed = await ctx.http.patch(`/api/indicators/${code}/rules`).set(admin.auth).send({ minValue: 10, maxValue: 5 }).expect(400);
      expect(crossed.body.details[0].field).toBe('minValue');
      const res = await ctx.http.get(`/api/indicators/${code}/rules`).set(admin.auth).expect(200);
      expect(res.body).toMatchObject({ minValue: null, maxValue: null, dueDays: 30 });
    });

    it('sets a maximum and the calendar, recorded in the audit log', async () => {
      const res = await ctx.http.patch(`/api/indicators/${code}/rules`).set(admin.auth).send({ maxValue: 50000, frequency: 'month', dueDays: 20 }).expect(200);
      expect(res.body).toMatchObject({ maxValue: 50000, frequency: 'month', dueDays: 20 });
      expect(await ctx.count('activity', `action = 'indicator.rules_updated' AND actor_id = $1`, [admin.id])).toBe(1);
    });
  });

  describe('an error refuses the value', () => {
    it('answers 400 naming value for a value above the maximum, and writes nothing', async () => {
      const res = await report(officer, parkA, '2023-01', 60000).expect(400);
      expect(res.body.details).toEqual([{ field: 'value', message: `value must be at most 50000 for ${code}` }]);
      expect(await stored(parkA, '2023-01')).toBeUndefined();
    });
  });

  describe('warnings let the value in flagged', () => {
    const history = [100, 104, 98, 101, 103, 99];
    beforeAll(async () => {
      for (const [i, value] of history.entries()) await report(facilitator, parkA, `2024-0${i + 1}`, value).expect(201);
    });

    it('a tenfold jump against its own history goes in, flagged with the expected range, and is listed for follow-up', async () => {
      const res = await report(officer, parkA, '2024-07', 1000).expect(201);
      expect(res.body.status).toBe('submitted');
      expect(res.body.followUp).toBe('open');
      expect(res.body.warnings).toHaveLength(1);
      expect(res.body.warnings[0]).toMatchObject({ rule: 'history' });
      // median 100.5, MAD 2: 100.5 ± 3.5 × 2 / 0.6745
      expect(res.body.warnings[0].expected.min).toBeCloseTo(90.1219, 3);
      expect(res.body.warnings[0].expected.max).toBeCloseTo(110.8781, 3);
      expect((await stored(parkA, '2024-07'))!.follow_up).toBe('open');

      const list = await ctx.http.get('/api/observations/follow-up?limit=200').set(facilitator.auth).expect(200);
      const item = list.body.items.find((i: { id: string }) => i.id === res.body.id);
      expect(item).toBeDefined();
      expect(item.previous.map((p: { period: string; value: number }) => [p.period, p.value])).toEqual([
        ['2024-06', 99],
        ['2024-05', 103],
        ['2024-04', 101],
        ['2024-03', 98],
      ]);
    });

    it('a value in line with its history goes in unflagged', async () => {
      const res = await report(officer, parkA, '2024-08', 102).expect(201);
      expect(res.body.warnings).toEqual([]);
      expect(res.body.followUp).toBeNull();
    });

    it('fewer than four earlier values say nothing', async () => {
      for (const [i, value] of [100, 101, 99].entries()) await report(facilitator, peers[0], `2024-0${i + 1}`, value).expect(201);
      const res = await report(facilitator, peers[0], '2024-04', 1000).expect(201);
      expect(res.body.warnings).toEqual([]);
    });

    it('a value far from peer parks in the same period is flagged', async () => {
      for (const [i, park] of peers.entries()) await report(facilitator, park, '2021', 200 + i).expect(201);
      const res = await report(officer, parkA, '2021', 5000).expect(201);
      expect(res.body.warnings.map((w: Warning) => w.rule)).toEqual(['peers']);
    });

    it('women above all workers, and women + men ≠ total, are flagged', async () => {
      await report(officer, parkA, '2020', 100).expect(201);
      const female = await report(officer, parkA, '2020', 120, 'sex=female').expect(201);
      expect(female.body.warnings).toEqual([{ rule: 'relation', message: 'a part by sex exceeds the total', expected: { min: 0, max: 100 } }]);
      const male = await report(officer, parkA, '2020', 10, 'sex=male').expect(201);
      expect(male.body.warnings).toEqual([{ rule: 'relation', message: 'women and men do not add up to the total', expected: { min: -20, max: -20 } }]);
    });
  });

  describe('follow-up: confirm with a comment, or send back', () => {
    it('confirms a flagged value with a comment that joins its thread, once', async () => {
      const value = (await stored(parkA, '2024-07'))!;
      await ctx.http.post(`/api/observations/${value.id}/follow-up/confirm`).set(officer.auth).send({ comment: 'ok' }).expect(403);
      const bad = await ctx.http.post(`/api/observations/${value.id}/follow-up/confirm`).set(facilitator.auth).send({ comment: '  ' }).expect(400);
      expect(bad.body.details[0].field).toBe('comment');
      const res = await ctx.http
        .post(`/api/observations/${value.id}/follow-up/confirm`)
        .set(facilitator.auth)
        .send({ comment: 'A new plant opened in July' })
        .expect(200);
      expect(res.body).toMatchObject({ followUp: 'confirmed', status: 'submitted' });
      await ctx.http.post(`/api/observations/${value.id}/follow-up/confirm`).set(verifier.auth).send({ comment: 'again' }).expect(409);
      const thread = await ctx.http.get(`/api/observations/${value.id}/comments`).set(officer.auth).expect(200);
      expect(thread.body.items).toEqual([
        expect.objectContaining({
          body: 'A new plant opened in July',
          kind: 'confirmed',
          author: { id: facilitator.id, displayName: facilitator.displayName },
        }),
      ]);
      const list = await ctx.http.get('/api/observations/follow-up?limit=200').set(facilitator.auth).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(value.id);
      expect(await ctx.count('activity', `action = 'observation.follow_up_confirmed' AND entity_id = $1`, [value.id])).toBe(1);
    });

    it('sends a flagged value back: it is rejected with the comment as the reason, and the reporter is notified', async () => {
      const value = (await stored(parkA, '2021'))!;
      const res = await ctx.http
        .post(`/api/observations/${value.id}/follow-up/send-back`)
        .set(facilitator.auth)
        .send({ comment: 'Check the unit' })
        .expect(200);
      expect(res.body).toMatchObject({ followUp: 'sent_back', status: 'rejected', rejectionReason: 'Check the unit' });
      expect(await ctx.count('notifications', `user_id = $1 AND kind = 'observation.follow_up_sent_back'`, [officer.id])).toBe(1);
    });

    it('anyone taking part comments on a value; observers read', async () => {
      const value = (await stored(parkA, '2024-08'))!;
      const posted = await ctx.http.post(`/api/observations/${value.id}/comments`).set(officer.auth).send({ body: 'Source: payroll' }).expect(201);
      expect(posted.body).toMatchObject({ body: 'Source: payroll', kind: 'comment', author: { id: officer.id } });
      // observers follow verified values only; they read the thread and do not post
      await ctx.http.post(`/api/observations/${value.id}/comments`).set(observer.auth).send({ body: 'hi' }).expect(404);
      await ctx.http.post(`/api/observations/${value.id}/verify`).set(verifier.auth).expect(200);
      await ctx.http.post(`/api/observations/${value.id}/comments`).set(observer.auth).send({ body: 'hi' }).expect(403);
      const thread = await ctx.http.get(`/api/observations/${value.id}/comments`).set(observer.auth).expect(200);
      expect(thread.body.items.map((c: { body: string }) => c.body)).toEqual(['Source: payroll']);
      await ctx.http.post(`/api/observations/${randomUUID()}/comments`).set(officer.auth).send({ body: 'hi' }).expect(404);
    });
  });

  describe('import', () => {
    it('reports warnings per row (row, field, value, expected range) and writes the flagged value for follow-up', async () => {
      const csv = [HEADER, `${code},park,${parkA},2024-09,,1050,HR,`, `${code},park,${parkA},2024-10,,101,HR,`].join('\n');
      const res = await upload(officer, csv).expect(200);
      expect(res.body).toMatchObject({ ok: true, inserted: 2, warningCount: 1 });
      expect(res.body.warnings).toHaveLength(1);
      expect(res.body.warnings[0]).toMatchObject({ row: 2, field: 'value', value: 1050, rule: 'history' });
      expect(res.body.warnings[0].expected.min).toBeLessThan(101);
      expect(res.body.warnings[0].expected.max).toBeGreaterThan(101);
      expect((await stored(parkA, '2024-09'))!).toMatchObject({ follow_up: 'open', status: 'submitted' });
      expect((await stored(parkA, '2024-10'))!).toMatchObject({ follow_up: null, warnings: null });
    });

    it("checks a city's row against the city's own history, not its parks'", async () => {
      const city = `${province}/Wuxi`;
      const history = [
        [2023, 5000],
        [2022, 5200],
        [2021, 4900],
        [2020, 5100],
        [2019, 5050],
      ]
        .map(([year, value]) => `${code},city,${city},${year},,${value},Statistics bureau,`)
        .join('\n');
      await upload(facilitator, `${HEADER}\n${history}`).expect(200);
      const csv = [HEADER, `${code},city,${city},2024,,50000,Statistics bureau,`, `${code},park,${parkA},2024,,50000,HR,`].join('\n');
      const res = await upload(facilitator, csv, '?dryRun=true').expect(200);
      // The park has no yearly history yet (its values are monthly): only the city's row is flagged, against ~5,000.
      expect(res.body.warnings).toEqual([{ row: 2, field: 'value', value: 50000, rule: 'history', message: expect.any(String), expected: expect.any(Object) }]);
      expect(res.body.warnings[0].expected.max).toBeGreaterThan(5100);
      expect(res.body.warnings[0].expected.max).toBeLessThan(6000);
    });

    it('flags relations between rows of the same file', async () => {
      const csv = [HEADER, `${code},park,${parkA},2019,,100,,`, `${code},park,${parkA},2019,sex=female,60,,`, `${code},park,${parkA},2019,sex=male,50,,`].join(
        '\n',
      );
      const res = await upload(officer, csv, '?dryRun=true').expect(200);
      expect(res.body.warnings.map((w: { row: number; rule: string; expected: unknown }) => [w.row, w.rule, w.expected])).toEqual([
        [2, 'relation', { min: 110, max: 110 }],
        [3, 'relation', { min: 50, max: 50 }],
        [4, 'relation', { min: 40, max: 40 }],
      ]);
      expect(await stored(parkA, '2019')).toBeUndefined();
    });

    it('writes nothing when any row has an error, even beside rows that only warn', async () => {
      const csv = [HEADER, `${code},park,${parkA},2024-11,,990,,`, `${code},park,${parkA},2024-12,,70000,,`].join('\n');
      const res = await upload(officer, csv).expect(400);
      expect(res.body.errors).toEqual([{ row: 3, field: 'value', message: `value must be at most 50000 for ${code}` }]);
      expect(await stored(parkA, '2024-11')).toBeUndefined();
    });
  });
});
