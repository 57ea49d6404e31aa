import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { createFuzzDatabase } from './fuzz/fuzz-database';
import { TestContext, TestUser } from './support/context';

const HEADER = 'indicator_code,scope_type,scope,period,disaggregation,value,source,notes';
const SDMX_HEADER = 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE';
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

type DataValue = Record<string, string | boolean>;

/** A CSV response's text (supertest buffers text/* bodies as text). */
const asText = (res: { text: string }) => res.text;

describe('indicator exchange: SDMX-CSV, DHIS2 dataValueSets and .xlsx', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let officer: TestUser;
  let observer: TestUser;
  const tag = randomUUID()
    .slice(0, 6)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X');
  const code = `EX.WORKERS_${tag}`;
  const province = `Exchange ${tag}`;
  const codeA = `EXA-${tag}`;
  const codeB = `EXB-${tag}`;
  let parkA: string;
  let parkB: string;

  const indicatorBody = {
    code,
    category: 'green_jobs',
    dimension: 'employment',
    name: { en: `Exchange workers ${tag}` },
    unit: 'persons',
    direction: 'higher',
    aggregation: 'sum',
    disaggregations: ['sex'],
  };
  const newPark = async (c: TestContext, user: TestUser, parkCode: string, organizationId?: string) => {
    const res = await c.http
      .post('/api/parks')
      .set(user.auth)
      .send({ name: { en: `Park ${parkCode}` }, code: parkCode, city: 'Suzhou', province, level: 'national', ...(organizationId ? { organizationId } : {}) })
      .expect(201);
    expect(res.body.code).toBe(parkCode);
    return res.body.id as string;
  };
  const upload = (user: TestUser, csv: string, query = '') =>
    ctx.http
      .post(`/api/observations/import${query}`)
      .set(user.auth)
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'values.csv', contentType: 'text/csv' });
  const current = (c: TestContext, where = 'true', params: unknown[] = []) =>
    c.db.query(
      `SELECT o.period, o.value::text AS value, o.status, o.disaggregation, o.scope_type, o.reviewed_by_id, o.park_id
         FROM observations o JOIN indicators i ON i.id = o.indicator_id
        WHERE i.code = $1 AND o.superseded_at IS NULL AND ${where} ORDER BY o.scope_type, o.park_id, o.disaggregation, o.period`,
      [code, ...params],
    );

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    officer = await ctx.newUser({ role: 'member', constituency: 'park_management' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    parkA = await newPark(ctx, admin, codeA, officer.organizationId);
    parkB = await newPark(ctx, admin, codeB);
    await ctx.http.post('/api/indicators').set(admin.auth).send(indicatorBody).expect(201);
    // Six months for two parks (total, women, men), a city total and a province total, all verified by a facilitator;
    // one more month for park B still awaiting verification, and one broken down by age (not exchanged).
    const rows: string[] = [];
    MONTHS.forEach((month, i) => {
      for (const [park, base] of [
        [parkA, 100],
        [parkB, 200],
      ] as const) {
        rows.push(`${code},park,${park},${month},,${base + i},HR survey,`);
        rows.push(`${code},park,${park},${month},sex=female,${base / 2 - 10 + i},HR survey,`);
        rows.push(`${code},park,${park},${month},sex=male,${base / 2 + 10},HR survey,`);
      }
    });
    rows.push(`${code},city,${province}/Suzhou,2024,,3600,Statistics bureau,"provisional, revised"`);
    rows.push(`${code},province,${province},2024-Q2,,950,Statistics bureau,`);
    const seeded = await upload(facilitator, [HEADER, ...rows].join('\n'));
    expect(seeded.body.errors).toEqual([]);
    expect(seeded.status).toBe(200);
    await ctx.db.query(
      `UPDATE observations o SET status = 'verified', reviewed_by_id = $2, reviewed_at = now()
         FROM indicators i WHERE i.id = o.indicator_id AND i.code = $1 AND o.superseded_at IS NULL`,
      [code, admin.id],
    );
    await upload(facilitator, `${HEADER}\n${code},park,${parkB},2024-07,,260,HR survey,\n`).expect(200);
  });
  afterAll(() => ctx.close());

  describe('park codes', () => {
    it('refuses a code another park has (409 naming code) and a malformed one (400)', async () => {
      const taken = await ctx.http
        .post('/api/parks')
        .set(admin.auth)
        .send({ name: { en: 'Twin' }, code: codeA, city: 'Suzhou', province, level: 'national' })
        .expect(409);
      expect(taken.body.details).toEqual([{ field: 'code', message: 'code is taken' }]);
      const bad = await ctx.http
        .post('/api/parks')
        .set(admin.auth)
        .send({ name: { en: 'Lower' }, code: 'lower case', city: 'Suzhou', province, level: 'national' })
        .expect(400);
      expect(bad.body.details[0].field).toBe('code');
      const made = await ctx.http
        .post('/api/parks')
        .set(admin.auth)
        .send({ name: { en: `Uncoded ${tag}` }, city: 'Elsewhere', province: `Other ${tag}`, level: 'provincial' });
      expect(made.status).toBe(201);
      expect(made.body.code).toMatch(/^EIP-[0-9A-F]{12}$/);
    });
  });

  describe('SDMX-CSV export', () => {
    it("streams the indicator's verified series with ILOSTAT-style dimensions, sorted", async () => {
      const res = await ctx.http.get(`/api/indicators/${code}/sdmx.csv`).set(observer.auth).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="sdmx-ex-workers-/);
      const lines = asText(res).trimEnd().split('\n');
      expect(lines[0]).toBe(SDMX_HEADER);
      // 2 parks × 6 months × 3 + the city's year + the province's quarter; nothing awaiting verification.
      expect(lines).toHaveLength(1 + 36 + 2);
      expect(lines).toContain(`dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,${codeA},${code},SEX_F,2024-02,41,A,PERSONS`);
      expect(lines).toContain(`dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,${codeB},${code},SEX_T,2024-06,205,A,PERSONS`);
      expect(lines).toContain(`dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,CITY:${province}/Suzhou,${code},SEX_T,2024,3600,A,PERSONS`);
      expect(lines).toContain(`dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,PROVINCE:${province},${code},SEX_T,2024-Q2,950,A,PERSONS`);
      expect(lines.some((l) => l.includes('2024-07'))).toBe(false);
      const records = parse<Record<string, string>>(asText(res), { columns: true });
      // By indicator, REF_AREA, the breakdown (the total, then women, then men) and period.
      const sexRank: Record<string, number> = { SEX_T: 0, SEX_F: 1, SEX_M: 2 };
      const keys = records.map((r) => [r.INDICATOR, r.REF_AREA, sexRank[r.SEX], r.TIME_PERIOD].join('|'));
      expect(keys).toEqual([...keys].sort());
      expect(records.slice(0, 3).map((r) => [r.REF_AREA, r.SEX])).toEqual([
        [`CITY:${province}/Suzhou`, 'SEX_T'],
        [codeA, 'SEX_T'],
        [codeA, 'SEX_T'],
      ]);
    });

    it('answers the same file from the all-indicators route, filtered by province; another province has none', async () => {
      const one = await ctx.http.get(`/api/indicators/${code}/sdmx.csv`).set(observer.auth).expect(200);
      const all = await ctx.http
        .get(`/api/exchange/sdmx.csv?indicator=${code}&province=${encodeURIComponent(province)}`)
        .set(observer.auth)
        .expect(200);
      expect(asText(all)).toBe(asText(one));
      const none = await ctx.http.get(`/api/exchange/sdmx.csv?indicator=${code}&province=Nowhere`).set(observer.auth).expect(200);
      expect(asText(none).trim()).toBe(SDMX_HEADER);
      await ctx.http.get('/api/exchange/sdmx.csv?city=Suzhou').set(observer.auth).expect(400);
      await ctx.http.get('/api/indicators/NO.SUCH_THING/sdmx.csv').set(observer.auth).expect(404);
    });
  });

  describe('DHIS2 dataValueSets export', () => {
    it('writes data element, period in DHIS2 notation, org unit, category option combo and the audit fields', async () => {
      const res = await ctx.http
        .get(`/api/exchange/dhis2/dataValueSets?indicator=${code}&orgUnit=${codeA}&startDate=2024-02-01&endDate=2024-03-31`)
        .set(observer.auth)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const values = res.body.dataValues as DataValue[];
      expect(values).toHaveLength(6);
      expect(values.find((v) => v.period === '202402' && v.categoryOptionCombo === 'SEX_F')).toEqual({
        dataElement: code,
        period: '202402',
        orgUnit: codeA,
        categoryOptionCombo: 'SEX_F',
        attributeOptionCombo: 'default',
        value: '41',
        storedBy: facilitator.displayName,
        created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        lastUpdated: expect.stringMatching(/Z$/),
        comment: '',
        followup: false,
      });
      expect(values.filter((v) => v.categoryOptionCombo === 'default')).toHaveLength(2);
      const city = await ctx.http
        .get(`/api/exchange/dhis2/dataValueSets?dataSet=green_jobs&orgUnit=${encodeURIComponent(`CITY:${province}/Suzhou`)}`)
        .set(observer.auth)
        .expect(200);
      expect(city.body.dataValues).toEqual([expect.objectContaining({ period: '2024', value: '3600', comment: 'provisional, revised' })]);
      const empty = await ctx.http.get(`/api/exchange/dhis2/dataValueSets?orgUnit=NOWHERE-${tag}`).set(observer.auth).expect(200);
      expect(empty.body).toEqual({ dataValues: [] });
      await ctx.http.get('/api/exchange/dhis2/dataValueSets?startDate=2024-13-01').set(observer.auth).expect(400);
    });
  });

  describe('imports go through the same checks', () => {
    it('an SDMX file from a park officer comes in awaiting verification', async () => {
      const file = `${SDMX_HEADER}\ndataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,${codeA},${code},SEX_T,2024-08,108,A,PERSONS\n`;
      const res = await ctx.http.post('/api/exchange/sdmx').set(officer.auth).set('Content-Type', 'text/csv').send(file).expect(200);
      expect(res.body).toMatchObject({ ok: true, inserted: 1, verified: 0 });
      expect(await current(ctx, `o.period = '2024-08'`)).toEqual([expect.objectContaining({ value: '108', status: 'submitted', park_id: parkA })]);
    });

    it('refuses a file with bad rows, naming the rows and the SDMX columns, and writes nothing', async () => {
      const file = [
        SDMX_HEADER,
        `dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,${codeA},${code},SEX_X,2024-09,1,A,PERSONS`,
        '',
        `dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,${codeA},${code},SEX_T,2024-10,12.5,A,PERSONS`,
        `dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,NO-SUCH-PARK,${code},SEX_T,2024-09,12,A,PERSONS`,
        `dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),D,${codeA},${code},SEX_M,2024-09,3,A,PERCENT`,
        `dataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,${codeB},${code},SEX_T,2024-09,7,A,PERSONS`,
      ].join('\n');
      const before = await ctx.count('observations');
      const res = await ctx.http.post('/api/exchange/sdmx').set(admin.auth).set('Content-Type', 'text/csv').send(file).expect(400);
      expect(res.body.errors).toEqual([
        { row: 2, field: 'SEX', message: expect.stringContaining('SEX must be SEX_T, SEX_F or SEX_M') },
        { row: 4, field: 'OBS_VALUE', message: expect.stringContaining('whole number') },
        { row: 5, field: 'REF_AREA', message: expect.stringContaining('no park is named') },
        { row: 6, field: 'ACTION', message: expect.stringContaining('not imported') },
        { row: 6, field: 'UNIT_MEASURE', message: `UNIT_MEASURE must be PERSONS, the unit of ${code}` },
      ]);
      expect(res.body.details[0]).toEqual({ field: 'rows[2].SEX', message: expect.any(String) });
      expect(await ctx.count('observations')).toBe(before);
    });

    it('refuses a file that is not readable CSV (an unclosed quote, a row far too long) with 400 naming file, and still answers', async () => {
      const before = await ctx.count('observations');
      for (const file of [`${SDMX_HEADER}\n"dataflow,never closed,I,${codeA}\n`, `${Array.from({ length: 120_000 }, (_, i) => `c${i}`).join(',')}\n`]) {
        const res = await ctx.http.post('/api/exchange/sdmx').set(admin.auth).set('Content-Type', 'text/csv').send(file).expect(400);
        expect(res.body.details[0].field).toMatch(/(^|\.)file$/);
      }
      expect(await ctx.count('observations')).toBe(before);
      await ctx.http.get('/api/health').expect(200);
    });

    it('refuses an SDMX row for a locked period, naming it', async () => {
      await ctx.db.query(
        `INSERT INTO period_approvals (park_id, period, period_start, period_end, state) VALUES ($1, '2024-03', '2024-03-01', '2024-03-31', 'locked')`,
        [parkB],
      );
      const file = `${SDMX_HEADER}\ndataflow,GREENTABLE:DF_GREEN_JOBS_EIP(1.0),I,${codeB},${code},SEX_T,2024-03,999,A,PERSONS\n`;
      const res = await ctx.http.post('/api/exchange/sdmx').set(admin.auth).set('Content-Type', 'text/csv').send(file).expect(400);
      expect(res.body.errors).toEqual([{ row: 2, field: 'TIME_PERIOD', message: expect.stringContaining('2024-03') }]);
    });

    it('a DHIS2 set with bad values answers an ERROR summary with conflicts and writes nothing; verified is for admins', async () => {
      const before = await ctx.count('observations');
      const res = await ctx.http
        .post('/api/exchange/dhis2/dataValueSets')
        .set(facilitator.auth)
        .send({
          dataValues: [
            { dataElement: code, period: '2024W03', orgUnit: codeA, categoryOptionCombo: 'default', value: '5' },
            { dataElement: code, period: '202409', orgUnit: codeA, categoryOptionCombo: 'AGE_15_24', value: '5' },
            { dataElement: code, period: '202410', orgUnit: codeA, value: 'many' },
            { dataElement: code, period: '202409', orgUnit: codeB, value: '9' },
          ],
        })
        .expect(400);
      expect(res.body).toMatchObject({ responseType: 'ImportSummary', status: 'ERROR', importCount: { imported: 0, updated: 0, ignored: 4, deleted: 0 } });
      expect(res.body.conflicts).toEqual([
        { object: 'period', value: expect.stringContaining('DHIS2 year'), row: 2 },
        { object: 'categoryOptionCombo', value: expect.stringContaining('AGE_15_24'), row: 3 },
        { object: 'value', value: expect.stringContaining('number'), row: 4 },
      ]);
      expect(await ctx.count('observations')).toBe(before);
      await ctx.http.post('/api/exchange/dhis2/dataValueSets?verified=true').set(facilitator.auth).send({ dataValues: [] }).expect(403);
      const shape = await ctx.http.post('/api/exchange/dhis2/dataValueSets').set(facilitator.auth).send({ values: [] }).expect(400);
      expect(shape.body.conflicts).toEqual([{ object: 'dataValues', value: expect.any(String), row: 1 }]);
    });

    it('a DHIS2 value from a facilitator comes in awaiting verification, with its comment', async () => {
      const res = await ctx.http
        .post('/api/exchange/dhis2/dataValueSets')
        .set(facilitator.auth)
        .send({ dataValues: [{ dataElement: code, period: '2024Q3', orgUnit: `PROVINCE:${province}`, value: '990', comment: 'from DHIS2' }] })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1, updated: 0, ignored: 0, deleted: 0 }, verified: 0 });
      const [row] = await ctx.db.query(
        `SELECT o.status, o.notes FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.code = $1 AND o.period = '2024-Q3' AND o.scope_type = 'province'`,
        [code],
      );
      expect(row).toEqual({ status: 'submitted', notes: 'from DHIS2' });
    });
  });

  describe('.xlsx import', () => {
    const workbook = async (rows: (string | number | Date | null)[][], options: { secondSheet?: boolean } = {}) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Values');
      rows.forEach((row, i) => {
        if (row.length) sheet.getRow(i + 1).values = row;
      });
      sheet.getColumn(4).numFmt = 'mmm-yy';
      if (options.secondSheet) book.addWorksheet('Notes').addRow(['ignored', 'sheet']);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const sendXlsx = (user: TestUser, file: Buffer, query = '') =>
      ctx.http
        .post(`/api/observations/import.xlsx${query}`)
        .set(user.auth)
        .attach('file', file, { filename: 'values.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const header = HEADER.split(',');

    it("imports the first sheet: numbers, a month the spreadsheet made a date, a blank row; a tenfold jump is warned by the sheet's row", async () => {
      const file = await workbook(
        [
          header,
          [code, 'park', codeA, '2024-10', '', 110, 'HR sheet', ''],
          [],
          [code, 'park', codeA, new Date(Date.UTC(2024, 10, 1)), 'sex=female', 52.0, 'HR sheet', 'typed as 2024-11'],
          [code, 'park', codeA, '2024-12', '', 1200, 'HR sheet', 'new hires'],
        ],
        { secondSheet: true },
      );
      const res = await sendXlsx(officer, file).expect(200);
      expect(res.body).toMatchObject({ ok: true, rows: 3, inserted: 3, errorCount: 0, verified: 0 });
      // Women's 52 is far from their 40–45 too; each warning names the sheet's row.
      expect(res.body.warnings).toEqual([
        expect.objectContaining({ row: 4, field: 'value', value: 52, rule: 'history' }),
        expect.objectContaining({ row: 5, field: 'value', value: 1200, rule: 'history' }),
      ]);
      const rows = await current(ctx, `o.park_id = $2 AND o.period IN ('2024-10', '2024-11', '2024-12')`, [parkA]);
      expect(
        rows.map((r: { period: string; disaggregation: string; value: string; status: string }) => [r.period, r.disaggregation, r.value, r.status]),
      ).toEqual([
        ['2024-10', '', '110', 'submitted'],
        ['2024-12', '', '1200', 'submitted'],
        ['2024-11', 'sex=female', '52', 'submitted'],
      ]);
    });

    it("refuses a sheet with bad rows, naming the sheet's row numbers, and writes nothing", async () => {
      const file = await workbook([
        header,
        [code, 'park', codeA, '2025-01', '', 5, '', ''],
        [],
        [],
        [code, 'park', codeA, '2025-02', '', -3, '', ''],
        [code, 'town', codeA, '2025-03', '', 4, '', ''],
      ]);
      const before = await ctx.count('observations');
      const res = await sendXlsx(officer, file).expect(400);
      expect(res.body.errors).toEqual([
        { row: 5, field: 'value', message: expect.any(String) },
        { row: 6, field: 'scope_type', message: 'scope_type must be park, city or province' },
      ]);
      expect(await ctx.count('observations')).toBe(before);
    });

    it('refuses a file that is not a workbook (400 naming file)', async () => {
      const res = await sendXlsx(officer, Buffer.from('not,a,workbook\n', 'utf8')).expect(400);
      expect(res.body.details[0].field).toBe('file');
    });
  });
  describe('round trip into a fresh install', () => {
    let fresh: { url: string; drop(): Promise<void> };
    let other: TestContext;
    let otherAdmin: TestUser;
    let sentSdmx: string;
    let sentSet: { dataValues: DataValue[] };

    beforeAll(async () => {
      // What goes out is taken first: a second app in this process takes over the sign-in strategy, so this describe
      // comes last and asks the first app for nothing once the second is up.
      sentSdmx = asText(await ctx.http.get(`/api/indicators/${code}/sdmx.csv`).set(observer.auth).expect(200));
      sentSet = (await ctx.http.get(`/api/exchange/dhis2/dataValueSets?indicator=${code}`).set(observer.auth).expect(200)).body;
      fresh = await createFuzzDatabase();
      other = await TestContext.create({ databaseUrl: fresh.url });
      otherAdmin = await other.newUser({ role: 'admin', constituency: 'international' });
      await other.http.post('/api/indicators').set(otherAdmin.auth).send(indicatorBody).expect(201);
      // The same parks (their codes) in a different order, so their ids differ.
      await newPark(other, otherAdmin, codeB);
      await newPark(other, otherAdmin, codeA);
    });
    afterAll(async () => {
      await other.close();
      await fresh.drop();
    });

    it('SDMX-CSV: export, import by an admin, export again gives the same bytes; a second import changes nothing', async () => {
      const sent = sentSdmx;
      const imported = await other.http
        .post('/api/exchange/sdmx')
        .set(otherAdmin.auth)
        .attach('file', Buffer.from(sent, 'utf8'), { filename: 'sdmx.csv', contentType: 'text/csv' })
        .expect(200);
      expect(imported.body).toMatchObject({ ok: true, rows: 38, inserted: 38, superseded: 0, unchanged: 0, verified: 38, errorCount: 0 });
      const back = asText(await other.http.get(`/api/indicators/${code}/sdmx.csv`).set(otherAdmin.auth).expect(200));
      expect(back).toBe(sent);
      // The audit says who brought the values in verified, and how many.
      const [audit] = await other.db.query(`SELECT actor_id, changes FROM activity WHERE action = 'observations.imported' AND entity_id = $1`, [
        imported.body.importId,
      ]);
      expect(audit.actor_id).toBe(otherAdmin.id);
      expect(audit.changes).toMatchObject({ inserted: 38, verifiedOnImport: 38, format: 'sdmx-csv' });
      const rows = await current(other);
      expect(rows.every((r: { status: string; reviewed_by_id: string }) => r.status === 'verified' && r.reviewed_by_id === otherAdmin.id)).toBe(true);
      const again = await other.http.post('/api/exchange/sdmx').set(otherAdmin.auth).set('Content-Type', 'text/csv').send(sent).expect(200);
      expect(again.body).toMatchObject({ ok: true, inserted: 0, unchanged: 38 });
    });

    it('DHIS2: export, import as verified by an admin, export again gives the same values; changed values come in as updates', async () => {
      const sent = sentSet;
      expect(sent.dataValues).toHaveLength(38);
      // The SDMX test above filled this install already: the values are ignored as they are, but for the city's, which
      // gains its comment (SDMX-CSV carries no notes; DHIS2 does).
      const first = await other.http.post('/api/exchange/dhis2/dataValueSets?verified=true').set(otherAdmin.auth).send(sent).expect(200);
      expect(first.body).toMatchObject({
        responseType: 'ImportSummary',
        status: 'SUCCESS',
        importCount: { imported: 0, updated: 1, ignored: 37, deleted: 0 },
        conflicts: [],
      });
      // Change three values as DHIS2 would send them back; they come in as updates, verified.
      const changed = sent.dataValues.map((v, i) => (i < 3 ? { ...v, value: String(Number(v.value) + 1) } : v));
      const second = await other.http
        .post('/api/exchange/dhis2/dataValueSets?verified=true')
        .set(otherAdmin.auth)
        .attach('file', Buffer.from(JSON.stringify({ dataValues: changed }), 'utf8'), { filename: 'set.json', contentType: 'application/json' })
        .expect(200);
      // Women + men no longer make the total: the values go in, flagged, and the summary says WARNING.
      expect(second.body).toMatchObject({ status: 'WARNING', importCount: { imported: 0, updated: 3, ignored: 35, deleted: 0 }, verified: 3 });
      expect(second.body.warnings.length).toBeGreaterThan(0);
      const back = (await other.http.get(`/api/exchange/dhis2/dataValueSets?indicator=${code}`).set(otherAdmin.auth).expect(200)).body as {
        dataValues: DataValue[];
      };
      const strip = (values: DataValue[]) =>
        values.map(({ dataElement, period, orgUnit, categoryOptionCombo, value, comment }) => ({
          dataElement,
          period,
          orgUnit,
          categoryOptionCombo,
          value,
          comment,
        }));
      const key = (v: DataValue) => `${v.dataElement}|${v.orgUnit}|${v.categoryOptionCombo}|${v.period}`;
      const sort = (values: DataValue[]) => [...values].sort((a, b) => key(a).localeCompare(key(b)));
      expect(strip(sort(back.dataValues))).toEqual(strip(sort(changed)));
      expect(back.dataValues.every((v) => v.storedBy === otherAdmin.displayName)).toBe(true);
    });
  });
});
