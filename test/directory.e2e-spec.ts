import { refreshCookieOf, TestContext, TestUser } from './support/context';

describe('directory: organizations, users, parks', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let facilitator: TestUser;
  let member: TestUser;
  let observer: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    member = await ctx.newUser({ role: 'member', constituency: 'workers' });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
  });
  afterAll(() => ctx.close());

  describe('organizations', () => {
    it('an admin creates one; every signed-in user reads it; the change is audited', async () => {
      const res = await ctx.http
        .post('/api/organizations')
        .set(admin.auth)
        .send({ name: { en: 'Jiangsu Federation of Trade Unions', zh: '江苏省总工会' }, constituency: 'workers', region: 'Jiangsu' })
        .expect(201);
      expect(res.body).toMatchObject({ name: { en: 'Jiangsu Federation of Trade Unions', zh: '江苏省总工会' }, constituency: 'workers' });
      const read = await ctx.http.get(`/api/organizations/${res.body.id}`).set(observer.auth).expect(200);
      expect(read.body.region).toBe('Jiangsu');
      const list = await ctx.http.get('/api/organizations?constituency=workers&q=Jiangsu Federation').set(member.auth).expect(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toContain(res.body.id);
      expect(
        await ctx.count('activity', "entity_type = 'organization' AND entity_id = $1 AND action = 'organization.created' AND actor_id = $2", [
          res.body.id,
          admin.id,
        ]),
      ).toBe(1);
    });

    it('accepts a name in one language only', async () => {
      await ctx.http
        .post('/api/organizations')
        .set(admin.auth)
        .send({ name: { zh: '中国企业联合会' }, constituency: 'employers' })
        .expect(201);
    });

    it('refuses bad input with 400 naming each field, and writes nothing', async () => {
      const before = await ctx.count('organizations');
      const res = await ctx.http
        .post('/api/organizations')
        .set(admin.auth)
        .send({ name: { en: '', zh: '  ' }, constituency: 'farmers', extra: 1 })
        .expect(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'constituency', 'extra']));
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(await ctx.count('organizations')).toBe(before);
    });

    it('refuses members, facilitators and observers who try to manage organizations (403), writing nothing', async () => {
      const before = await ctx.count('organizations');
      for (const user of [member, facilitator, observer]) {
        const res = await ctx.http
          .post('/api/organizations')
          .set(user.auth)
          .send({ name: { en: 'X' }, constituency: 'workers' })
          .expect(403);
        expect(res.body.message).toMatch(/admin/);
      }
      expect(await ctx.count('organizations')).toBe(before);
    });

    it('an admin edits one, and the audit keeps from/to', async () => {
      const org = await ctx.newOrganization('employers');
      const res = await ctx.http.patch(`/api/organizations/${org.id}`).set(admin.auth).send({ region: 'Suzhou' }).expect(200);
      expect(res.body.region).toBe('Suzhou');
      const audit = await ctx.http.get(`/api/activity?entityType=organization&entityId=${org.id}`).set(admin.auth).expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'organization.updated', actorId: admin.id, changes: { region: { from: 'Jiangsu', to: 'Suzhou' } } });
    });

    it('will not delete an organization that still has users (409), but deletes an empty one', async () => {
      await ctx.http.delete(`/api/organizations/${member.organizationId}`).set(admin.auth).expect(409);
      const empty = await ctx.newOrganization('academia');
      await ctx.http.delete(`/api/organizations/${empty.id}`).set(admin.auth).expect(204);
      await ctx.http.get(`/api/organizations/${empty.id}`).set(admin.auth).expect(404);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      await ctx.http.get('/api/organizations/00000000-0000-4000-8000-000000000000').set(member.auth).expect(404);
      const res = await ctx.http.get('/api/organizations/not-a-uuid').set(member.auth).expect(400);
      expect(res.body.details[0].field).toBe('id');
    });

    it('is closed to anonymous readers', async () => {
      await ctx.http.get('/api/organizations').expect(401);
    });
  });

  describe('users', () => {
    it('every signed-in user reads the directory; emails only for staff and oneself', async () => {
      const asMember = await ctx.http.get(`/api/users/${facilitator.id}`).set(member.auth).expect(200);
      expect(asMember.body).toMatchObject({ id: facilitator.id, role: 'facilitator' });
      expect(asMember.body.email).toBeUndefined();
      const asFacilitator = await ctx.http.get(`/api/users/${member.id}`).set(facilitator.auth).expect(200);
      expect(asFacilitator.body.email).toBe(member.email);
      const list = await ctx.http.get(`/api/users?organizationId=${member.organizationId}`).set(observer.auth).expect(200);
      expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([member.id]);
    });

    it('an admin changes a role; a member cannot manage users', async () => {
      const target = await ctx.newUser({ role: 'member' });
      await ctx.http.patch(`/api/users/${target.id}`).set(member.auth).send({ role: 'facilitator' }).expect(403);
      await ctx.http.patch(`/api/users/${target.id}`).set(facilitator.auth).send({ role: 'facilitator' }).expect(403);
      const res = await ctx.http.patch(`/api/users/${target.id}`).set(admin.auth).send({ role: 'facilitator' }).expect(200);
      expect(res.body.role).toBe('facilitator');
      const [row] = await ctx.db.query('SELECT role FROM users WHERE id = $1', [target.id]);
      expect(row.role).toBe('facilitator');
    });

    it('deactivating a user locks them out at once and revokes their sessions', async () => {
      const target = await ctx.newUser();
      const signedIn = await ctx.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', '10.9.9.9')
        .send({ email: target.email, password: target.password })
        .expect(200);
      const session = { ...signedIn.body, refreshToken: refreshCookieOf(signedIn) };
      await ctx.http.patch(`/api/users/${target.id}`).set(admin.auth).send({ active: false }).expect(200);
      await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${session.accessToken}`).expect(401);
      await ctx.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
      const inactive = await ctx.http.get('/api/users?active=false').set(admin.auth).expect(200);
      expect(inactive.body.items.map((u: { id: string }) => u.id)).toContain(target.id);
    });

    it('an admin cannot demote or deactivate themself', async () => {
      const res = await ctx.http.patch(`/api/users/${admin.id}`).set(admin.auth).send({ active: false }).expect(400);
      expect(res.body.details[0].field).toBe('active');
      await ctx.http.patch(`/api/users/${admin.id}`).set(admin.auth).send({ role: 'member' }).expect(400);
    });

    it('refuses an unknown role or organization with 400 and changes nothing', async () => {
      const target = await ctx.newUser();
      const bad = await ctx.http.patch(`/api/users/${target.id}`).set(admin.auth).send({ role: 'king' }).expect(400);
      expect(bad.body.details[0].field).toBe('role');
      const noOrg = await ctx.http
        .patch(`/api/users/${target.id}`)
        .set(admin.auth)
        .send({ organizationId: '00000000-0000-4000-8000-000000000000', displayName: 'Renamed' })
        .expect(400);
      expect(noOrg.body.details[0].field).toBe('organizationId');
      const [row] = await ctx.db.query('SELECT display_name, role FROM users WHERE id = $1', [target.id]);
      expect(row).toEqual({ display_name: target.displayName, role: 'member' });
    });
  });

  describe('parks', () => {
    it('an admin creates, edits and deletes a park; everyone signed in reads them', async () => {
      const parkOrg = await ctx.newOrganization('park_management');
      const created = await ctx.http
        .post('/api/parks')
        .set(admin.auth)
        .send({
          name: { en: 'Suzhou Industrial Park', zh: '苏州工业园区' },
          city: 'Suzhou',
          province: 'Jiangsu',
          level: 'national',
          organizationId: parkOrg.id,
        })
        .expect(201);
      expect(created.body).toMatchObject({ city: 'Suzhou', level: 'national', organization: { id: parkOrg.id } });
      const list = await ctx.http.get('/api/parks?city=Suzhou&level=national').set(observer.auth).expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
      const edited = await ctx.http.patch(`/api/parks/${created.body.id}`).set(admin.auth).send({ level: 'provincial', organizationId: null }).expect(200);
      expect(edited.body).toMatchObject({ level: 'provincial', organization: null });
      await ctx.http.delete(`/api/parks/${created.body.id}`).set(admin.auth).expect(204);
      await ctx.http.get(`/api/parks/${created.body.id}`).set(member.auth).expect(404);
      expect(await ctx.count('activity', "entity_type = 'park' AND entity_id = $1", [created.body.id])).toBe(3);
    });

    it('refuses a park without a level or city (400, nothing written) and a member creating one (403)', async () => {
      const before = await ctx.count('parks');
      const res = await ctx.http
        .post('/api/parks')
        .set(admin.auth)
        .send({ name: { en: 'P' }, province: 'Jiangsu', level: 'county' })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['city', 'level']));
      await ctx.http
        .post('/api/parks')
        .set(member.auth)
        .send({ name: { en: 'P' }, city: 'Wuxi', province: 'Jiangsu', level: 'national' })
        .expect(403);
      expect(await ctx.count('parks')).toBe(before);
    });
  });

  describe('activity', () => {
    it('is readable by admins only', async () => {
      await ctx.http.get('/api/activity').set(facilitator.auth).expect(403);
      const res = await ctx.http.get('/api/activity?limit=2').set(admin.auth).expect(200);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.nextCursor).toEqual(expect.any(String));
      const next = await ctx.http.get(`/api/activity?limit=2&cursor=${res.body.nextCursor}`).set(admin.auth).expect(200);
      expect(Number(next.body.items[0].id)).toBeLessThan(Number(res.body.items[1].id));
    });
  });

  describe('operations', () => {
    it('serves the OpenAPI document', async () => {
      const res = await ctx.http.get('/api/docs/openapi.json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/organizations', '/api/parks', '/api/invitations']));
    });

    it('sends security headers and limits CORS to configured origins', async () => {
      const allowed = await ctx.http.get('/api/health').set('Origin', 'http://localhost:5173').expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(allowed.headers['x-content-type-options']).toBe('nosniff');
      expect(allowed.headers['content-security-policy']).toContain("default-src 'self'");
      const other = await ctx.http.get('/api/health').set('Origin', 'https://evil.example').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('answers unknown API routes with the error shape', async () => {
      const res = await ctx.http.get('/api/nothing-here').set(member.auth).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });
  });
});
