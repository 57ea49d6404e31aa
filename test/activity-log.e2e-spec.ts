import { TestContext, TestUser } from './support/context';

/** The audit log names who acted (with their organization), what it was about and whom it concerned, and can leave sign-ins out. */
describe('activity: the audit log in words', () => {
  let ctx: TestContext;
  let admin: TestUser;

  interface Entry {
    action: string;
    actor: { id: string; displayName: string; organization: { name: { en?: string; zh?: string } } | null } | null;
    target: { type: string; id: string; label: { en?: string; zh?: string } | null; link: string | null };
    subject: { id: string; displayName: string } | null;
  }
  const entries = async (query: string): Promise<Entry[]> => (await ctx.http.get(`/api/activity?${query}`).set(admin.auth).expect(200)).body.items;

  beforeAll(async () => {
    ctx = await TestContext.create();
    const ilo = await ctx.newOrganization('international', 'International Labour Organization');
    admin = await ctx.newUser({ role: 'admin', organizationId: ilo.id, name: 'Ada Admin' });
  });
  afterAll(() => ctx.close());

  it('names the actor with their organization and the organization acted on, linked; a deleted one by the name it had', async () => {
    const created = await ctx.http
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: { en: 'Suzhou Employers Circle', zh: '苏州雇主协会' }, constituency: 'employers' })
      .expect(201);
    const [entry] = await entries(`entityType=organization&entityId=${created.body.id}`);
    expect(entry).toMatchObject({
      action: 'organization.created',
      actor: { id: admin.id, displayName: 'Ada Admin', organization: { name: { en: 'International Labour Organization' } } },
      target: { type: 'organization', id: created.body.id, label: { en: 'Suzhou Employers Circle', zh: '苏州雇主协会' }, link: '/admin/organizations' },
      subject: null,
    });

    await ctx.http.delete(`/api/organizations/${created.body.id}`).set(admin.auth).expect(204);
    const [deleted] = await entries(`entityType=organization&entityId=${created.body.id}`);
    expect(deleted).toMatchObject({ action: 'organization.deleted', target: { label: { en: 'Suzhou Employers Circle' }, link: null } });
  });

  it('names the person an account change is about', async () => {
    const member = await ctx.newUser({ role: 'member', name: 'Wang Li' });
    await ctx.http.patch(`/api/users/${member.id}`).set(admin.auth).send({ displayName: 'Wang Li (ACFTU)' }).expect(200);
    const [entry] = await entries(`entityType=user&entityId=${member.id}`);
    expect(entry).toMatchObject({ action: 'user.updated', target: { type: 'user', label: { en: 'Wang Li (ACFTU)' }, link: '/admin/users' } });
  });

  it('leaves sign-ins out when asked, and keeps them otherwise', async () => {
    const person = await ctx.newUser({ role: 'member' });
    await ctx.http.post('/api/auth/login').send({ email: person.email, password: person.password }).expect(200);
    const all = await entries(`actorId=${person.id}`);
    expect(all.map((e) => e.action)).toContain('auth.login');
    expect(all.find((e) => e.action === 'auth.login')).toMatchObject({ actor: { id: person.id }, target: { type: 'user', id: person.id } });
    expect(await entries(`actorId=${person.id}&withoutSessions=true`)).toEqual([]);
    const page = await entries('withoutSessions=true&limit=200');
    expect(page.length).toBeGreaterThan(0);
    expect(page.filter((e) => e.action.startsWith('auth.'))).toEqual([]);
    const bad = await ctx.http.get('/api/activity?withoutSessions=maybe').set(admin.auth).expect(400);
    expect(JSON.stringify(bad.body)).toContain('withoutSessions');
  });
});
