import { TestContext, TestUser } from './support/context';

describe('invitations', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let member: TestUser;
  let union: { id: string };

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    member = await ctx.newUser({ role: 'member' });
    union = await ctx.newOrganization('workers');
  });
  afterAll(() => ctx.close());

  const invite = (by: TestUser, body: Record<string, unknown>) => ctx.http.post('/api/invitations').set(by.auth).send(body);

  it('a facilitator invites; the invitee previews, accepts with a name and password, and is signed in', async () => {
    const email = `new-${Date.now()}@union.example`;
    const created = await invite(facilitator, { email, organizationId: union.id, role: 'member' }).expect(201);
    expect(created.body).toMatchObject({ email, role: 'member', status: 'pending', organization: { id: union.id } });
    expect(created.body.token).toEqual(expect.any(String));

    const preview = await ctx.http.get(`/api/invitations/by-token/${created.body.token}`).expect(200);
    expect(preview.body).toMatchObject({ email, role: 'member', organization: { constituency: 'workers' } });

    const accepted = await ctx.http
      .post(`/api/invitations/${created.body.token}/accept`)
      .send({ displayName: 'Wang Fang', password: 'a-long-password' })
      .expect(201);
    expect(accepted.body.user).toMatchObject({ email, displayName: 'Wang Fang', role: 'member', organization: { id: union.id } });
    await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${accepted.body.accessToken}`).expect(200);
    await ctx.http.post('/api/auth/login').set('X-Forwarded-For', '10.200.0.1').send({ email, password: 'a-long-password' }).expect(200);

    // Works once.
    const again = await ctx.http.post(`/api/invitations/${created.body.token}/accept`).send({ displayName: 'X', password: 'another-password' }).expect(410);
    expect(again.body.message).toMatch(/accepted/);
    expect(await ctx.count('users', 'email = $1', [email])).toBe(1);
  });

  it('expires', async () => {
    const created = await invite(admin, { email: `late-${Date.now()}@example.org`, organizationId: union.id, role: 'observer' }).expect(201);
    await ctx.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [created.body.id]);
    await ctx.http.get(`/api/invitations/by-token/${created.body.token}`).expect(410);
    await ctx.http.post(`/api/invitations/${created.body.token}/accept`).send({ displayName: 'Late', password: 'a-long-password' }).expect(410);
    expect(await ctx.count('users', 'email = $1', [created.body.email])).toBe(0);
  });

  it('can be revoked, after which it cannot be accepted', async () => {
    const created = await invite(facilitator, { email: `rev-${Date.now()}@example.org`, organizationId: union.id, role: 'member' }).expect(201);
    await ctx.http.delete(`/api/invitations/${created.body.id}`).set(facilitator.auth).expect(204);
    await ctx.http.post(`/api/invitations/${created.body.token}/accept`).send({ displayName: 'R', password: 'a-long-password' }).expect(410);
    const list = await ctx.http.get('/api/invitations').set(admin.auth).expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === created.body.id).status).toBe('revoked');
  });

  it('answers 404 for an unknown token', async () => {
    await ctx.http.get('/api/invitations/by-token/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
  });

  it('members cannot invite; facilitators cannot invite admins', async () => {
    await invite(member, { email: 'x@example.org', organizationId: union.id, role: 'member' }).expect(403);
    await invite(facilitator, { email: 'y@example.org', organizationId: union.id, role: 'admin' }).expect(403);
    expect(await ctx.count('invitations', "email IN ('x@example.org','y@example.org')")).toBe(0);
  });

  it('refuses bad input with field details and writes nothing', async () => {
    const before = await ctx.count('invitations');
    const res = await invite(admin, { email: 'nope', organizationId: 'nope', role: 'chief' }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'organizationId', 'role']);
    const unknownOrg = await invite(admin, { email: 'z@example.org', organizationId: '00000000-0000-4000-8000-000000000000', role: 'member' }).expect(400);
    expect(unknownOrg.body.details[0].field).toBe('organizationId');
    await invite(admin, { email: member.email, organizationId: union.id, role: 'member' }).expect(409);
    expect(await ctx.count('invitations')).toBe(before);
  });

  it('refuses a short password at accept time and leaves the invitation usable', async () => {
    const created = await invite(admin, { email: `short-${Date.now()}@example.org`, organizationId: union.id, role: 'member' }).expect(201);
    const res = await ctx.http.post(`/api/invitations/${created.body.token}/accept`).send({ displayName: 'S', password: 'short' }).expect(400);
    expect(res.body.details[0].field).toBe('password');
    await ctx.http.get(`/api/invitations/by-token/${created.body.token}`).expect(200);
  });
});
