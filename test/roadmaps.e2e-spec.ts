import { TestContext, TestUser } from './support/context';

describe('roadmaps and commitments', () => {
  let ctx: TestContext;
  let facilitator: TestUser;
  let union: TestUser; // member of a workers' organization
  let employer: TestUser;
  let government: TestUser;
  let observer: TestUser;
  let roadmapId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    union = await ctx.newUser({ role: 'member', constituency: 'workers' });
    employer = await ctx.newUser({ role: 'member', constituency: 'employers' });
    government = await ctx.newUser({ role: 'member', constituency: 'government' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    const res = await ctx.http
      .post('/api/roadmaps')
      .set(facilitator.auth)
      .send({
        title: { en: 'Roadmap for green jobs in Jiangsu', zh: '江苏绿色就业路线图' },
        periodStart: 2020,
        periodEnd: 2025,
        ownerOrganizationId: government.organizationId,
      })
      .expect(201);
    roadmapId = res.body.id;
  });
  afterAll(() => ctx.close());

  const newItem = (overrides: Record<string, unknown> = {}) =>
    ctx.http
      .post('/api/action-items')
      .set(facilitator.auth)
      .send({
        roadmapId,
        title: { en: 'Green skills training for park workers' },
        leadOrganizationId: union.organizationId,
        policyArea: 'skills',
        ...overrides,
      });

  describe('roadmaps', () => {
    it('lists and reads them for every signed-in user, observers included', async () => {
      const list = await ctx.http.get('/api/roadmaps').set(observer.auth).expect(200);
      expect(list.body.items.find((r: { id: string }) => r.id === roadmapId)).toMatchObject({ periodStart: 2020, periodEnd: 2025 });
      const one = await ctx.http.get(`/api/roadmaps/${roadmapId}`).set(union.auth).expect(200);
      expect(one.body.title.zh).toBe('江苏绿色就业路线图');
    });

    it('refuses members and observers creating one, and bad periods with 400 naming the field', async () => {
      const before = await ctx.count('roadmaps');
      await ctx.http
        .post('/api/roadmaps')
        .set(union.auth)
        .send({ title: { en: 'X' }, periodStart: 2020, periodEnd: 2025, ownerOrganizationId: union.organizationId })
        .expect(403);
      await ctx.http
        .post('/api/roadmaps')
        .set(observer.auth)
        .send({ title: { en: 'X' }, periodStart: 2020, periodEnd: 2025, ownerOrganizationId: union.organizationId })
        .expect(403);
      const bad = await ctx.http
        .post('/api/roadmaps')
        .set(facilitator.auth)
        .send({ title: { en: 'X' }, periodStart: 2025, periodEnd: 2020, ownerOrganizationId: union.organizationId })
        .expect(400);
      expect(bad.body.details[0].field).toBe('periodEnd');
      const missing = await ctx.http.post('/api/roadmaps').set(facilitator.auth).send({ periodStart: 'soon' }).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['title', 'periodStart', 'periodEnd', 'ownerOrganizationId']),
      );
      expect(await ctx.count('roadmaps')).toBe(before);
    });

    it('a facilitator edits one', async () => {
      const res = await ctx.http
        .patch(`/api/roadmaps/${roadmapId}`)
        .set(facilitator.auth)
        .send({ description: { en: 'From the 2019 roundtables' } })
        .expect(200);
      expect(res.body.description.en).toBe('From the 2019 roundtables');
    });
  });

  describe('action items', () => {
    it('a facilitator creates one with supporters, due date, priority and policy area', async () => {
      const res = await newItem({ supportingOrganizationIds: [employer.organizationId], dueDate: '2023-12-31', priority: 'high' }).expect(201);
      expect(res.body).toMatchObject({
        status: 'proposed',
        priority: 'high',
        policyArea: 'skills',
        dueDate: '2023-12-31',
        leadOrganization: { id: union.organizationId, constituency: 'workers' },
        supportingOrganizations: [expect.objectContaining({ id: employer.organizationId })],
        progress: 0,
        completionLevel: 'not_started',
        consensus: 'pending',
        allowedTransitions: ['agreed', 'dropped'],
      });
      const list = await ctx.http.get(`/api/action-items?roadmapId=${roadmapId}&organizationId=${employer.organizationId}`).set(observer.auth).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
    });

    it('refuses bad input with field details and writes nothing', async () => {
      const before = await ctx.count('action_items');
      const res = await newItem({ policyArea: 'happiness', priority: 'urgent', dueDate: '31/12/2023', leadOrganizationId: 'x' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['policyArea', 'priority', 'dueDate', 'leadOrganizationId']),
      );
      const unknownGroup = await newItem({ workingGroupId: '00000000-0000-4000-8000-000000000000' }).expect(400);
      expect(unknownGroup.body.details[0].field).toBe('workingGroupId');
      await ctx.http
        .post('/api/action-items')
        .set(union.auth)
        .send({ roadmapId, title: { en: 'Mine' }, leadOrganizationId: union.organizationId, policyArea: 'rights' })
        .expect(403);
      expect(await ctx.count('action_items')).toBe(before);
    });

    it('filters by status and sorts', async () => {
      await newItem({ priority: 'low', title: { en: 'Low priority item' } }).expect(201);
      const res = await ctx.http.get(`/api/action-items?roadmapId=${roadmapId}&status=proposed,agreed&sort=priority`).set(union.auth).expect(200);
      expect(res.body.items.every((i: { status: string }) => ['proposed', 'agreed'].includes(i.status))).toBe(true);
      const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
      const ranks = res.body.items.map((i: { priority: string }) => rank[i.priority]);
      expect(ranks).toEqual([...ranks].sort());
      expect(ranks[0]).toBe(0);
      const reversed = await ctx.http.get(`/api/action-items?roadmapId=${roadmapId}&sort=-priority`).set(union.auth).expect(200);
      expect(reversed.body.items[0].priority).toBe('low');
      await ctx.http.get('/api/action-items?status=sleeping').set(union.auth).expect(400);
    });
  });

  describe('status workflow', () => {
    let itemId: string;
    beforeAll(async () => {
      itemId = (await newItem().expect(201)).body.id;
    });
    const move = (user: TestUser, status: string, reason?: string) =>
      ctx.http
        .post(`/api/action-items/${itemId}/status`)
        .set(user.auth)
        .send(reason ? { status, reason } : { status });

    it('refuses an illegal move with 409 naming the allowed ones, changing nothing', async () => {
      const res = await move(facilitator, 'completed').expect(409);
      expect(res.body.allowed).toEqual(['agreed', 'dropped']);
      expect(res.body.message).toContain('allowed: agreed, dropped');
      const [row] = await ctx.db.query('SELECT status FROM action_items WHERE id = $1', [itemId]);
      expect(row.status).toBe('proposed');
    });

    it('only facilitators and members of the lead organization move it', async () => {
      await move(employer, 'agreed').expect(403);
      await move(observer, 'agreed').expect(403);
      await move(facilitator, 'agreed').expect(200);
      const res = await move(union, 'in_progress').expect(200);
      expect(res.body.status).toBe('in_progress');
    });

    it('needs a reason to delay or drop, and keeps it', async () => {
      const bad = await move(union, 'delayed').expect(400);
      expect(bad.body.details[0].field).toBe('reason');
      const res = await move(union, 'delayed', 'Budget not yet approved').expect(200);
      expect(res.body).toMatchObject({ status: 'delayed', statusReason: 'Budget not yet approved' });
    });

    it('keeps who, when and why in the history', async () => {
      const res = await ctx.http.get(`/api/action-items/${itemId}/history`).set(observer.auth).expect(200);
      const moves = res.body.items.filter((a: { action: string }) => a.action === 'action_item.status_changed');
      expect(moves).toHaveLength(3);
      expect(moves[0]).toMatchObject({
        actorId: union.id,
        actorName: union.displayName,
        changes: { status: { from: 'in_progress', to: 'delayed' }, reason: 'Budget not yet approved' },
      });
    });

    it('notifies members of the lead organization of a status change by someone else', async () => {
      const [row] = await ctx.db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'action_item.status_changed' AND payload->>'actionItemId' = $2`,
        [union.id, itemId],
      );
      expect(row.n).toBe(1); // only the facilitator's move (proposed → agreed); the union's own moves do not notify the union
      const [note] = await ctx.db.query(
        `SELECT payload FROM notifications WHERE user_id = $1 AND kind = 'action_item.status_changed' AND payload->>'actionItemId' = $2`,
        [union.id, itemId],
      );
      const item = (await ctx.http.get(`/api/action-items/${itemId}`).set(union.auth).expect(200)).body;
      // It names the commitment (both languages), the move, and leads to it.
      expect(note.payload).toMatchObject({ title: item.title, from: 'proposed', to: 'agreed', link: `/action-items/${itemId}` });
    });
  });

  describe('milestones and progress', () => {
    it('progress is set by hand until there are milestones, then follows them', async () => {
      const item = (await newItem({ progress: 30 }).expect(201)).body;
      expect(item).toMatchObject({ progress: 30, completionLevel: 'limited', progressFromMilestones: false });
      const a = (
        await ctx.http
          .post(`/api/action-items/${item.id}/milestones`)
          .set(union.auth)
          .send({ title: { en: 'Curriculum agreed' }, dueDate: '2021-06-30' })
          .expect(201)
      ).body;
      await ctx.http
        .post(`/api/action-items/${item.id}/milestones`)
        .set(facilitator.auth)
        .send({ title: { zh: '首批培训' } })
        .expect(201);
      let detail = (await ctx.http.get(`/api/action-items/${item.id}`).set(union.auth).expect(200)).body;
      expect(detail).toMatchObject({ progress: 0, progressFromMilestones: true, milestones: { total: 2, done: 0 } });
      await ctx.http.patch(`/api/action-items/${item.id}/milestones/${a.id}`).set(union.auth).send({ completed: true }).expect(200);
      detail = (await ctx.http.get(`/api/action-items/${item.id}`).set(union.auth).expect(200)).body;
      expect(detail).toMatchObject({ progress: 50, completionLevel: 'substantial', milestones: { total: 2, done: 1 } });
      expect(detail.milestoneList[0]).toMatchObject({ id: a.id, completedAt: expect.any(String) });
      await ctx.http.patch(`/api/action-items/${item.id}/milestones/${a.id}`).set(employer.auth).send({ completed: false }).expect(403);
      const bad = await ctx.http.post(`/api/action-items/${item.id}/milestones`).set(union.auth).send({ title: {} }).expect(400);
      expect(bad.body.details[0].field).toBe('title');
      await ctx.http.delete(`/api/action-items/${item.id}/milestones/${a.id}`).set(facilitator.auth).expect(204);
      expect(await ctx.count('milestones', 'action_item_id = $1', [item.id])).toBe(1);
    });
  });

  describe('positions and consensus', () => {
    let itemId: string;
    beforeAll(async () => {
      itemId = (await newItem({ title: { en: 'Collective bargaining on green skills premiums' } }).expect(201)).body.id;
    });
    const state = (user: TestUser, stance: string, statement = '') =>
      ctx.http.post(`/api/action-items/${itemId}/positions`).set(user.auth).send({ stance, statement });

    it('moves from pending to partial to consensus as the three constituencies support', async () => {
      expect((await state(union, 'support_with_reservations', 'Only with a wage floor').expect(200)).body.consensus).toBe('partial');
      expect((await state(employer, 'support').expect(200)).body.consensus).toBe('partial');
      const res = await state(government, 'support').expect(200);
      expect(res.body.consensus).toBe('consensus');
      expect(res.body.positions).toHaveLength(3);
      expect(res.body.positions.find((p: { organization: { id: string } }) => p.organization.id === union.organizationId)).toMatchObject({
        stance: 'support_with_reservations',
        statement: 'Only with a wage floor',
        author: { id: union.id },
      });
    });

    it('keeps one current position per organization; the old one stays in history', async () => {
      const res = await state(employer, 'oppose', 'Costs too high for SMEs').expect(200);
      expect(res.body.consensus).toBe('contested');
      expect(await ctx.count('constituency_positions', 'action_item_id = $1 AND organization_id = $2', [itemId, employer.organizationId])).toBe(2);
      expect(
        await ctx.count('constituency_positions', 'action_item_id = $1 AND organization_id = $2 AND superseded_at IS NULL', [itemId, employer.organizationId]),
      ).toBe(1);
      const history = await ctx.http.get(`/api/action-items/${itemId}/positions/history`).set(observer.auth).expect(200);
      expect(
        history.body.items
          .filter((p: { organization: { id: string } }) => p.organization.id === employer.organizationId)
          .map((p: { stance: string }) => p.stance),
      ).toEqual(['oppose', 'support']);
    });

    it('a member speaks only for their own organization; observers cannot speak', async () => {
      // The body has no organization field: a union member cannot state an employers' position.
      const res = await ctx.http
        .post(`/api/action-items/${itemId}/positions`)
        .set(union.auth)
        .send({ stance: 'support', organizationId: employer.organizationId })
        .expect(400);
      expect(res.body.details[0].field).toBe('organizationId');
      await state(observer, 'support').expect(403);
      const current = await ctx.http.get(`/api/action-items/${itemId}/positions`).set(observer.auth).expect(200);
      expect(current.body.items.find((p: { organization: { id: string } }) => p.organization.id === employer.organizationId).stance).toBe('oppose');
    });

    it('refuses an unknown stance', async () => {
      const res = await state(union, 'maybe').expect(400);
      expect(res.body.details[0].field).toBe('stance');
    });
  });

  describe('promotion from a roundtable decision', () => {
    it('turns a decision into a commitment without retyping, linked both ways, once', async () => {
      const [rt] = await ctx.db.query(
        `INSERT INTO roundtables (title, starts_at, ends_at, visibility) VALUES ('{"en":"Suzhou roundtable"}', '2019-12-05T01:00:00Z', '2019-12-05T09:00:00Z', 'platform') RETURNING id`,
      );
      const [decision] = await ctx.db.query(
        `INSERT INTO roundtable_decisions (roundtable_id, text, adoption) VALUES ($1, '{"en":"Set up a green jobs working group","zh":"成立绿色就业工作组"}', 'consensus') RETURNING id`,
        [rt.id],
      );
      const res = await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({ roadmapId, originDecisionId: decision.id, leadOrganizationId: government.organizationId, policyArea: 'social_dialogue_tripartism' })
        .expect(201);
      expect(res.body).toMatchObject({
        title: { en: 'Set up a green jobs working group', zh: '成立绿色就业工作组' },
        origin: { roundtableId: rt.id, decisionId: decision.id },
      });
      const [linked] = await ctx.db.query('SELECT action_item_id FROM roundtable_decisions WHERE id = $1', [decision.id]);
      expect(linked.action_item_id).toBe(res.body.id);
      await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({ roadmapId, originDecisionId: decision.id, leadOrganizationId: government.organizationId, policyArea: 'rights' })
        .expect(409);
    });

    it('refuses a decision of a roundtable the facilitator cannot see', async () => {
      const [rt] = await ctx.db.query(
        `INSERT INTO roundtables (title, starts_at, ends_at, visibility) VALUES ('{"en":"Closed"}', '2019-12-02T01:00:00Z', '2019-12-02T09:00:00Z', 'participants') RETURNING id`,
      );
      const [decision] = await ctx.db.query(
        `INSERT INTO roundtable_decisions (roundtable_id, text, adoption) VALUES ($1, '{"en":"Secret"}', 'consensus') RETURNING id`,
        [rt.id],
      );
      const before = await ctx.count('action_items');
      const res = await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({ roadmapId, originDecisionId: decision.id, leadOrganizationId: government.organizationId, policyArea: 'rights' })
        .expect(400);
      expect(res.body.details[0].field).toBe('originDecisionId');
      expect(await ctx.count('action_items')).toBe(before);
    });
  });

  describe('progress and export', () => {
    it('counts by status, completion, consensus, overdue, by working group and lead constituency', async () => {
      const res = await ctx.http.get(`/api/roadmaps/${roadmapId}/progress`).set(observer.auth).expect(200);
      const [{ n }] = await ctx.db.query('SELECT count(*)::int AS n FROM action_items WHERE roadmap_id = $1', [roadmapId]);
      expect(res.body.total).toBe(n);
      expect(Object.values(res.body.byStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(n);
      expect(res.body.byStatus.delayed).toBe(1);
      expect(res.body.byConsensus.contested).toBe(1);
      expect(res.body.overdue).toBeGreaterThanOrEqual(1); // the one due 2023-12-31 is still proposed
      expect(res.body.overdueItems[0]).toMatchObject({ dueDate: '2023-12-31' });
      const workers = res.body.byLeadConstituency.find((g: { constituency: string }) => g.constituency === 'workers');
      const government_ = res.body.byLeadConstituency.find((g: { constituency: string }) => g.constituency === 'government');
      expect(workers.total + government_.total).toBe(n);
      expect(res.body.byWorkingGroup[0]).toMatchObject({ workingGroup: null, total: n });
    });

    it('exports the roadmap as CSV', async () => {
      const res = await ctx.http.get(`/api/roadmaps/${roadmapId}/export.csv`).set(observer.auth).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('roadmap-for-green-jobs-in-jiangsu-2020-2025.csv');
      const lines = res.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toContain('title_en');
      expect(lines.length - 1).toBe(await ctx.count('action_items', 'roadmap_id = $1', [roadmapId]));
      const contested = lines.find((l) => l.includes('Collective bargaining on green skills premiums'))!;
      expect(contested).toMatch(/\(employers\): oppose/);
      expect(contested).toContain('"contested"');
    });

    it('answers 404 for an unknown roadmap or item', async () => {
      await ctx.http.get('/api/roadmaps/00000000-0000-4000-8000-000000000000/progress').set(union.auth).expect(404);
      await ctx.http.get('/api/action-items/00000000-0000-4000-8000-000000000000').set(union.auth).expect(404);
    });
  });
});
