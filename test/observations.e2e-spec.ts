import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TestContext, TestUser } from './support/context';
import { type ClientSocket, connect, next } from './support/sockets';

type Report = {
  ok: boolean;
  rows: number;
  inserted: number;
  superseded: number;
  unchanged: number;
  errors: { row: number; field: string; message: string }[];
  errorCount: number;
};

const HEADER = 'indicator_code,scope_type,scope,period,disaggregation,value,source,notes';

describe('observations: reporting, verification, corrections, CSV import and export', () => {
  let ctx: TestContext;
  let url: string;
  let admin: TestUser;
  let facilitator: TestUser;
  let verifier: TestUser;
  let parkOfficer: TestUser; // member of the organization that runs parkA
  let otherOfficer: TestUser; // member of the organization that runs parkB
  let union: TestUser; // member of an organization running no park
  let observer: TestUser;
  const tag = randomUUID().slice(0, 6);
  const province = `Jiangsu ${tag}`;
  const city = `Suzhou ${tag}`;
  let parkA: string;
  let parkB: string;
  const parkAName = `Suzhou Industrial Park ${tag}`;
  const sockets: ClientSocket[] = [];

  const newPark = async (name: string, zh: string, parkCity: string, organizationId: string | null) => {
    const [row] = await ctx.db.query(`INSERT INTO parks (name, city, province, level, organization_id) VALUES ($1, $2, $3, 'national', $4) RETURNING id`, [
      JSON.stringify({ en: name, zh }),
      parkCity,
      province,
      organizationId,
    ]);
    return row.id as string;
  };
  const report = (user: TestUser, body: Record<string, unknown>) => ctx.http.post('/api/observations').set(user.auth).send(body);
  const parkValue = (overrides: Record<string, unknown> = {}) => ({
    indicatorId: 'GJ.GREEN_JOBS',
    scopeType: 'park',
    parkId: parkA,
    period: '2023',
    value: 1200,
    source: 'Park HR survey',
    ...overrides,
  });
  const upload = (user: TestUser, csv: string, query = '') =>
    ctx.http
      .post(`/api/observations/import${query}`)
      .set(user.auth)
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'values.csv', contentType: 'text/csv' });
  const observationsOf = (where: string, params: unknown[] = []) => ctx.count('observations', where, params);

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    verifier = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
    parkOfficer = await ctx.newUser({ role: 'member', constituency: 'park_management' });
    otherOfficer = await ctx.newUser({ role: 'member', constituency: 'park_management' });
    union = await ctx.newUser({ role: 'member', constituency: 'workers' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    parkA = await newPark(parkAName, `苏州工业园区${tag}`, city, parkOfficer.organizationId);
    parkB = await newPark(`Wuxi New District ${tag}`, `无锡新区${tag}`, `Wuxi ${tag}`, otherOfficer.organizationId);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => ctx.close());

  describe('who reports', () => {
    it("a park's own officer reports its values; they start submitted", async () => {
      const res = await report(parkOfficer, parkValue({ period: '2022' })).expect(201);
      expect(res.body).toMatchObject({
        outcome: 'inserted',
        status: 'submitted',
        value: 1200,
        period: '2022',
        periodStart: '2022-01-01',
        periodEnd: '2022-12-31',
        indicator: { code: 'GJ.GREEN_JOBS', unit: 'persons' },
        scope: { type: 'park', park: { id: parkA, name: { en: parkAName } }, key: parkA },
        reportedBy: { id: parkOfficer.id },
        current: true,
        isDemo: false,
      });
    });

    it("refuses another park's officer, a union member and an observer with 403, writing nothing", async () => {
      const before = await observationsOf('true');
      await report(otherOfficer, parkValue({ period: '2021' })).expect(403);
      await report(union, parkValue({ period: '2021' })).expect(403);
      await report(observer, parkValue({ period: '2021' })).expect(403);
      await report(parkOfficer, { ...parkValue(), scopeType: 'province', parkId: undefined, province }).expect(403);
      expect(await observationsOf('true')).toBe(before);
    });

    it('facilitators report for any scope: a park, a city (province + city) or a province', async () => {
      await report(facilitator, parkValue({ parkId: parkB, period: '2022' })).expect(201);
      const cityRes = await report(facilitator, {
        indicatorId: 'GJ.GREEN_JOBS',
        scopeType: 'city',
        province,
        city: city.toUpperCase(),
        period: '2022-Q3',
        value: 5000,
      }).expect(201);
      expect(cityRes.body.scope).toEqual({ type: 'city', park: null, province, city, key: `${province}/${city}` });
      const provinceRes = await report(facilitator, { indicatorId: 'GJ.GREEN_JOBS', scopeType: 'province', province, period: '2022-07', value: 9000 }).expect(
        201,
      );
      expect(provinceRes.body.scope.key).toBe(province);
    });

    it('pushes observation:reported to the reporter and to the facilitators who verify', async () => {
      const own = await connect(url, parkOfficer.token);
      const staff = await connect(url, verifier.token);
      const bystander = await connect(url, otherOfficer.token);
      sockets.push(own, staff, bystander);
      const heardByVerifier = next<{ id: string; code: string }>(staff, 'observation:reported', (p) => p.code === 'GJ.TRAINED');
      const heardByReporter = next<{ id: string }>(own, 'observation:reported');
      let bystanderHeard = false;
      bystander.on('observation:reported', () => (bystanderHeard = true));
      const res = await report(parkOfficer, parkValue({ indicatorId: 'GJ.TRAINED', period: '2022' })).expect(201);
      expect((await heardByVerifier).id).toBe(res.body.id);
      expect((await heardByReporter).id).toBe(res.body.id);
      expect(bystanderHeard).toBe(false);
    });
  });

  describe('values are checked', () => {
    it.each([
      ['a percentage above 100', { indicatorId: 'GJ.GREEN_SHARE', value: 120 }, 'value', 'between 0 and 100'],
      ['a fraction of a person', { value: 1.5 }, 'value', 'whole number'],
      ['a negative count', { indicatorId: 'DW.GREEN_AGREEMENTS', value: -1 }, 'value', 'whole number'],
      ['a yes/no other than 0 or 1', { indicatorId: 'EIP.SOCIAL_MGMT', value: 2 }, 'value', '0 (no) or 1 (yes)'],
      ['a score above 6', { indicatorId: 'EIP.SOCIAL_INFRA', value: 7 }, 'value', 'between 0 and 6'],
      ['negative earnings', { indicatorId: 'DW.AVG_EARNINGS', value: -10 }, 'value', '0 or more'],
      ['a disaggregation value not allowed', { disaggregation: 'sex=other' }, 'disaggregation', 'allowed: sex=female, sex=male'],
      [
        'a disaggregation on an indicator without any',
        { indicatorId: 'GJ.GREEN_SHARE', value: 20, disaggregation: 'sex=female' },
        'disaggregation',
        'has no disaggregation',
      ],
      ['a malformed period', { period: '2023-13' }, 'period', 'a month (2020-07)'],
      ['a period not begun', { period: '2099' }, 'period', 'has not begun'],
      ['an unknown indicator', { indicatorId: 'XX.NOPE' }, 'indicatorId', 'does not name an indicator'],
      ['an unknown park', { parkId: randomUUID() }, 'parkId', 'existing park'],
      ['a non-number', { value: 'many' }, 'value', 'must be a number'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_, overrides, field, message) => {
      const before = await observationsOf('true');
      const res = await report(parkOfficer, parkValue(overrides)).expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringContaining(message) })]));
      expect(await observationsOf('true')).toBe(before);
    });

    it('refuses a yes/no indicator for a whole province (it is a share of parks there)', async () => {
      const res = await report(facilitator, { indicatorId: 'EIP.SOCIAL_MGMT', scopeType: 'province', province, period: '2023', value: 1 }).expect(400);
      expect(res.body.details[0].field).toBe('scopeType');
    });

    it('refuses unknown fields and a city scope without its province', async () => {
      const res = await report(facilitator, { ...parkValue(), verified: true }).expect(400);
      expect(res.body.details[0].field).toBe('verified');
      const noProvince = await report(facilitator, { indicatorId: 'GJ.GREEN_JOBS', scopeType: 'city', city, period: '2023', value: 1 }).expect(400);
      expect(noProvince.body.details[0].field).toBe('province');
    });

    it('takes sex=female where the indicator allows it, as a series of its own', async () => {
      const total = await report(parkOfficer, parkValue({ period: '2020' })).expect(201);
      const women = await report(parkOfficer, parkValue({ period: '2020', disaggregation: ' Sex = Female ', value: 500 })).expect(201);
      expect(women.body).toMatchObject({ disaggregation: 'sex=female', outcome: 'inserted' });
      expect(women.body.id).not.toBe(total.body.id);
    });
  });

  describe('verification', () => {
    let id: string;
    beforeAll(async () => {
      id = (await report(facilitator, parkValue({ period: '2019' })).expect(201)).body.id;
    });

    it('the reporter cannot verify their own value, nor can a member', async () => {
      const own = await ctx.http.post(`/api/observations/${id}/verify`).set(facilitator.auth).expect(403);
      expect(own.body.message).toContain('another facilitator');
      await ctx.http.post(`/api/observations/${id}/verify`).set(parkOfficer.auth).expect(403);
      const [row] = await ctx.db.query('SELECT status FROM observations WHERE id = $1', [id]);
      expect(row.status).toBe('submitted');
    });

    it('facilitators find it in the queue (status=submitted), observers do not see it', async () => {
      const queue = await ctx.http.get(`/api/observations?status=submitted&scope=${parkA}&order=oldest&limit=200`).set(verifier.auth).expect(200);
      expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(id);
      await ctx.http.get(`/api/observations/${id}`).set(observer.auth).expect(404);
      await ctx.http.get('/api/observations?status=submitted').set(observer.auth).expect(403);
      const visible = await ctx.http.get(`/api/observations?scope=${parkA}`).set(observer.auth).expect(200);
      expect(visible.body.items.every((o: { status: string }) => o.status === 'verified')).toBe(true);
    });

    it('another facilitator verifies it; the reporter hears it; it cannot be verified twice', async () => {
      const reporterSocket = await connect(url, facilitator.token);
      sockets.push(reporterSocket);
      const heard = next<{ id: string; status: string }>(reporterSocket, 'observation:verified', (p) => p.id === id);
      const res = await ctx.http.post(`/api/observations/${id}/verify`).set(verifier.auth).expect(200);
      expect(res.body).toMatchObject({ status: 'verified', reviewedBy: { id: verifier.id } });
      expect(await heard).toMatchObject({ id, status: 'verified' });
      await ctx.http.post(`/api/observations/${id}/verify`).set(admin.auth).expect(409);
      await ctx.http.get(`/api/observations/${id}`).set(observer.auth).expect(200);
      expect(await ctx.count('activity', `entity_id = $1 AND action = 'observation.verified'`, [id])).toBe(1);
    });

    it('a rejection needs a reason (400 naming it) and keeps it', async () => {
      const other = (await report(parkOfficer, parkValue({ period: '2018' })).expect(201)).body.id;
      const bad = await ctx.http.post(`/api/observations/${other}/reject`).set(verifier.auth).send({ reason: '  ' }).expect(400);
      expect(bad.body.details[0].field).toBe('reason');
      await ctx.http.post(`/api/observations/${other}/reject`).set(verifier.auth).send({}).expect(400);
      const res = await ctx.http.post(`/api/observations/${other}/reject`).set(verifier.auth).send({ reason: 'Double-counts contractors' }).expect(200);
      expect(res.body).toMatchObject({ status: 'rejected', rejectionReason: 'Double-counts contractors' });
      const notes = await ctx.http.get('/api/notifications').set(parkOfficer.auth).expect(200);
      expect(JSON.stringify(notes.body)).toContain('Double-counts contractors');
      // It says what and leads to it: indicator, park, period and reason in both languages, and the value's page.
      const note = notes.body.items.find((n: { kind: string; payload: { id?: string } }) => n.kind === 'observation.rejected' && n.payload.id === other);
      expect(note.payload.link).toBe(`/observations/${other}`);
      expect(note.payload.title.en).toContain(parkAName);
      expect(note.payload.title.en).toMatch(/2018/);
      expect(note.payload.title.en).toContain('reason: Double-counts contractors');
      expect(note.payload.title.en).toContain(note.payload.indicatorName.en);
      expect(note.payload.title.zh).toContain('原因：Double-counts contractors');
      expect(note.payload.title.zh).toContain('退回');
    });
  });

  describe('corrections supersede, never overwrite', () => {
    let first: string;
    beforeAll(async () => {
      first = (await report(parkOfficer, parkValue({ period: '2017', value: 800 })).expect(201)).body.id;
      await ctx.http.post(`/api/observations/${first}/verify`).set(verifier.auth).expect(200);
    });

    it('a correction makes a new submitted value; the verified one stays in history', async () => {
      const res = await ctx.http.post(`/api/observations/${first}/correct`).set(parkOfficer.auth).send({ value: 850, notes: 'Contractors added' }).expect(201);
      expect(res.body).toMatchObject({
        outcome: 'superseded',
        status: 'submitted',
        value: 850,
        supersedesId: first,
        current: true,
        notes: 'Contractors added',
      });
      const history = await ctx.http.get(`/api/observations/${res.body.id}/history`).set(parkOfficer.auth).expect(200);
      expect(history.body.items.map((o: { value: number; status: string; current: boolean }) => [o.value, o.status, o.current])).toEqual([
        [850, 'submitted', true],
        [800, 'verified', false],
      ]);
      const [old] = await ctx.db.query('SELECT value::float8 AS value, superseded_by_id FROM observations WHERE id = $1', [first]);
      expect(old).toEqual({ value: 800, superseded_by_id: res.body.id });
    });

    it('reporting the same key again supersedes too; an identical report changes nothing', async () => {
      const again = await report(parkOfficer, parkValue({ period: '2017', value: 870 })).expect(201);
      expect(again.body).toMatchObject({ outcome: 'superseded', value: 870 });
      const before = await observationsOf('true');
      const same = await report(parkOfficer, parkValue({ period: '2017', value: 870 })).expect(201);
      expect(same.body).toMatchObject({ outcome: 'unchanged', id: again.body.id });
      expect(await observationsOf('true')).toBe(before);
      const history = await ctx.http.get(`/api/observations/${first}/history`).set(verifier.auth).expect(200);
      expect(history.body.items.map((o: { value: number }) => o.value)).toEqual([870, 850, 800]);
      expect(await observationsOf(`park_id = $1 AND period = '2017' AND disaggregation = '' AND superseded_at IS NULL`, [parkA])).toBe(1);
    });

    it('a value replaced before review is superseded: out of the queue, and nobody verifies or rejects it (409 naming it)', async () => {
      const history = await ctx.http.get(`/api/observations/${first}/history`).set(verifier.auth).expect(200);
      const [current, replaced] = history.body.items;
      expect(history.body.items.map((o: { value: number; status: string; current: boolean }) => [o.value, o.status, o.current])).toEqual([
        [870, 'submitted', true],
        [850, 'superseded', false],
        [800, 'verified', false],
      ]);
      expect(replaced).toMatchObject({ supersededById: current.id, supersededAt: expect.any(String), reviewedBy: null });
      const queue = await ctx.http.get(`/api/observations?status=submitted&scope=${parkA}&order=oldest&limit=200`).set(verifier.auth).expect(200);
      const queued = queue.body.items.map((o: { id: string }) => o.id);
      expect(queued).toContain(current.id);
      expect(queued).not.toContain(replaced.id);

      const verify = await ctx.http.post(`/api/observations/${replaced.id}/verify`).set(verifier.auth).expect(409);
      expect(verify.body).toMatchObject({
        message: 'This value has been superseded by a correction: verify the current one',
        details: [{ field: 'id', message: `observation ${replaced.id} has been superseded by ${current.id}` }],
        currentId: current.id,
      });
      const reject = await ctx.http.post(`/api/observations/${replaced.id}/reject`).set(verifier.auth).send({ reason: 'Too low' }).expect(409);
      expect(reject.body).toMatchObject({ details: [{ field: 'id' }], currentId: current.id });
      // Two corrections on, the first value points to the current one, not to the one that replaced it.
      const stale = await ctx.http.post(`/api/observations/${first}/verify`).set(verifier.auth).expect(409);
      expect(stale.body).toMatchObject({ supersededById: replaced.id, currentId: current.id });
      const [row] = await ctx.db.query('SELECT status, reviewed_by_id, rejection_reason FROM observations WHERE id = $1', [replaced.id]);
      expect(row).toEqual({ status: 'superseded', reviewed_by_id: null, rejection_reason: null });
      // The table itself refuses a replaced value that would still await verification.
      await expect(ctx.db.query(`UPDATE observations SET status = 'submitted' WHERE id = $1`, [replaced.id])).rejects.toThrow(
        /observations_superseded_status_check/,
      );
      expect(await ctx.count('activity', `entity_id = $1 AND action IN ('observation.verified', 'observation.rejected')`, [replaced.id])).toBe(0);
      const filter = await ctx.http.get('/api/observations?status=superseded').set(verifier.auth).expect(400);
      expect(filter.body.details[0].field).toBe('status');
    });

    it('correcting a value that is no longer current is a 409; others may not correct', async () => {
      await ctx.http.post(`/api/observations/${first}/correct`).set(parkOfficer.auth).send({ value: 900 }).expect(409);
      const current = (await ctx.http.get(`/api/observations?scope=${parkA}&indicatorId=GJ.GREEN_JOBS&from=2017&to=2017`).set(parkOfficer.auth).expect(200))
        .body.items[0];
      await ctx.http.post(`/api/observations/${current.id}/correct`).set(otherOfficer.auth).send({ value: 900 }).expect(403);
      await ctx.http.post(`/api/observations/${current.id}/correct`).set(parkOfficer.auth).send({ value: 1.5 }).expect(400);
    });
  });

  describe('CSV import', () => {
    const goodRows = () => [
      `GJ.EMP_ENV,park,${parkA},2024-01,,1500,HR survey,`,
      `GJ.EMP_ENV,park,${parkA},2024-01,sex=female,700,HR survey,`,
      `GJ.EMP_ENV,park,"${parkAName}",2024-02,,1510,HR survey,"notes, with a comma"`,
      `GJ.EMP_ENV,park,苏州工业园区${tag},2024-03,,1520,HR survey,`,
      `DW.CB_COVERAGE,park,${parkA},2024-Q1,,62.5,Union records,`,
      `EIP.SOCIAL_MGMT,park,${parkA},2024,,1,Audit,`,
      `GJ.EMP_ENV,city,${province}/${city},2024,,4200,Statistics bureau,`,
      `GJ.EMP_ENV,city,${city},2023,,4100,Statistics bureau,`,
      `GJ.EMP_ENV,province,${province},2024,,9100,Statistics bureau,`,
    ];
    const goodFile = () => [HEADER, ...goodRows()].join('\n') + '\n';

    it('imports a good file whole and reports what it did', async () => {
      const before = await observationsOf('true');
      const res = await upload(facilitator, goodFile()).expect(200);
      expect(res.body).toMatchObject({ ok: true, rows: 9, inserted: 9, superseded: 0, unchanged: 0, errors: [], errorCount: 0 });
      expect(await observationsOf('true')).toBe(before + 9);
      const rows = await ctx.db.query(
        `SELECT scope_type, park_id, province, city, period, disaggregation, value::text, notes, status, reported_by_id, import_id
           FROM observations WHERE import_id = $1 ORDER BY period, scope_type, disaggregation`,
        [res.body.importId],
      );
      expect(rows).toHaveLength(9);
      expect(rows.every((r: { status: string; reported_by_id: string }) => r.status === 'submitted' && r.reported_by_id === facilitator.id)).toBe(true);
      expect(rows.find((r: { period: string; scope_type: string }) => r.period === '2023' && r.scope_type === 'city')).toMatchObject({ province, city });
      expect(rows.find((r: { period: string }) => r.period === '2024-02')).toMatchObject({ park_id: parkA, notes: 'notes, with a comma' });
      expect(await ctx.count('activity', `entity_id = $1 AND action = 'observations.imported'`, [res.body.importId])).toBe(1);
    });

    it('uploading the same file again adds nothing', async () => {
      const before = await observationsOf('true');
      const res = await upload(facilitator, goodFile()).expect(200);
      expect(res.body).toMatchObject({ ok: true, rows: 9, inserted: 0, superseded: 0, unchanged: 9 });
      expect(await observationsOf('true')).toBe(before);
    });

    it('takes a text/csv body too, and a changed value supersedes the current one', async () => {
      const csv = [HEADER, `GJ.EMP_ENV,park,${parkA},2024-01,,1550,HR survey,revised`].join('\r\n');
      const res = await ctx.http.post('/api/observations/import').set(facilitator.auth).set('Content-Type', 'text/csv').send(csv).expect(200);
      expect(res.body).toMatchObject({ ok: true, rows: 1, inserted: 0, superseded: 1, unchanged: 0 });
      const history = await ctx.db.query(
        `SELECT value::float8 AS value, status, superseded_at IS NULL AS current FROM observations
          WHERE park_id = $1 AND period = '2024-01' AND disaggregation = '' ORDER BY reported_at`,
        [parkA],
      );
      // The replaced value was never reviewed: it no longer awaits verification.
      expect(history).toEqual([
        { value: 1500, status: 'superseded', current: false },
        { value: 1550, status: 'submitted', current: true },
      ]);
    });

    it('refuses a file with bad rows whole, reporting every bad row with its number and field', async () => {
      const csv = [
        HEADER,
        `GJ.EMP_ENV,park,${parkA},2022-01,,10,,`, // row 2: fine
        `XX.UNKNOWN,park,${parkA},2022-01,,10,,`, // row 3
        `GJ.GREEN_SHARE,park,${parkA},2022-01,,140,,`, // row 4
        `GJ.EMP_ENV,park,No Such Park,2022-01,,10,,`, // row 5
        `GJ.EMP_ENV,park,${parkA},2022-13,,10,,`, // row 6
        `GJ.EMP_ENV,park,${parkA},2022-02,sex=other,10,,`, // row 7
        `GJ.EMP_ENV,park,${parkA},2022-03,,"1,200",,`, // row 8
        `GJ.EMP_ENV,region,${parkA},2022-03,,10,,`, // row 9
        `GJ.EMP_ENV,park,${parkA},2022-01,,11,,`, // row 10: repeats row 2
        '', // a blank row is skipped
        `GJ.EMP_ENV,park,${parkA},2022-04,,12`, // row 12: a field short
        `EIP.SOCIAL_MGMT,province,${province},2022,,1,,`, // row 13
        `GJ.EMP_ENV,city,Nowhere ${tag},2022,,1,,`, // row 14
        `GJ.EMP_ENV,park,${parkA},2022-05,,,,`, // row 15
      ].join('\n');
      const before = await observationsOf('true');
      const res = await upload(facilitator, csv).expect(400);
      const body = res.body as Report & { details: { field: string }[] };
      expect(body.ok).toBe(false);
      expect(body.inserted).toBe(0);
      const found = body.errors.map((e) => [e.row, e.field]);
      expect(found).toEqual([
        [3, 'indicator_code'],
        [4, 'value'],
        [5, 'scope'],
        [6, 'period'],
        [7, 'disaggregation'],
        [8, 'value'],
        [9, 'scope_type'],
        [10, 'row'],
        [12, 'row'],
        [13, 'scope'],
        [14, 'scope'],
        [15, 'value'],
      ]);
      expect(body.errorCount).toBe(12);
      expect(body.errors.find((e) => e.row === 3)!.message).toContain('XX.UNKNOWN');
      expect(body.errors.find((e) => e.row === 4)!.message).toContain('between 0 and 100');
      expect(body.errors.find((e) => e.row === 5)!.message).toContain('No Such Park');
      expect(body.errors.find((e) => e.row === 10)!.message).toContain('repeats row 2');
      expect(body.errors.find((e) => e.row === 12)!.message).toContain('6 fields');
      expect(body.details[0]).toEqual({ field: 'rows[3].indicator_code', message: expect.any(String) });
      expect(await observationsOf('true')).toBe(before);
      expect(await observationsOf(`park_id = $1 AND period = '2022-01'`, [parkA])).toBe(0);
    });

    it('refuses a file whose only fault is a repeated row, whether its values are new or already stored', async () => {
      const before = await observationsOf('true');
      const fresh = [HEADER, `GJ.EMP_ENV,park,${parkA},2016-01,,10,,`, `GJ.EMP_ENV,park,"${parkAName}",2016-01,,11,,`].join('\n');
      const res = await upload(facilitator, fresh).expect(400);
      expect(res.body.errors).toEqual([{ row: 3, field: 'row', message: expect.stringContaining('repeats row 2') }]);
      const dry = await upload(facilitator, fresh, '?dryRun=true').expect(400);
      expect(dry.body.errors).toEqual(res.body.errors);
      // 2024-01 is stored as 1550: one row repeats it unchanged, the next changes it.
      const stored = [HEADER, `GJ.EMP_ENV,park,${parkA},2024-01,,1550,HR survey,revised`, `GJ.EMP_ENV,park,${parkA},2024-01,,1600,HR survey,revised`].join(
        '\n',
      );
      const again = await upload(facilitator, stored).expect(400);
      expect(again.body.errors).toEqual([{ row: 3, field: 'row', message: expect.stringContaining('repeats row 2') }]);
      expect(await observationsOf('true')).toBe(before);
    });

    it('a member imports only for the parks of their organization', async () => {
      const csv = [
        HEADER,
        `GJ.EMP_ENV,park,${parkA},2021-01,,10,,`,
        `GJ.EMP_ENV,park,${parkB},2021-01,,10,,`,
        `GJ.EMP_ENV,province,${province},2021,,10,,`,
      ].join('\n');
      const res = await upload(parkOfficer, csv).expect(400);
      expect(res.body.errors).toEqual([
        { row: 3, field: 'scope', message: 'you may report only for parks your organization runs' },
        { row: 4, field: 'scope', message: 'only facilitators report for a whole city or province' },
      ]);
      const ok = await upload(parkOfficer, [HEADER, `GJ.EMP_ENV,park,${parkA},2021-01,,10,,`].join('\n')).expect(200);
      expect(ok.body.inserted).toBe(1);
      await upload(union, goodFile()).expect(403);
      await upload(observer, goodFile()).expect(403);
    });

    it('reports a bad header, a broken quote and a wrong upload as 400s, writing nothing', async () => {
      const before = await observationsOf('true');
      const header = await upload(facilitator, 'indicator,scope_type,scope,period,value\nGJ.EMP_ENV,park,x,2020,1\n').expect(400);
      expect(header.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual(
        expect.arrayContaining([
          [1, 'header'],
          [1, 'header'],
        ]),
      );
      expect(header.body.errors.map((e: { message: string }) => e.message).join(' ')).toContain('indicator_code is missing');
      const quote = await upload(facilitator, `${HEADER}\nGJ.EMP_ENV,park,${parkA},2020,,1,"unterminated,\n`).expect(400);
      expect(quote.body.errors.at(-1)).toMatchObject({ field: 'file' });
      const json = await ctx.http.post('/api/observations/import').set(facilitator.auth).send({ file: 'x' }).expect(400);
      expect(json.body.details[0].field).toBe('file');
      const wrongField = await ctx.http.post('/api/observations/import').set(facilitator.auth).attach('upload', Buffer.from(HEADER), 'x.csv').expect(400);
      expect(wrongField.body.details[0]).toMatchObject({ field: 'file', message: expect.stringContaining('unknown field "upload"') });
      expect(await observationsOf('true')).toBe(before);
    });

    it('a dry run checks and counts without writing', async () => {
      const before = await observationsOf('true');
      const csv = [HEADER, `GJ.EMP_ENV,park,${parkA},2020-01,,10,,`, `GJ.EMP_ENV,park,${parkA},2024-01,,1550,HR survey,revised`].join('\n');
      const res = await upload(facilitator, csv, '?dryRun=true').expect(200);
      expect(res.body).toMatchObject({ ok: true, dryRun: true, inserted: 1, unchanged: 1, importId: null });
      expect(await observationsOf('true')).toBe(before);
    });
  });

  describe('CSV export', () => {
    it('exports current values in the import format, and the export imports again as it is', async () => {
      const res = await ctx.http
        .get(`/api/observations/export.csv?indicatorId=GJ.EMP_ENV&scopeType=city&scope=${encodeURIComponent(`${province}/${city}`)}`)
        .set(facilitator.auth)
        .expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="gj-emp-env-/);
      const text = res.text.replace(/^\uFEFF/, '');
      const [header, ...lines] = text.trim().split('\n');
      expect(header).toBe(`${HEADER},scope_name,status,is_demo,reported_at`);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(
        new RegExp(`^GJ\\.EMP_ENV,city,${province}/${city},2023,,4100,Statistics bureau,,"${city}, ${province}",submitted,false,\\d{4}-`),
      );

      const all = await ctx.http.get(`/api/observations/export.csv?scope=${parkA}`).set(facilitator.auth).expect(200);
      const exported = all.text;
      const count = exported.trim().split('\n').length - 1;
      expect(count).toBe(await observationsOf('park_id = $1 AND superseded_at IS NULL', [parkA]));
      const again = await upload(facilitator, exported).expect(200);
      expect(again.body).toMatchObject({ ok: true, rows: count, inserted: 0, superseded: 0, unchanged: count });

      // Edit one value in the exported file: only that one changes.
      const edited = exported.replace(/(GJ\.EMP_ENV,park,[^,]+,2024-03,,)1520,/, '$11525,');
      expect(edited).not.toBe(exported);
      const changed = await upload(facilitator, edited).expect(200);
      expect(changed.body).toMatchObject({ inserted: 0, superseded: 1, unchanged: count - 1 });
    });

    it('marks demo values as demo, and gives observers verified values only', async () => {
      await ctx.db.query(`UPDATE observations SET is_demo = true WHERE park_id = $1 AND period = '2024' AND superseded_at IS NULL`, [parkA]);
      const res = await ctx.http.get(`/api/observations/export.csv?scope=${parkA}&from=2024&to=2024`).set(facilitator.auth).expect(200);
      const demo = res.text.split('\n').find((line) => line.startsWith('EIP.SOCIAL_MGMT'))!;
      expect(demo).toMatch(/,true,\d{4}-/);
      const list = await ctx.http.get(`/api/observations?scope=${parkA}&indicatorId=EIP.SOCIAL_MGMT`).set(facilitator.auth).expect(200);
      expect(list.body.items[0].isDemo).toBe(true);
      const forObserver = await ctx.http.get(`/api/observations/export.csv?scope=${parkA}`).set(observer.auth).expect(200);
      const statuses = forObserver.text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').at(-3));
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(['verified']));
      await ctx.http.get('/api/observations/export.csv?status=submitted').set(observer.auth).expect(403);
    });

    it('guards text cells against spreadsheet formulas, and the import takes the guard off again', async () => {
      const csv = [HEADER, `GJ.EMP_ENV,park,${parkB},2019-01,,10,=HYPERLINK(x),@note`].join('\n');
      await upload(facilitator, csv).expect(200);
      const res = await ctx.http.get(`/api/observations/export.csv?scope=${parkB}&from=2019-01&to=2019-01`).set(facilitator.auth).expect(200);
      expect(res.text).toContain(`'=HYPERLINK(x),'@note`);
      const again = await upload(facilitator, res.text).expect(200);
      expect(again.body).toMatchObject({ unchanged: 1, superseded: 0 });
    });
  });
});
