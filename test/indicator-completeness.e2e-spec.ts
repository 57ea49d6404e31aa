import { randomUUID } from 'node:crypto';
import { TestContext, TestUser } from './support/context';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('reporting calendar: completeness matrix and reminders', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let officer: TestUser;
  let officerZh: TestUser;
  let officerQuiet: TestUser;
  const tag = randomUUID().slice(0, 6);
  const TAG = tag.toUpperCase().replace(/[^A-Z0-9]/g, 'X');
  const code = `QA.REPORTS_${TAG}`;
  const province = `Completeness ${tag}`;
  const parks: Record<'onTime' | 'late' | 'missing' | 'otherCity', string> = { onTime: '', late: '', missing: '', otherCity: '' };

  // The month two months back: its due day is set, per test, to yesterday or today.
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  const period = `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
  const monthEnd = Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0);
  const today = iso(Date.now());
  const daysToToday = Math.round((Date.parse(`${today}T00:00:00Z`) - monthEnd) / DAY);

  const setDueDays = (dueDays: number) => ctx.http.patch(`/api/indicators/${code}/rules`).set(admin.auth).send({ frequency: 'month', dueDays }).expect(200);
  const matrix = (query: string) => ctx.http.get(`/api/indicators/${code}/completeness?${query}`).set(officer.auth);
  const cellOf = (body: { periods: { period: string }[]; parks: { park: { id: string }; cells: string[] }[] }, park: string) =>
    body.parks.find((p) => p.park.id === park)!.cells[body.periods.findIndex((p) => p.period === period)];

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    officer = await ctx.newUser({ role: 'member', constituency: 'park_management' });
    // Two more officers of the same park: one reads Chinese, one has turned reporting reminder mails off.
    officerZh = await ctx.newUser({ role: 'member', organizationId: officer.organizationId });
    await ctx.db.query(`UPDATE users SET locale = 'zh-CN' WHERE id = $1`, [officerZh.id]);
    officerQuiet = await ctx.newUser({ role: 'member', organizationId: officer.organizationId });
    await ctx.http
      .put('/api/mail/preferences')
      .set(officerQuiet.auth)
      .send({ kinds: [{ kind: 'reporting.reminder', mode: 'never' }] })
      .expect(200);
    for (const [key, cityName] of [
      ['onTime', 'Hefei'],
      ['late', 'Hefei'],
      ['missing', 'Hefei'],
      ['otherCity', 'Wuhu'],
    ] as const) {
      const [row] = await ctx.db.query(`INSERT INTO parks (name, city, province, level, organization_id) VALUES ($1, $2, $3, 'national', $4) RETURNING id`, [
        JSON.stringify({ en: `${key} park ${tag}` }),
        cityName,
        province,
        key === 'missing' ? officer.organizationId : null,
      ]);
      parks[key] = row.id;
    }
    await ctx.newIndicator(admin, { code, category: 'eip_social', dimension: 'community', name: { en: `Reports ${tag}` }, unit: 'count' });
    for (const key of ['onTime', 'late', 'otherCity'] as const) {
      await ctx.http
        .post('/api/observations')
        .set(facilitator.auth)
        .send({ indicatorId: code, scopeType: 'park', parkId: parks[key], period, value: 3 })
        .expect(201);
    }
    // When each first came in: on time = the day the month ended; late = today.
    await ctx.db.query(`UPDATE observations SET reported_at = $1 WHERE park_id = ANY($2::uuid[]) AND period = $3`, [
      new Date(monthEnd + 12 * 3_600_000),
      [parks.onTime, parks.otherCity],
      period,
    ]);
  });
  afterAll(() => ctx.close());

  it('on the due day itself: a value in today is on time, and none is not due yet', async () => {
    await setDueDays(daysToToday);
    const res = await matrix(`province=${encodeURIComponent(province)}&from=${period}&to=${period}`).expect(200);
    expect(res.body.periods).toEqual([{ period, due: today }]);
    expect(cellOf(res.body, parks.onTime)).toBe('on_time');
    expect(cellOf(res.body, parks.late)).toBe('on_time');
    expect(cellOf(res.body, parks.missing)).toBe('not_due');
  });

  it('the day after the due day: a value in today is late, and none is missing; rates per park, per city and in all', async () => {
    await setDueDays(daysToToday - 1);
    const res = await matrix(`province=${encodeURIComponent(province)}&from=${period}&to=${period}`).expect(200);
    expect(cellOf(res.body, parks.onTime)).toBe('on_time');
    expect(cellOf(res.body, parks.late)).toBe('late');
    expect(cellOf(res.body, parks.missing)).toBe('missing');
    expect(res.body.total).toEqual({ onTime: 2, late: 1, missing: 1, notDue: 0, expected: 4, reportingRate: 0.75, timelinessRate: 0.5 });
    const hefei = res.body.cities.find((c: { city: string }) => c.city === 'Hefei');
    expect(hefei).toMatchObject({ parks: 3, rates: { onTime: 1, late: 1, missing: 1, reportingRate: 0.667, timelinessRate: 0.333 } });
    const late = res.body.parks.find((p: { park: { id: string } }) => p.park.id === parks.late);
    expect(late.rates).toMatchObject({ late: 1, expected: 1, reportingRate: 1, timelinessRate: 0 });
  });

  it('the national matrix (no province) reads every park at once and agrees with the province', async () => {
    await setDueDays(daysToToday - 1);
    const res = await matrix(`from=${period}&to=${period}`).expect(200);
    expect(cellOf(res.body, parks.onTime)).toBe('on_time');
    expect(cellOf(res.body, parks.late)).toBe('late');
    expect(cellOf(res.body, parks.missing)).toBe('missing');
    const ours = res.body.cities.find((c: { province: string; city: string }) => c.province === province && c.city === 'Hefei');
    expect(ours).toMatchObject({ parks: 3, rates: { onTime: 1, late: 1, missing: 1 } });
    // Every placed park is a row, and the total counts each of them once.
    const cells = res.body.parks.length;
    expect(res.body.total.onTime + res.body.total.late + res.body.total.missing + res.body.total.notDue).toBe(cells);
  });

  it('a correction after the due day does not make an on-time value late', async () => {
    const [row] = await ctx.db.query(`SELECT id FROM observations WHERE park_id = $1 AND period = $2 AND superseded_at IS NULL`, [parks.onTime, period]);
    await ctx.http.post(`/api/observations/${row.id}/correct`).set(facilitator.auth).send({ value: 4 }).expect(201);
    const res = await matrix(`province=${encodeURIComponent(province)}&city=Hefei&from=${period}&to=${period}`).expect(200);
    expect(res.body.parks.map((p: { park: { id: string } }) => p.park.id).sort()).toEqual([parks.onTime, parks.late, parks.missing].sort());
    expect(cellOf(res.body, parks.onTime)).toBe('on_time');
  });

  it('answers 400 naming the field for a bad scope or period, 404 for an unknown indicator', async () => {
    expect((await matrix('from=2024-13').expect(400)).body.details[0].field).toBe('from');
    expect((await matrix(`city=Hefei`).expect(400)).body.details[0].field).toBe('province');
    expect((await matrix(`province=Nowhere ${tag}`).expect(400)).body.details[0].field).toBe('city');
    await ctx.http.get('/api/indicators/NO.SUCH_CODE/completeness').set(officer.auth).expect(404);
  });

  it('over several months: each cell in its month, on time when any breakdown came on time, and a rejected value counts as none', async () => {
    // A second indicator, by sex, over the three months ending with `period`; due 5 days after each month (all passed).
    const byCode = `QA.BYSEX_${TAG}`;
    await ctx.newIndicator(admin, { code: byCode, category: 'eip_social', dimension: 'community', name: { en: `Workers ${tag}` }, disaggregations: ['sex'] });
    await ctx.http.patch(`/api/indicators/${byCode}/rules`).set(admin.auth).send({ frequency: 'month', dueDays: 5 }).expect(200);
    const months = [-2, -1, 0].map((back) => {
      const start = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + back, 1));
      return {
        period: `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`,
        end: Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0),
      };
    });
    const report = async (parkId: string, at: number, disaggregation?: string) => {
      const res = await ctx.http
        .post('/api/observations')
        .set(facilitator.auth)
        .send({ indicatorId: byCode, scopeType: 'park', parkId, period: months[at].period, value: 10, ...(disaggregation ? { disaggregation } : {}) })
        .expect(201);
      return res.body.id as string;
    };
    // The first month: the total came late (today), the women's count on the month's last day: on time.
    await report(parks.onTime, 0);
    const women = await report(parks.onTime, 0, 'sex=female');
    await ctx.db.query(`UPDATE observations SET reported_at = $1 WHERE id = $2`, [new Date(months[0].end + 12 * 3_600_000), women]);
    // The second month late; the third month's only value rejected.
    await report(parks.onTime, 1);
    const rejected = await report(parks.onTime, 2);
    // Reviewed by someone other than the reporter.
    await ctx.http.post(`/api/observations/${rejected}/reject`).set(admin.auth).send({ reason: 'Counts contractors twice' }).expect(200);
    // The other park: only the third month, late.
    await report(parks.late, 2);

    const res = await ctx.http
      .get(`/api/indicators/${byCode}/completeness?province=${encodeURIComponent(province)}&from=${months[0].period}&to=${months[2].period}`)
      .set(officer.auth)
      .expect(200);
    expect(res.body.periods.map((p: { period: string }) => p.period)).toEqual(months.map((m) => m.period));
    const row = (parkId: string) => res.body.parks.find((p: { park: { id: string } }) => p.park.id === parkId);
    expect(row(parks.onTime).cells).toEqual(['on_time', 'late', 'missing']);
    expect(row(parks.late).cells).toEqual(['missing', 'missing', 'late']);
    expect(row(parks.missing).cells).toEqual(['missing', 'missing', 'missing']);
    expect(row(parks.onTime).rates).toMatchObject({ onTime: 1, late: 1, missing: 1, expected: 3 });
    // Nationally, the same rows.
    const national = await ctx.http.get(`/api/indicators/${byCode}/completeness?from=${months[0].period}&to=${months[2].period}`).set(officer.auth).expect(200);
    const nationalRow = (parkId: string) => national.body.parks.find((p: { park: { id: string } }) => p.park.id === parkId);
    expect(nationalRow(parks.onTime).cells).toEqual(['on_time', 'late', 'missing']);
    expect(nationalRow(parks.late).cells).toEqual(['missing', 'missing', 'late']);
  });

  it("reminds a park's officers once that a value is overdue", async () => {
    await ctx.http.post('/api/indicators/reminders/run').set(officer.auth).expect(403);
    const first = await ctx.http.post('/api/indicators/reminders/run').set(admin.auth).expect(200);
    expect(first.body.notified).toBeGreaterThanOrEqual(1);
    const kinds = await ctx.db.query(`SELECT kind, payload FROM notifications WHERE user_id = $1 AND payload->>'code' = $2`, [officer.id, code]);
    expect(kinds).toEqual([{ kind: 'reporting.overdue', payload: expect.objectContaining({ parkId: parks.missing, period }) }]);
    await ctx.http.post('/api/indicators/reminders/run').set(admin.auth).expect(200);
    expect(await ctx.count('notifications', `user_id = $1 AND payload->>'code' = $2`, [officer.id, code])).toBe(1);
  });

  it('mails the reminder through the outbox in each officer’s language, with a link to the park’s report page, unless turned off', async () => {
    const mails: { user_id: string; kind: string; to_address: string; subject: string; text_body: string }[] = await ctx.db.query(
      `SELECT m.user_id, m.kind, m.to_address, m.subject, m.text_body FROM mail_outbox m
        WHERE m.user_id = ANY($1::uuid[]) AND m.kind = 'notification.reporting.overdue' AND strpos(m.text_body, $2) > 0`,
      // Other indicators in the shared database may be overdue for the same park on some dates: only this one's mails.
      [[officer.id, officerZh.id, officerQuiet.id], code],
    );
    const byUser = new Map(mails.map((m) => [m.user_id, m]));
    expect(mails).toHaveLength(2);
    expect(byUser.has(officerQuiet.id)).toBe(false);
    const en = byUser.get(officer.id)!;
    expect(en.to_address).toBe(officer.email);
    expect(en.subject).toBe(`missing park ${tag}: Reports ${tag} for ${period} is overdue (due ${iso(Date.parse(`${today}T00:00:00Z`) - DAY)})`);
    expect(en.text_body).toContain(`/indicators/report?indicator=`);
    expect(en.text_body).toContain(`scope=${parks.missing}`);
    const zh = byUser.get(officerZh.id)!;
    expect(zh.to_address).toBe(officerZh.email);
    expect(zh.subject).toContain('已逾期');
    expect(zh.subject).toContain(period);
    // The in-app notification went to the officer who turned the mails off all the same.
    expect(await ctx.count('notifications', `user_id = $1 AND payload->>'code' = $2`, [officerQuiet.id, code])).toBe(1);
  });
});
