import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { DemoService } from '../src/demo/demo.service';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { TestContext, type TestUser, uniqueIp } from './support/context';

type Group = { constituency: string; total: number; women: number; men: number; notStated: number; womenShare: number | null; belowTarget: boolean };
type Vote = { target: string; subject: { en?: string }; adopted: boolean; rule: string; reasons: { code: string; constituency: string | null }[] };
type Meeting = {
  id: string;
  title: { en?: string; zh?: string };
  date: string;
  timeZone: string;
  topics: { en?: string }[];
  constituencies: string[];
  organizations: { name: { en?: string }; constituency: string; people: number }[];
  balance: { verdict: string; gender: Group & { byConstituency: Group[] } };
  votes: Vote[];
  commitments: { title: { en?: string }; status: string; voteAdopted: boolean | null }[];
};

const SUZHOU = 'Social Dialogue Round Table on Green Jobs in Eco-Industrial Parks (Suzhou)';
const BEIJING = 'Social Dialogue Round Table on Green Jobs (Beijing)';

/** Collects a binary response body as a Buffer. */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
/** The text pdf.js extracts from the PDF (its own process: pdf.js is an ES module). */
function pdfText(pdf: Buffer): string {
  const out = execFileSync(process.execPath, [join(__dirname, 'support', 'pdf-text.mjs')], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(out.toString()) as { text: string }).text;
}
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('the consultation report (ILO C144): the year’s meetings, who was there, balance, votes, commitments', () => {
  let ctx: TestContext;
  let auth: { Authorization: string };
  let admin: TestUser;
  let member: TestUser;
  let observer: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.get(DemoService).load();
    const res = await ctx.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: 'facilitator@greentable.demo', password: DEMO_PASSWORD })
      .expect(200);
    auth = { Authorization: `Bearer ${res.body.accessToken}` };
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    member = await ctx.newUser({ role: 'member', constituency: 'workers' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
  });
  afterAll(() => ctx.close());

  const report = async (year: number, user = auth) => (await ctx.http.get(`/api/reports/consultations?year=${year}`).set(user).expect(200)).body;

  it('lists the 2019 round tables of the Jiangsu demo with topics, organizations, balance and women’s share, votes and commitments', async () => {
    const body = await report(2019);
    expect(body).toMatchObject({ year: 2019, womenMinShare: 0.3 });
    const meetings = body.meetings as Meeting[];
    const titles = meetings.map((m) => m.title.en);
    expect(titles.indexOf(BEIJING)).toBeGreaterThanOrEqual(0);
    expect(titles.indexOf(SUZHOU)).toBeGreaterThan(titles.indexOf(BEIJING)); // in order of start
    // Neither the online consultation nor the mid-term review took place in 2019.
    expect(titles.some((t) => t?.startsWith('Online consultation') || t?.startsWith('Mid-term review'))).toBe(false);

    const suzhou = meetings.find((m) => m.title.en === SUZHOU)!;
    expect(suzhou).toMatchObject({ date: '2019-12-05', timeZone: 'Asia/Shanghai' });
    expect(suzhou.topics.map((t) => t.en)).toContain('Adoption of the roadmap for supporting green jobs');
    expect(suzhou.constituencies).toEqual(['government', 'employers', 'workers', 'park_management', 'academia', 'international']);
    const organizations = suzhou.organizations.map((o) => [o.name.en, o.constituency, o.people]);
    expect(organizations).toEqual(
      expect.arrayContaining([
        ['Jiangsu Federation of Trade Unions', 'workers', 1],
        ['Nanjing University', 'academia', 1],
      ]),
    );
    // The absent ACFTU member and the observers are not counted as representing anyone.
    expect(organizations.some(([name]) => name === 'All-China Federation of Trade Unions')).toBe(false);
    expect(organizations.some(([name]) => name === 'UN Environment Programme')).toBe(false);
    // Workers were under-represented; three women among the nine who spoke; the employers' delegation all men.
    expect(suzhou.balance.verdict).toBe('unbalanced');
    expect(suzhou.balance.gender).toMatchObject({ total: 9, women: 3, men: 6, notStated: 0, belowTarget: false });
    expect(suzhou.balance.gender.womenShare).toBeCloseTo(1 / 3);
    expect(suzhou.balance.gender.byConstituency.find((g) => g.constituency === 'employers')).toMatchObject({ women: 0, men: 3, belowTarget: true });

    // The votes on its decisions and on a commitment that came out of it, with their outcomes.
    expect(suzhou.votes.map((v) => [v.target, v.subject.en, v.adopted])).toEqual([
      ['decision', 'Strengthen the role of trade unions in park management committees.', false],
      ['decision', 'Form a working group on green jobs with local government experts.', true],
      ['commitment', 'Green-skills training for workers in Suzhou Industrial Park', true],
    ]);
    expect(suzhou.votes[0]).toMatchObject({ rule: 'tripartite_majority', reasons: [{ code: 'no_majority', constituency: 'employers' }] });
    expect(JSON.stringify(suzhou.votes)).not.toMatch(/"choices"/);
    expect(suzhou.commitments.map((c) => [c.title.en, c.voteAdopted])).toEqual(
      expect.arrayContaining([
        ['Green-skills training for workers in Suzhou Industrial Park', true],
        ['Trade union representation in park management committees', null],
      ]),
    );
    expect(body.summary.meetings).toBe(meetings.length);
    expect(body.summary.votes).toBeGreaterThanOrEqual(3);
    expect(body.summary.votesAdopted).toBeGreaterThanOrEqual(2);
    expect(body.summary.tripartiteMeetings).toBeGreaterThanOrEqual(2);
    expect(body.summary.gender.total).toBeGreaterThanOrEqual(9 + 8);
  });

  it('counts a meeting in the year of its start in the venue’s time zone', async () => {
    // 31 December 2018, 17:00 UTC is 1 January 2019, 01:00 in Shanghai.
    const rt = await ctx.http
      .post('/api/roundtables')
      .set(auth)
      .send({
        title: { en: 'New Year consultation on wage arrears' },
        startsAt: '2018-12-31T17:00:00.000Z',
        endsAt: '2018-12-31T19:00:00.000Z',
        timeZone: 'Asia/Shanghai',
        visibility: 'platform',
      })
      .expect(201);
    await ctx.http.post(`/api/roundtables/${rt.body.id}/status`).set(auth).send({ status: 'open' }).expect(200);
    const in2019 = (await report(2019)).meetings as Meeting[];
    expect(in2019.find((m) => m.id === rt.body.id)).toMatchObject({ date: '2019-01-01' });
    expect(((await report(2018)).meetings as Meeting[]).some((m) => m.id === rt.body.id)).toBe(false);
    // A planned meeting has not been held.
    const planned = await ctx.http
      .post('/api/roundtables')
      .set(auth)
      .send({ title: { en: 'Planned, never held' }, startsAt: '2019-06-01T01:00:00.000Z', endsAt: '2019-06-01T03:00:00.000Z', visibility: 'platform' })
      .expect(201);
    expect(((await report(2019)).meetings as Meeting[]).some((m) => m.id === planned.body.id)).toBe(false);
  });

  it('gives the same report as CSV, read back with a CSV parser', async () => {
    for (const path of ['/api/reports/consultations?year=2019&format=csv', '/api/reports/consultations.csv?year=2019']) {
      const res = await ctx.http.get(path).set(auth).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('consultations-2019.csv');
      const rows = parse<Record<string, string>>(res.text, { bom: true, columns: true, skip_empty_lines: true });
      const suzhou = rows.find((r) => r.title_en === SUZHOU)!;
      expect(suzhou).toMatchObject({
        date: '2019-12-05',
        time_zone: 'Asia/Shanghai',
        title_zh: '生态工业园区绿色就业社会对话圆桌会议（苏州）',
        city: 'Suzhou',
        balance: 'unbalanced',
        government: '2',
        employers: '3',
        workers: '1',
        women: '3',
        men: '6',
        not_stated: '0',
        women_share_percent: '33.3',
        below_30_percent: 'no',
        votes: '3',
        votes_adopted: '2',
      });
      expect(suzhou.topics).toContain('Adoption of the roadmap for supporting green jobs');
      expect(suzhou.organizations).toContain('Jiangsu Federation of Trade Unions (workers)');
      expect(suzhou.vote_outcomes).toContain(
        'Strengthen the role of trade unions in park management committees.: not adopted (No majority in the employers group',
      );
      expect(suzhou.commitments).toContain('Green-skills training for workers in Suzhou Industrial Park (completed)');
      expect(rows.some((r) => r.title_en === BEIJING)).toBe(true);
    }
  });

  it('gives the same report as a PDF whose text names the meetings', async () => {
    const res = await ctx.http.get('/api/reports/consultations?year=2019&format=pdf&lang=both').set(auth).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = squeeze(pdfText(res.body as Buffer));
    expect(text).toContain(squeeze('Tripartite consultations 2019'));
    expect(text).toContain(squeeze(SUZHOU));
    expect(text).toContain(squeeze(BEIJING));
    expect(text).toContain(squeeze('生态工业园区绿色就业社会对话圆桌会议（苏州）'));
    expect(text).toContain(squeeze('Jiangsu Federation of Trade Unions'));
    const en = await ctx.http.get('/api/reports/consultations.pdf?year=2019&lang=en').set(admin.auth).buffer(true).parse(binary).expect(200);
    expect(squeeze(pdfText(en.body as Buffer))).toContain(squeeze(SUZHOU));
  });

  it('is for admins and facilitators only; the year is checked', async () => {
    expect((await report(2019, admin.auth)).meetings.length).toBeGreaterThanOrEqual(2);
    await ctx.http.get('/api/reports/consultations?year=2019').set(member.auth).expect(403);
    await ctx.http.get('/api/reports/consultations?year=2019&format=csv').set(observer.auth).expect(403);
    await ctx.http.get('/api/reports/consultations.pdf?year=2019').set(member.auth).expect(403);
    await ctx.http.get('/api/reports/consultations?year=2019').expect(401);
    for (const query of ['', 'year=soon', 'year=1800', 'year=2019.5']) {
      const res = await ctx.http.get(`/api/reports/consultations?${query}`).set(auth).expect(400);
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))]).toEqual(['year']);
    }
    const format = await ctx.http.get('/api/reports/consultations?year=2019&format=xlsx').set(auth).expect(400);
    expect(format.body.details.map((d: { field: string }) => d.field)).toEqual(['format']);
    expect((await report(1995)).meetings).toEqual([]);
  });
});
