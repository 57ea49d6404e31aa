import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestContext, TestUser } from './support/context';

type Schema = { properties?: Record<string, unknown>; required?: string[] };

describe('the OpenAPI document against the running API', () => {
  let ctx: TestContext;
  let admin: TestUser;
  const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
  const schema = (name: string): Schema => committed.components.schemas[name];

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
  });
  afterAll(() => ctx.close());

  it('serves the committed openapi.json at /api/docs/openapi.json', async () => {
    const res = await ctx.http.get('/api/docs/openapi.json').expect(200);
    expect(res.body).toEqual(committed);
  });

  it('answers with the fields the document promises', async () => {
    const created = await ctx.http
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: { en: 'Suzhou Employers Association' }, constituency: 'employers' })
      .expect(201);
    expect(Object.keys(created.body).sort()).toEqual(Object.keys(schema('OrganizationView').properties!).sort());
    const me = await ctx.http.get('/api/auth/me').set(admin.auth).expect(200);
    expect(Object.keys(me.body)).toEqual(expect.arrayContaining(schema('UserView').required!));
  });

  it('answers errors in the one documented shape', async () => {
    // The fields every error has; some errors add documented optional ones, these do not.
    const shape = [...schema('ErrorResponse').required!].sort();
    const missing = await ctx.http.get('/api/organizations/7d9e8f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f').set(admin.auth).expect(404);
    expect(Object.keys(missing.body).sort()).toEqual(shape);
    const refused = await ctx.http.post('/api/organizations').set(admin.auth).send({ constituency: 'nobody' }).expect(400);
    expect(Object.keys(refused.body).sort()).toEqual(shape);
    expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'constituency', message: expect.any(String) })]));
    const anonymous = await ctx.http.get('/api/organizations').expect(401);
    expect(Object.keys(anonymous.body).sort()).toEqual(shape);
  });

  it('documents the fields an error adds: a refused status change names the allowed ones', async () => {
    const roundtable = await ctx.http
      .post('/api/roundtables')
      .set(admin.auth)
      .send({ title: { en: 'Error shape' }, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T12:00:00+08:00' })
      .expect(201);
    const refused = await ctx.http.post(`/api/roundtables/${roundtable.body.id}/status`).set(admin.auth).send({ status: 'concluded' }).expect(409);
    expect(refused.body.allowed).toEqual(['open']);
    expect(Object.keys(schema('ErrorResponse').properties!)).toEqual(expect.arrayContaining(Object.keys(refused.body)));
  });
});
