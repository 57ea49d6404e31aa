import { DemoService } from '../src/demo/demo.service';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { DEMO_COMMITMENTS, DEMO_ROADMAP } from '../src/demo/demo-world';
import { TestContext, uniqueIp } from './support/context';

/** The demo world: the Jiangsu green-jobs dialogue, loaded once, populated for every role. */
describe('demo world', () => {
  let ctx: TestContext;
  let token: string;
  const tables = [
    'users',
    'organizations',
    'parks',
    'roundtables',
    'roundtable_participants',
    'roundtable_decisions',
    'working_groups',
    'roadmaps',
    'action_items',
    'constituency_positions',
    'milestones',
    'messages',
    'channels',
  ];
  const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await ctx.count(t)])));

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.get(DemoService).load();
    const res = await ctx.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: 'facilitator@greentable.demo', password: DEMO_PASSWORD })
      .expect(200);
    token = res.body.accessToken;
  });
  afterAll(() => ctx.close());

  const get = (path: string) => ctx.http.get(path).set('Authorization', `Bearer ${token}`).expect(200);

  it('loads a second time without changing anything', async () => {
    const before = await counts();
    const outcome = await ctx.app.get(DemoService).load();
    expect(outcome.loaded).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('has the 2019 round tables in Beijing and Suzhou, concluded, with agenda, minutes, attendance and decisions', async () => {
    const list = (await get('/api/roundtables?when=past')).body.items as { id: string; title: { en: string } }[];
    const suzhou = list.find((r) => r.title.en.includes('(Suzhou)'))!;
    const beijing = list.find((r) => r.title.en.includes('(Beijing)'))!;
    expect(suzhou).toMatchObject({ status: 'concluded' });
    expect(beijing).toMatchObject({ status: 'concluded' });
    const agenda = (await get(`/api/roundtables/${suzhou.id}/agenda-items`)).body.items;
    expect(agenda.length).toBeGreaterThanOrEqual(4);
    expect(agenda.some((a: { minutes: unknown }) => a.minutes)).toBe(true);
    const decisions = (await get(`/api/roundtables/${suzhou.id}/decisions`)).body.items;
    expect(decisions.filter((d: { actionItemId: string | null }) => d.actionItemId)).toHaveLength(2);
    const balance = (await get(`/api/roundtables/${suzhou.id}/balance`)).body;
    expect(balance.verdict).toBe('unbalanced'); // workers were under-represented in Suzhou
    expect((await get(`/api/roundtables/${beijing.id}/balance`)).body.verdict).toBe('balanced');
  });

  it('has the working group formed in Suzhou and the roadmap with its commitments in different states', async () => {
    const groups = (await get('/api/working-groups')).body.items;
    expect(groups.some((g: { name: { en: string } }) => g.name.en === 'Jiangsu Working Group on Green Jobs')).toBe(true);
    const roadmap = (await get('/api/roadmaps')).body.items.find((r: { title: { en: string } }) => r.title.en === DEMO_ROADMAP.title.en);
    const progress = (await get(`/api/roadmaps/${roadmap.id}/progress`)).body;
    expect(progress.total).toBe(DEMO_COMMITMENTS.length);
    for (const status of ['proposed', 'agreed', 'in_progress', 'completed', 'delayed', 'dropped']) expect(progress.byStatus[status]).toBeGreaterThan(0);
    for (const state of ['consensus', 'partial', 'contested', 'pending']) expect(progress.byConsensus[state]).toBeGreaterThan(0);

    // The dashboard counts exactly what the commitments list shows of each commitment.
    type Listed = {
      id: string;
      status: string;
      completionLevel: string;
      consensus: string;
      overdue: boolean;
      progress: number;
      workingGroup: { id: string; name: { en: string } } | null;
      leadOrganization: { constituency: string };
    };
    const items: Listed[] = (await get(`/api/action-items?roadmapId=${roadmap.id}&limit=200`)).body.items;
    const countBy = (key: (i: Listed) => string, of: Listed[] = items) =>
      of.reduce<Record<string, number>>((counts, i) => ({ ...counts, [key(i)]: (counts[key(i)] ?? 0) + 1 }), {});
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    expect(nonZero(progress.byStatus)).toEqual(countBy((i) => i.status));
    expect(nonZero(progress.byCompletionLevel)).toEqual(countBy((i) => i.completionLevel));
    expect(nonZero(progress.byConsensus)).toEqual(countBy((i) => i.consensus));
    const live = items.filter((i) => i.status !== 'dropped');
    expect(progress.averageProgress).toBe(Math.round(live.reduce((sum, i) => sum + i.progress, 0) / live.length));
    expect(progress.overdueItems.map((i: { id: string }) => i.id)).toEqual(items.filter((i) => i.overdue).map((i) => i.id));
    const grouped = items.filter((i) => i.workingGroup);
    expect(grouped.length).toBeGreaterThan(0);
    for (const group of progress.byWorkingGroup.filter((g: { workingGroup: unknown }) => g.workingGroup)) {
      const members = grouped.filter((i) => i.workingGroup!.id === group.workingGroup.id);
      expect(group).toMatchObject({ workingGroup: members[0].workingGroup, total: members.length });
      expect(nonZero(group.byConsensus)).toEqual(countBy((i) => i.consensus, members));
    }
    for (const side of progress.byLeadConstituency) {
      expect(side.total).toBe(items.filter((i) => i.leadOrganization.constituency === side.constituency).length);
    }
  });

  it('has ten years of observations marked as demo data, and commitments whose indicators are on track, at risk and off track', async () => {
    expect(await ctx.count('observations', 'is_demo AND period_start >= $1 AND period_start <= $2', ['2015-01-01', '2025-12-31'])).toBeGreaterThan(500);
    expect(await ctx.count('observations', "source = 'Demo data (generated)' AND NOT is_demo")).toBe(0);
    const roadmap = (await get('/api/roadmaps')).body.items.find((r: { title: { en: string } }) => r.title.en === DEMO_ROADMAP.title.en);
    const health = (await get(`/api/roadmaps/${roadmap.id}/indicator-health`)).body;
    expect(health.counts.on_track).toBeGreaterThan(0);
    expect(health.counts.off_track).toBeGreaterThan(0);
    expect(health.offTrack.length).toBeGreaterThan(0);
  });

  it('will not delete a park that has observations (409), and keeps it', async () => {
    const admin = await ctx.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: 'admin@greentable.demo', password: DEMO_PASSWORD })
      .expect(200);
    const [park] = await ctx.db.query(`SELECT id FROM parks WHERE name->>'en' = 'Suzhou Industrial Park' LIMIT 1`);
    const res = await ctx.http.delete(`/api/parks/${park.id}`).set('Authorization', `Bearer ${admin.body.accessToken}`).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(await ctx.count('parks', 'id = $1', [park.id])).toBe(1);
  });

  it('has discussions in English and Chinese', async () => {
    const lobby = (await get('/api/channels?kind=lobby')).body.items[0];
    const messages = (await get(`/api/channels/${lobby.id}/messages`)).body.items as { body: string }[];
    expect(messages.some((m) => /[\u4e00-\u9fff]/.test(m.body))).toBe(true);
    expect(messages.some((m) => /^[\x20-\x7e]+$/.test(m.body))).toBe(true);
  });
});
