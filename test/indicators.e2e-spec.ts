import { randomUUID } from 'node:crypto';
import { TestContext, TestUser } from './support/context';

const HEADER = 'indicator_code,scope_type,scope,period,disaggregation,value,source,notes';

describe('indicators: catalogue, series with roll-ups, links to commitments and their trajectories', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let verifier: TestUser;
  let lead: TestUser; // member of the lead organization of the commitments below
  let member: TestUser;
  let observer: TestUser;
  const tag = randomUUID().slice(0, 6);
  const province = `Anhui ${tag}`;
  const hefei = `Hefei ${tag}`;
  const wuhu = `Wuhu ${tag}`;
  let parkA: string;
  let parkB: string;
  let parkC: string;

  const newPark = async (name: string, parkCity: string) => {
    const [row] = await ctx.db.query(`INSERT INTO parks (name, city, province, level) VALUES ($1, $2, $3, 'provincial') RETURNING id`, [
      JSON.stringify({ en: name }),
      parkCity,
      province,
    ]);
    return row.id as string;
  };
  /** Imports values as a facilitator and has another facilitator's verification recorded (setup only). */
  const verified = async (rows: string[]) => {
    const res = await ctx.http
      .post('/api/observations/import')
      .set(facilitator.auth)
      .set('Content-Type', 'text/csv')
      .send([HEADER, ...rows].join('\n'))
      .expect(200);
    await ctx.db.query(`UPDATE observations SET status = 'verified', reviewed_by_id = $1, reviewed_at = now() WHERE import_id = $2`, [
      verifier.id,
      res.body.importId,
    ]);
  };
  const series = (code: string, query: string, user: TestUser = member) => ctx.http.get(`/api/indicators/${code}/series?${query}`).set(user.auth);
  const scopeQuery = (scopeType: string, scope: string) => `scopeType=${scopeType}&scope=${encodeURIComponent(scope)}`;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    verifier = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
    lead = await ctx.newUser({ role: 'member', constituency: 'workers' });
    member = await ctx.newUser({ role: 'member', constituency: 'employers' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    parkA = await newPark(`Hefei High-tech Zone ${tag}`, hefei);
    parkB = await newPark(`Hefei Economic Zone ${tag}`, hefei);
    parkC = await newPark(`Wuhu Economic Zone ${tag}`, wuhu);
  });
  afterAll(() => ctx.close());

  describe('catalogue', () => {
    it('is seeded with the 25 standard indicators, in English and Chinese', async () => {
      const res = await ctx.http.get('/api/indicators').set(observer.auth).expect(200);
      const seeded = res.body.items.filter((i: { code: string }) => /^(GJ|DW|EIP)\./.test(i.code) && !i.code.includes('TEST'));
      expect(seeded).toHaveLength(25);
      const jobs = seeded.find((i: { code: string }) => i.code === 'GJ.GREEN_JOBS');
      expect(jobs).toMatchObject({
        category: 'green_jobs',
        dimension: 'employment',
        name: { en: 'Green jobs', zh: '绿色就业岗位数' },
        unit: 'persons',
        direction: 'higher',
        aggregation: 'sum',
        disaggregations: ['sex'],
        source: 'ILO 19th ICLS Guidelines on employment in the environmental sector (2013)',
      });
      // Definitions come in both languages from the seed.
      expect(Object.keys(jobs.definition).sort()).toEqual(['en', 'zh']);
      expect(jobs.definition.zh).toMatch(/[\u4e00-\u9fff]/);
      const injuries = seeded.find((i: { code: string }) => i.code === 'DW.INJURY_FATAL');
      expect(injuries).toMatchObject({ unit: 'rate_per_100k', direction: 'lower', aggregation: 'weighted_mean' });
    });

    it('filters by category, dimension and text; reads one by id or by code', async () => {
      const eip = await ctx.http.get('/api/indicators?category=eip_social').set(member.auth).expect(200);
      expect(eip.body.items.every((i: { category: string }) => i.category === 'eip_social')).toBe(true);
      expect(eip.body.items.map((i: { code: string }) => i.code)).toContain('EIP.SOCIAL_MGMT');
      const osh = await ctx.http.get('/api/indicators?dimension=osh').set(member.auth).expect(200);
      expect(osh.body.items.map((i: { code: string }) => i.code).sort()).toEqual(['DW.INJURY_FATAL', 'DW.INJURY_NONFATAL']);
      const text = await ctx.http
        .get(`/api/indicators?q=${encodeURIComponent('工会')}`)
        .set(member.auth)
        .expect(200);
      expect(text.body.items.map((i: { code: string }) => i.code)).toEqual(['DW.UNION_DENSITY']);
      const byCode = await ctx.http.get('/api/indicators/EIP.EMPLOYMENT').set(member.auth).expect(200);
      const byId = await ctx.http.get(`/api/indicators/${byCode.body.id}`).set(member.auth).expect(200);
      expect(byId.body.code).toBe('EIP.EMPLOYMENT');
      await ctx.http.get('/api/indicators/NO.SUCH').set(member.auth).expect(404);
      await ctx.http.get('/api/indicators?category=happiness').set(member.auth).expect(400);
    });

    it('admins add indicators; others may not; bad input is a 400 naming fields', async () => {
      const code = `EIP.TEST_${tag.toUpperCase()}`;
      const body = {
        code,
        category: 'eip_social',
        dimension: 'community',
        name: { en: 'Community complaints', zh: '社区投诉' },
        unit: 'count',
        direction: 'lower',
        aggregation: 'sum',
        disaggregations: [],
        source: 'Platform-defined',
      };
      await ctx.http.post('/api/indicators').set(facilitator.auth).send(body).expect(403);
      const before = await ctx.count('indicators');
      const bad = await ctx.http
        .post('/api/indicators')
        .set(admin.auth)
        .send({ ...body, code: 'lower case', unit: 'kg', disaggregations: ['colour'] })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['code', 'unit', 'disaggregations']));
      const share = await ctx.http
        .post('/api/indicators')
        .set(admin.auth)
        .send({ ...body, aggregation: 'share_true' })
        .expect(400);
      expect(share.body.details[0].field).toBe('aggregation');
      expect(await ctx.count('indicators')).toBe(before);
      const res = await ctx.http.post('/api/indicators').set(admin.auth).send(body).expect(201);
      expect(res.body).toMatchObject({ code, unit: 'count', direction: 'lower', hasObservations: false });
      const taken = await ctx.http.post('/api/indicators').set(admin.auth).send(body).expect(409);
      expect(taken.body.details).toEqual([{ field: 'code', message: `An indicator with the code ${code} exists already` }]);
    });

    it('admins edit them; the code and the unit lock once values exist', async () => {
      const code = `GJ.TEST_${tag.toUpperCase()}`;
      const created = await ctx.http
        .post('/api/indicators')
        .set(admin.auth)
        .send({
          code,
          category: 'green_jobs',
          dimension: 'skills',
          name: { en: 'Apprentices' },
          unit: 'persons',
          direction: 'higher',
          aggregation: 'sum',
          disaggregations: ['sex'],
        })
        .expect(201);
      const renamed = `${code}_V2`;
      const edit = await ctx.http
        .patch(`/api/indicators/${created.body.id}`)
        .set(admin.auth)
        .send({ code: renamed, name: { en: 'Green apprentices', zh: '绿色学徒' } })
        .expect(200);
      expect(edit.body).toMatchObject({ code: renamed, name: { zh: '绿色学徒' } });
      await ctx.http.patch(`/api/indicators/${renamed}`).set(member.auth).send({ source: 'x' }).expect(403);

      await ctx.http
        .post('/api/observations')
        .set(facilitator.auth)
        .send({ indicatorId: renamed, scopeType: 'park', parkId: parkA, period: '2024', value: 12 })
        .expect(201);
      const locked = await ctx.http
        .patch(`/api/indicators/${renamed}`)
        .set(admin.auth)
        .send({ code: `${code}_V3` })
        .expect(409);
      expect(locked.body).toMatchObject({
        statusCode: 409,
        message: `${renamed} has observations: its code can no longer change`,
        details: [{ field: 'code', message: `code can no longer change: ${renamed} has observations` }],
      });
      const unit = await ctx.http.patch(`/api/indicators/${renamed}`).set(admin.auth).send({ unit: 'count' }).expect(409);
      expect(unit.body.details).toEqual([{ field: 'unit', message: `unit can no longer change: ${renamed} has observations` }]);
      const both = await ctx.http
        .patch(`/api/indicators/${renamed}`)
        .set(admin.auth)
        .send({ code: `${code}_V3`, unit: 'count', source: 'x' })
        .expect(409);
      expect(both.body.details.map((d: { field: string }) => d.field)).toEqual(['code', 'unit']);
      expect((await ctx.http.get(`/api/indicators/${renamed}`).set(admin.auth).expect(200)).body).toMatchObject({ code: renamed, unit: 'persons', source: '' });
      const still = await ctx.http
        .patch(`/api/indicators/${renamed}`)
        .set(admin.auth)
        .send({ definition: { en: 'Apprentices in green trades' } })
        .expect(200);
      expect(still.body).toMatchObject({ code: renamed, hasObservations: true, definition: { en: 'Apprentices in green trades' } });
      const history = await ctx.http.get(`/api/activity?entityType=indicator&entityId=${created.body.id}`).set(admin.auth).expect(200);
      expect(history.body.items.map((a: { action: string }) => a.action)).toEqual(['indicator.updated', 'indicator.updated', 'indicator.created']);
    });
  });

  describe('series', () => {
    beforeAll(async () => {
      await verified([
        // Green jobs (sum): 2023 and 2024 for every park.
        `GJ.GREEN_JOBS,park,${parkA},2023,,90,,`,
        `GJ.GREEN_JOBS,park,${parkB},2023,,150,,`,
        `GJ.GREEN_JOBS,park,${parkC},2023,,260,,`,
        `GJ.GREEN_JOBS,park,${parkA},2024,,100,,`,
        `GJ.GREEN_JOBS,park,${parkB},2024,,200,,`,
        `GJ.GREEN_JOBS,park,${parkC},2024,,300,,`,
        `GJ.GREEN_JOBS,park,${parkA},2024,sex=female,40,,`,
        // Employment (weights): every park in 2024, only park A in 2023.
        `EIP.EMPLOYMENT,park,${parkA},2024,,1000,,`,
        `EIP.EMPLOYMENT,park,${parkB},2024,,3000,,`,
        `EIP.EMPLOYMENT,park,${parkC},2024,,1000,,`,
        `EIP.EMPLOYMENT,park,${parkA},2023,,900,,`,
        // Collective bargaining coverage (weighted mean).
        `DW.CB_COVERAGE,park,${parkA},2024,,10,,`,
        `DW.CB_COVERAGE,park,${parkB},2024,,50,,`,
        `DW.CB_COVERAGE,park,${parkC},2024,,40,,`,
        `DW.CB_COVERAGE,park,${parkA},2023,,20,,`,
        `DW.CB_COVERAGE,park,${parkB},2023,,30,,`,
        // Social management system (share of parks with 1).
        `EIP.SOCIAL_MGMT,park,${parkA},2024,,1,,`,
        `EIP.SOCIAL_MGMT,park,${parkB},2024,,0,,`,
        `EIP.SOCIAL_MGMT,park,${parkC},2024,,1,,`,
        // Social infrastructure score (mean).
        `EIP.SOCIAL_INFRA,park,${parkA},2024,,3,,`,
        `EIP.SOCIAL_INFRA,park,${parkB},2024,,4,,`,
        `EIP.SOCIAL_INFRA,park,${parkC},2024,,5,,`,
        // Workers trained: reported for the province itself.
        `GJ.TRAINED,province,${province},2024,,777,Provincial HRSS,`,
      ]);
      // A 2025 value still waiting for verification.
      await ctx.http
        .post('/api/observations')
        .set(facilitator.auth)
        .send({ indicatorId: 'GJ.GREEN_JOBS', scopeType: 'park', parkId: parkA, period: '2025', value: 130 })
        .expect(201);
    });

    it("shows a park's own verified values in period order", async () => {
      const res = await series('GJ.GREEN_JOBS', scopeQuery('park', parkA)).expect(200);
      expect(res.body).toMatchObject({ rule: 'direct', unit: 'persons', weightedBy: null, parks: [], scope: { type: 'park', park: { id: parkA } } });
      expect(res.body.points).toEqual([
        { period: '2023', value: 90, status: 'verified', isDemo: false },
        { period: '2024', value: 100, status: 'verified', isDemo: false },
      ]);
      const women = await series('GJ.GREEN_JOBS', `${scopeQuery('park', parkA)}&disaggregation=sex=female`).expect(200);
      expect(women.body.points).toEqual([{ period: '2024', value: 40, status: 'verified', isDemo: false }]);
    });

    it('status=all adds values still under verification, marked as such (not for observers)', async () => {
      const res = await series('GJ.GREEN_JOBS', `${scopeQuery('park', parkA)}&status=all`).expect(200);
      expect(res.body.points.at(-1)).toEqual({ period: '2025', value: 130, status: 'submitted', isDemo: false });
      await series('GJ.GREEN_JOBS', `${scopeQuery('park', parkA)}&status=all`, observer).expect(403);
      const observed = await series('GJ.GREEN_JOBS', scopeQuery('park', parkA), observer).expect(200);
      expect(observed.body.points).toHaveLength(2);
    });

    it('rolls a province up by sum, naming the rule and the parks used', async () => {
      const res = await series('GJ.GREEN_JOBS', scopeQuery('province', province)).expect(200);
      expect(res.body).toMatchObject({ rule: 'sum', weightedBy: null, unit: 'persons' });
      expect(res.body.parks.map((p: { id: string }) => p.id).sort()).toEqual([parkA, parkB, parkC].sort());
      expect(res.body.points).toEqual([
        { period: '2023', value: 500, status: 'verified', isDemo: false, parkCount: 3, expectedParkCount: 3, partial: false, weighted: false },
        { period: '2024', value: 600, status: 'verified', isDemo: false, parkCount: 3, expectedParkCount: 3, partial: false, weighted: false },
      ]);
      const city = await series('GJ.GREEN_JOBS', `${scopeQuery('city', `${province}/${hefei}`)}&from=2024&to=2024`).expect(200);
      expect(city.body.points).toEqual([
        { period: '2024', value: 300, status: 'verified', isDemo: false, parkCount: 2, expectedParkCount: 2, partial: false, weighted: false },
      ]);
      expect(city.body.parks.map((p: { id: string }) => p.id).sort()).toEqual([parkA, parkB].sort());
    });

    it('weights a weighted mean by park employment, and says when it could not', async () => {
      const res = await series('DW.CB_COVERAGE', scopeQuery('province', province)).expect(200);
      expect(res.body).toMatchObject({ rule: 'weighted_mean', weightedBy: 'EIP.EMPLOYMENT' });
      // 2024: (10×1000 + 50×3000 + 40×1000) / 5000 = 40 (the plain mean would be 33.3).
      // 2023: park B reported no employment, so the plain mean of 20 and 30 (two of the three parks: enough for a mean).
      expect(res.body.points).toEqual([
        { period: '2023', value: 25, status: 'verified', isDemo: false, parkCount: 2, expectedParkCount: 3, partial: false, weighted: false },
        { period: '2024', value: 40, status: 'verified', isDemo: false, parkCount: 3, expectedParkCount: 3, partial: false, weighted: true },
      ]);
    });

    it('gives the share of parks answering yes as a percentage, and a plain mean for scores', async () => {
      const share = await series('EIP.SOCIAL_MGMT', scopeQuery('province', province)).expect(200);
      expect(share.body).toMatchObject({ rule: 'share_true', unit: 'percent' });
      expect(share.body.points[0].value).toBeCloseTo(66.6667, 3);
      const mean = await series('EIP.SOCIAL_INFRA', scopeQuery('city', hefei)).expect(200);
      expect(mean.body).toMatchObject({ rule: 'mean', scope: { type: 'city', province, city: hefei } });
      expect(mean.body.points).toEqual([
        { period: '2024', value: 3.5, status: 'verified', isDemo: false, parkCount: 2, expectedParkCount: 2, partial: false, weighted: false },
      ]);
    });

    it("prefers a province's own values to a roll-up", async () => {
      const res = await series('GJ.TRAINED', scopeQuery('province', province)).expect(200);
      expect(res.body).toMatchObject({ rule: 'direct', parks: [], points: [{ period: '2024', value: 777, status: 'verified', isDemo: false }] });
    });

    it("a park's overview gives every indicator's latest verified total and the one before it", async () => {
      const catalogue = await ctx.http.get('/api/indicators').set(member.auth).expect(200);
      const res = await ctx.http.get(`/api/parks/${parkA}/indicators`).set(observer.auth).expect(200);
      expect(res.body.park).toEqual({ id: parkA, name: { en: `Hefei High-tech Zone ${tag}` } });
      const codes = res.body.items.map((i: { indicator: { code: string } }) => i.indicator.code);
      expect(codes).toEqual(catalogue.body.items.map((i: { code: string }) => i.code).sort());
      const byCode = new Map(res.body.items.map((i: { indicator: { code: string } }) => [i.indicator.code, i]));
      // The women's value and the 2025 value awaiting verification are not the total's latest verified value.
      expect(byCode.get('GJ.GREEN_JOBS')).toEqual({
        indicator: { id: expect.any(String), code: 'GJ.GREEN_JOBS', name: { en: 'Green jobs', zh: '绿色就业岗位数' }, unit: 'persons', direction: 'higher' },
        unit: 'persons',
        latest: { period: '2024', value: 100, status: 'verified', isDemo: false },
        previous: { period: '2023', value: 90, status: 'verified', isDemo: false },
      });
      expect(byCode.get('EIP.SOCIAL_MGMT')).toMatchObject({ unit: 'boolean', latest: { period: '2024', value: 1 }, previous: null });
      expect(byCode.get('DW.INJURY_FATAL')).toMatchObject({ latest: null, previous: null });
    });

    it('the overview takes status=all for values awaiting verification (not observers), and 404s an unknown park', async () => {
      const all = await ctx.http.get(`/api/parks/${parkA}/indicators?status=all`).set(member.auth).expect(200);
      expect(all.body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'GJ.GREEN_JOBS')).toMatchObject({
        latest: { period: '2025', value: 130, status: 'submitted' },
        previous: { period: '2024', value: 100, status: 'verified' },
      });
      await ctx.http.get(`/api/parks/${parkA}/indicators?status=all`).set(observer.auth).expect(403);
      const bad = await ctx.http.get(`/api/parks/${parkA}/indicators?status=draft`).set(member.auth).expect(400);
      expect(bad.body.details[0].field).toBe('status');
      await ctx.http.get(`/api/parks/${randomUUID()}/indicators`).set(member.auth).expect(404);
      const id = await ctx.http.get('/api/parks/not-a-park/indicators').set(member.auth).expect(400);
      expect(id.body.details[0].field).toBe('id');
    });

    it('refuses bad queries with 400 naming the field', async () => {
      const noScope = await ctx.http.get('/api/indicators/GJ.GREEN_JOBS/series?scopeType=park').set(member.auth).expect(400);
      expect(noScope.body.details[0].field).toBe('scope');
      const unknown = await series('GJ.GREEN_JOBS', scopeQuery('province', 'Atlantis')).expect(400);
      expect(unknown.body.details[0].field).toBe('scope');
      const period = await series('GJ.GREEN_JOBS', `${scopeQuery('park', parkA)}&from=2024-13`).expect(400);
      expect(period.body.details[0].field).toBe('from');
      const dis = await series('GJ.GREEN_SHARE', `${scopeQuery('park', parkA)}&disaggregation=sex=female`).expect(400);
      expect(dis.body.details[0].field).toBe('disaggregation');
      await series('NO.SUCH', scopeQuery('park', parkA)).expect(404);
    });
  });

  describe('links to commitments and trajectories', () => {
    let roadmapId: string;
    let itemOnTrack: string; // green jobs in the province + injuries in park B (no data)
    let itemOffTrack: string; // coverage in park A
    let itemAtRisk: string; // social management share in the province
    const link = (user: TestUser, itemId: string, body: Record<string, unknown>) =>
      ctx.http.post(`/api/action-items/${itemId}/indicator-links`).set(user.auth).send(body);
    const newItem = async (title: string) =>
      (
        await ctx.http
          .post('/api/action-items')
          .set(facilitator.auth)
          .send({ roadmapId, title: { en: title }, leadOrganizationId: lead.organizationId, policyArea: 'skills' })
          .expect(201)
      ).body.id as string;

    beforeAll(async () => {
      roadmapId = (
        await ctx.http
          .post('/api/roadmaps')
          .set(facilitator.auth)
          .send({ title: { en: `Green jobs roadmap ${tag}` }, periodStart: 2020, periodEnd: 2030, ownerOrganizationId: lead.organizationId })
          .expect(201)
      ).body.id;
      itemOnTrack = await newItem('Create green jobs across the province');
      itemOffTrack = await newItem('Extend collective bargaining in the high-tech zone');
      itemAtRisk = await newItem('Social management systems in every park');
    });

    // Baseline 2020-12-31 → target 2028-12-31: the 2024 values (ending 2024-12-31) are half way.
    const baseline = { baselineDate: '2020-12-31', targetDate: '2028-12-31' };
    const provinceLink = (user: TestUser, itemId: string, indicatorId: string, baselineValue: number, targetValue: number) =>
      link(user, itemId, { indicatorId, scopeType: 'province', province, baselineValue, targetValue, ...baseline });

    it('the lead organization links an indicator; the link carries its trajectory, latest value and expectation', async () => {
      const res = await provinceLink(lead, itemOnTrack, 'GJ.GREEN_JOBS', 400, 800).expect(201);
      expect(res.body).toMatchObject({
        actionItemId: itemOnTrack,
        indicator: { code: 'GJ.GREEN_JOBS' },
        scope: { type: 'province', province },
        unit: 'persons',
        baseline: { value: 400, date: '2020-12-31' },
        target: { value: 800, date: '2028-12-31' },
        trajectory: 'on_track',
        latest: { period: '2024', value: 600, date: '2024-12-31', rolledUp: true },
        expected: 600,
        ratio: 1,
      });
      const history = await ctx.http.get(`/api/action-items/${itemOnTrack}/history`).set(lead.auth).expect(200);
      expect(history.body.items[0]).toMatchObject({ action: 'indicator_link.added' });
    });

    it("judges a province's weighted mean by its parks' employment, as its series does", async () => {
      const res = await provinceLink(facilitator, itemOnTrack, 'DW.CB_COVERAGE', 5, 45).expect(201);
      // 2024: (10×1000 + 50×3000 + 40×1000) / 5000 = 40; the plain mean would be 33.3.
      expect(res.body.latest).toEqual({ period: '2024', value: 40, date: '2024-12-31', isDemo: false, rolledUp: true, parkCount: 3, expectedParkCount: 3 });
      await ctx.http.delete(`/api/action-items/${itemOnTrack}/indicator-links/${res.body.id}`).set(facilitator.auth).expect(204);
    });

    it('is off track when far below the line, and has no data without verified values', async () => {
      const off = await link(facilitator, itemOffTrack, {
        indicatorId: 'DW.CB_COVERAGE',
        scopeType: 'park',
        parkId: parkA,
        baselineValue: 5,
        targetValue: 45,
        ...baseline,
      }).expect(201);
      expect(off.body).toMatchObject({ trajectory: 'off_track', latest: { value: 10, rolledUp: false }, expected: 25, ratio: 0.25 });
      const none = await link(lead, itemOnTrack, {
        indicatorId: 'DW.INJURY_NONFATAL',
        scopeType: 'park',
        parkId: parkB,
        baselineValue: 100,
        targetValue: 20,
        ...baseline,
      }).expect(201);
      expect(none.body).toMatchObject({ trajectory: 'no_data', latest: null, expected: null });
    });

    it('judges a yes/no indicator in a province by the share of parks', async () => {
      const res = await link(lead, itemAtRisk, {
        indicatorId: 'EIP.SOCIAL_MGMT',
        scopeType: 'province',
        province,
        baselineValue: 50,
        targetValue: 100,
        ...baseline,
      }).expect(201);
      // 66.7% reached where 75% was expected: two thirds of the expected progress.
      expect(res.body).toMatchObject({ unit: 'percent', trajectory: 'at_risk', expected: 75 });
    });

    it('refuses others, bad values and bad dates with 400 naming the fields, writing nothing', async () => {
      const before = await ctx.count('indicator_links');
      await link(member, itemOnTrack, { indicatorId: 'GJ.GREEN_JOBS', scopeType: 'park', parkId: parkC, baselineValue: 1, targetValue: 2, ...baseline }).expect(
        403,
      );
      await link(observer, itemOnTrack, {
        indicatorId: 'GJ.GREEN_JOBS',
        scopeType: 'park',
        parkId: parkC,
        baselineValue: 1,
        targetValue: 2,
        ...baseline,
      }).expect(403);
      const dates = await link(lead, itemOnTrack, {
        indicatorId: 'GJ.GREEN_SHARE',
        scopeType: 'park',
        parkId: parkC,
        baselineValue: 10,
        targetValue: 120,
        baselineDate: '2025-01-01',
        targetDate: '2024-01-01',
      }).expect(400);
      expect(dates.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['targetDate', 'targetValue']);
      const direction = await link(lead, itemOnTrack, {
        indicatorId: 'DW.INJURY_FATAL',
        scopeType: 'park',
        parkId: parkC,
        baselineValue: 2,
        targetValue: 3,
        ...baseline,
      }).expect(400);
      expect(direction.body.details[0]).toMatchObject({ field: 'targetValue', message: expect.stringContaining('lower is better') });
      const missing = await link(lead, itemOnTrack, {
        indicatorId: 'GJ.GREEN_JOBS',
        scopeType: 'city',
        baselineValue: 1,
        targetValue: 2,
        baselineDate: '2020-1-1',
      }).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['city', 'province', 'baselineDate', 'targetDate']));
      await link(lead, itemOnTrack, { indicatorId: 'GJ.GREEN_JOBS', scopeType: 'province', province, baselineValue: 1, targetValue: 2, ...baseline }).expect(
        409,
      );
      await link(lead, randomUUID(), { indicatorId: 'GJ.GREEN_JOBS', scopeType: 'province', province, baselineValue: 1, targetValue: 2, ...baseline }).expect(
        404,
      );
      expect(await ctx.count('indicator_links')).toBe(before);
    });

    it('lists, edits and removes links', async () => {
      const list = await ctx.http.get(`/api/action-items/${itemOnTrack}/indicator-links`).set(observer.auth).expect(200);
      expect(list.body.items.map((l: { indicator: { code: string } }) => l.indicator.code)).toEqual(['GJ.GREEN_JOBS', 'DW.INJURY_NONFATAL']);
      const injuries = list.body.items[1].id;
      const edited = await ctx.http.patch(`/api/action-items/${itemOnTrack}/indicator-links/${injuries}`).set(lead.auth).send({ targetValue: 30 }).expect(200);
      expect(edited.body.target).toEqual({ value: 30, date: '2028-12-31' });
      const bad = await ctx.http
        .patch(`/api/action-items/${itemOnTrack}/indicator-links/${injuries}`)
        .set(lead.auth)
        .send({ targetDate: '2019-01-01' })
        .expect(400);
      expect(bad.body.details[0].field).toBe('targetDate');
      await ctx.http.patch(`/api/action-items/${itemOnTrack}/indicator-links/${injuries}`).set(member.auth).send({ targetValue: 25 }).expect(403);
      await ctx.http.delete(`/api/action-items/${itemOffTrack}/indicator-links/${injuries}`).set(lead.auth).expect(404);
      const temp = await link(lead, itemOnTrack, {
        indicatorId: 'EIP.OUTREACH',
        scopeType: 'park',
        parkId: parkC,
        baselineValue: 1,
        targetValue: 5,
        ...baseline,
      }).expect(201);
      await ctx.http.delete(`/api/action-items/${itemOnTrack}/indicator-links/${temp.body.id}`).set(lead.auth).expect(204);
      expect(await ctx.count('indicator_links', 'id = $1', [temp.body.id])).toBe(0);
    });

    it('a verified correction moves the trajectory; one awaiting verification does not count yet', async () => {
      const coverage2024 = async () =>
        (await ctx.http.get(`/api/observations?indicatorId=DW.CB_COVERAGE&scope=${parkA}&from=2024&to=2024`).set(facilitator.auth).expect(200)).body.items[0];
      const trajectory = async () => (await ctx.http.get(`/api/action-items/${itemOffTrack}/indicator-links`).set(member.auth).expect(200)).body.items[0];
      // Park A's 2024 coverage corrected from 10 to 24: while it awaits verification, the last verified value is
      // 2023's 20, which was on the line then (5 + 40 × 3/8 = 20).
      const corrected = await ctx.http
        .post(`/api/observations/${(await coverage2024()).id}/correct`)
        .set(facilitator.auth)
        .send({ value: 24 })
        .expect(201);
      expect(await trajectory()).toMatchObject({ trajectory: 'on_track', latest: { period: '2023', value: 20 }, expected: expect.closeTo(20, 1) });
      // Verified: 19 of the 20 points expected by the end of 2024 → on track on the 2024 value.
      await ctx.http.post(`/api/observations/${corrected.body.id}/verify`).set(verifier.auth).expect(200);
      expect(await trajectory()).toMatchObject({ trajectory: 'on_track', latest: { period: '2024', value: 24 }, expected: 25, ratio: 0.95 });
      // And back to 10, verified: off track again.
      const back = await ctx.http.post(`/api/observations/${corrected.body.id}/correct`).set(facilitator.auth).send({ value: 10 }).expect(201);
      await ctx.http.post(`/api/observations/${back.body.id}/verify`).set(verifier.auth).expect(200);
      expect(await trajectory()).toMatchObject({ trajectory: 'off_track', latest: { period: '2024', value: 10 } });
    });

    it('indicator-health gives each commitment its worst trajectory and lists those off track', async () => {
      const res = await ctx.http.get(`/api/roadmaps/${roadmapId}/indicator-health`).set(observer.auth).expect(200);
      const byId = new Map(res.body.items.map((i: { actionItem: { id: string } }) => [i.actionItem.id, i]));
      expect(byId.get(itemOnTrack)).toMatchObject({ trajectory: 'no_data', links: [{ trajectory: 'on_track' }, { trajectory: 'no_data' }] });
      expect(byId.get(itemOffTrack)).toMatchObject({ trajectory: 'off_track' });
      expect(byId.get(itemAtRisk)).toMatchObject({ trajectory: 'at_risk' });
      expect(res.body.counts).toEqual({ on_track: 1, at_risk: 1, off_track: 1, no_data: 1 });
      expect(res.body.offTrack).toEqual([
        {
          id: itemOffTrack,
          title: { en: 'Extend collective bargaining in the high-tech zone' },
          indicators: [{ linkId: expect.any(String), code: 'DW.CB_COVERAGE', scope: expect.objectContaining({ type: 'park', key: parkA }) }],
        },
      ]);
      // One row per commitment, in the roadmap's list order, naming what the list names of it.
      const list = await ctx.http.get(`/api/action-items?roadmapId=${roadmapId}`).set(observer.auth).expect(200);
      expect(res.body.items.map((i: { actionItem: unknown }) => i.actionItem)).toEqual(
        list.body.items.map((i: { id: string; title: unknown; status: string; leadOrganization: { id: string } }) => ({
          id: i.id,
          title: i.title,
          status: i.status,
          leadOrganizationId: i.leadOrganization.id,
        })),
      );
      await ctx.http.get(`/api/roadmaps/${randomUUID()}/indicator-health`).set(observer.auth).expect(404);
    });
  });

  describe('partial roll-ups: periods not every park has reported yet', () => {
    // A city of two parks: both reported January 2024, only park D February so far.
    const shandong = `Shandong ${tag}`;
    const jinan = `Jinan ${tag}`;
    let parkD: string;
    let parkE: string;
    let itemId: string;
    const cityQuery = () => scopeQuery('city', `${shandong}/${jinan}`);
    const cityLink = (body: Record<string, unknown>) =>
      ctx.http
        .post(`/api/action-items/${itemId}/indicator-links`)
        .set(facilitator.auth)
        .send({ scopeType: 'city', province: shandong, city: jinan, ...body });

    beforeAll(async () => {
      const park = async (name: string) =>
        (
          await ctx.db.query(`INSERT INTO parks (name, city, province, level) VALUES ($1, $2, $3, 'provincial') RETURNING id`, [
            JSON.stringify({ en: name }),
            jinan,
            shandong,
          ])
        )[0].id as string;
      parkD = await park(`Jinan High-tech Zone ${tag}`);
      parkE = await park(`Jinan Economic Zone ${tag}`);
      await verified([
        `GJ.GREEN_JOBS,park,${parkD},2024-01,,100,,`,
        `GJ.GREEN_JOBS,park,${parkE},2024-01,,200,,`,
        `GJ.GREEN_JOBS,park,${parkD},2024-02,,150,,`,
        `EIP.SOCIAL_INFRA,park,${parkD},2024-01,,2,,`,
        `EIP.SOCIAL_INFRA,park,${parkE},2024-01,,4,,`,
        `EIP.SOCIAL_INFRA,park,${parkD},2024-02,,3,,`,
      ]);
      const roadmap = await ctx.http
        .post('/api/roadmaps')
        .set(facilitator.auth)
        .send({ title: { en: `Jinan roadmap ${tag}` }, periodStart: 2024, periodEnd: 2030, ownerOrganizationId: lead.organizationId })
        .expect(201);
      itemId = (
        await ctx.http
          .post('/api/action-items')
          .set(facilitator.auth)
          .send({ roadmapId: roadmap.body.id, title: { en: 'Green jobs in Jinan' }, leadOrganizationId: lead.organizationId, policyArea: 'skills' })
          .expect(201)
      ).body.id;
    });

    it('each point says how many of the parks reported; a sum short of a park is partial', async () => {
      const res = await series('GJ.GREEN_JOBS', cityQuery()).expect(200);
      expect(res.body).toMatchObject({ rule: 'sum' });
      expect(res.body.parks.map((p: { id: string }) => p.id).sort()).toEqual([parkD, parkE].sort());
      expect(res.body.points).toEqual([
        { period: '2024-01', value: 300, status: 'verified', isDemo: false, parkCount: 2, expectedParkCount: 2, partial: false, weighted: false },
        { period: '2024-02', value: 150, status: 'verified', isDemo: false, parkCount: 1, expectedParkCount: 2, partial: true, weighted: false },
      ]);
    });

    it('a mean of half the parks says its coverage but stands, for the chart and for a link', async () => {
      const res = await series('EIP.SOCIAL_INFRA', cityQuery()).expect(200);
      expect(res.body.points.map((p: Record<string, unknown>) => [p.period, p.value, p.parkCount, p.expectedParkCount, p.partial])).toEqual([
        ['2024-01', 3, 2, 2, false],
        ['2024-02', 3, 1, 2, false],
      ]);
      const link = await cityLink({
        indicatorId: 'EIP.SOCIAL_INFRA',
        baselineValue: 2,
        baselineDate: '2023-12-31',
        targetValue: 5,
        targetDate: '2030-12-31',
      }).expect(201);
      expect(link.body.latest).toEqual({ period: '2024-02', value: 3, date: '2024-02-29', isDemo: false, rolledUp: true, parkCount: 1, expectedParkCount: 2 });
    });

    it('a link to the city is judged on the latest month both parks reported, and moves on once the other reports', async () => {
      // Baseline 250 at the end of 2023, target 500 at the end of 2030. February's 150 from one park would be far off
      // track; January's 300 from both is ahead of the line.
      const link = await cityLink({
        indicatorId: 'GJ.GREEN_JOBS',
        baselineValue: 250,
        baselineDate: '2023-12-31',
        targetValue: 500,
        targetDate: '2030-12-31',
      }).expect(201);
      expect(link.body).toMatchObject({
        trajectory: 'on_track',
        latest: { period: '2024-01', value: 300, date: '2024-01-31', rolledUp: true, parkCount: 2, expectedParkCount: 2 },
      });
      await verified([`GJ.GREEN_JOBS,park,${parkE},2024-02,,210,,`]);
      const after = await ctx.http.get(`/api/action-items/${itemId}/indicator-links`).set(observer.auth).expect(200);
      const jobs = after.body.items.find((l: { id: string }) => l.id === link.body.id);
      expect(jobs).toMatchObject({ trajectory: 'on_track', latest: { period: '2024-02', value: 360, parkCount: 2, expectedParkCount: 2 } });
    });

    it('has no data when no period since the baseline has every park', async () => {
      await verified([`GJ.GREEN_JOBS,park,${parkD},2024-03,sex=female,40,,`]);
      const link = await cityLink({
        indicatorId: 'GJ.GREEN_JOBS',
        disaggregation: 'sex=female',
        baselineValue: 10,
        baselineDate: '2023-12-31',
        targetValue: 50,
        targetDate: '2030-12-31',
      }).expect(201);
      expect(link.body).toMatchObject({ trajectory: 'no_data', latest: null, expected: null });
    });
  });
});
