import { DemoService } from '../src/demo/demo.service';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/demo/demo-data';
import { TestContext, uniqueIp } from './support/context';

describe('start-up: first admin and demo world', () => {
  const adminEmail = `first-admin-${Date.now()}@example.org`;
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.create({ admin: { email: adminEmail, password: 'first-admin-password' } });
  });
  afterAll(() => ctx.close());

  it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, who can sign in', async () => {
    const res = await ctx.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: adminEmail, password: 'first-admin-password' })
      .expect(200);
    expect(res.body.user.role).toBe('admin');
  });

  it('will not load the demo world on its own into a database that holds other data', async () => {
    const before = await ctx.count('users');
    const outcome = await ctx.app.get(DemoService).loadIfEmpty();
    expect(outcome.loaded).toBe(false);
    expect(await ctx.count('users')).toBe(before);
  });

  it('loads the demo accounts when asked, and a second load changes nothing', async () => {
    const demo = ctx.app.get(DemoService);
    await demo.load();
    const counts = async () => ({ users: await ctx.count('users'), orgs: await ctx.count('organizations'), parks: await ctx.count('parks') });
    const afterFirst = await counts();
    const second = await demo.load();
    expect(second.loaded).toBe(false);
    expect(await counts()).toEqual(afterFirst);
    for (const role of ['admin', 'facilitator', 'member', 'observer']) {
      const account = DEMO_USERS.find((u) => u.role === role)!;
      const res = await ctx.http.post('/api/auth/login').set('X-Forwarded-For', uniqueIp()).send({ email: account.email, password: DEMO_PASSWORD }).expect(200);
      expect(res.body.user.role).toBe(role);
    }
  });
});
