import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/app-config';
import { connect } from './support/sockets';
import { refreshCookieOf, refreshSetCookie, TestContext, TestUser, uniqueIp } from './support/context';

describe('sign-in hardening', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  const login = (email: string, password: string, ip = uniqueIp()) => ctx.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  const statuses = (responses: { status: number }[]) => responses.map((r) => r.status).sort();

  describe('throttling counts and decides atomically', () => {
    it('20 parallel wrong passwords from one address: exactly the limit are tried, the rest answer 429', async () => {
      const victim = await ctx.newUser();
      const ip = uniqueIp();
      const limit = ctx.config.loginMaxFailures;
      const responses = await Promise.all(Array.from({ length: 20 }, () => login(victim.email, 'wrong-password', ip)));
      expect(statuses(responses).filter((s) => s === 401)).toHaveLength(limit);
      expect(statuses(responses).filter((s) => s === 429)).toHaveLength(20 - limit);
      expect(await ctx.count('login_failures', 'email = $1', [victim.email])).toBe(limit);
    });

    it('20 parallel wrong passwords from 20 addresses against one account: exactly the limit are tried', async () => {
      const victim = await ctx.newUser();
      const limit = ctx.config.loginMaxFailures;
      const responses = await Promise.all(Array.from({ length: 20 }, () => login(victim.email, 'wrong-password', uniqueIp())));
      expect(statuses(responses).filter((s) => s === 401)).toHaveLength(limit);
      expect(await ctx.count('login_failures', 'email = $1', [victim.email])).toBe(limit);
    });

    it('parallel attempts across accounts from one address stop at the address limit', async () => {
      const ip = uniqueIp();
      const limit = ctx.config.loginMaxFailures * 4;
      const responses = await Promise.all(Array.from({ length: limit + 10 }, (_, i) => login(`parallel-${i}-${ip}@test.greentable`, 'wrong-password', ip)));
      expect(statuses(responses).filter((s) => s === 401)).toHaveLength(limit);
      expect(await ctx.count('login_failures', 'ip = $1', [ip])).toBe(limit);
    });
  });

  describe('Retry-After', () => {
    it('every 429 says in its Retry-After header (and body) how many seconds to wait, within the window', async () => {
      const victim = await ctx.newUser();
      const ip = uniqueIp();
      for (let i = 0; i < ctx.config.loginMaxFailures; i++) await login(victim.email, 'wrong-password', ip).expect(401);
      const res = await login(victim.email, victim.password, ip).expect(429);
      const seconds = Number(res.headers['retry-after']);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(ctx.config.loginFailureWindowSeconds);
      expect(res.body.retryAfterSeconds).toBe(seconds);
    });
  });

  describe('the lockout spares the owner', () => {
    it('an attacker elsewhere is locked out of an account while its owner still signs in from their usual address', async () => {
      const owner = await ctx.newUser();
      const home = uniqueIp();
      await login(owner.email, owner.password, home).expect(200);
      for (let i = 0; i < ctx.config.loginMaxFailures + 3; i++)
        await login(owner.email, 'guessing-password', uniqueIp()).expect((r) => expect([401, 429]).toContain(r.status));
      // The attacker, from yet another address, even with the right password: 429.
      await login(owner.email, owner.password, uniqueIp()).expect(429);
      // The owner at home: signed in.
      await login(owner.email, owner.password, home).expect(200);
    });

    it('failures from the owner address itself still lock that address out', async () => {
      const owner = await ctx.newUser();
      const home = uniqueIp();
      await login(owner.email, owner.password, home).expect(200);
      for (let i = 0; i < ctx.config.loginMaxFailures; i++) await login(owner.email, 'guessing-password', home).expect(401);
      await login(owner.email, owner.password, home).expect(429);
    });
  });

  describe('refresh token cookie', () => {
    it('is Secure when the request came over https through a trusted proxy, and refreshing by cookie rotates it', async () => {
      const user = await ctx.newUser();
      const res = await ctx.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', uniqueIp())
        .set('X-Forwarded-Proto', 'https')
        .send({ email: user.email, password: user.password })
        .expect(200);
      expect(refreshSetCookie(res)).toMatch(/; Secure/i);
      const first = refreshCookieOf(res)!;
      const refreshed = await ctx.http.post('/api/auth/refresh').set('Cookie', `greentable_refresh=${first}`).send({}).expect(200);
      expect(refreshed.body.refreshToken).toBeUndefined();
      expect(refreshed.body.user.id).toBe(user.id);
      expect(refreshCookieOf(refreshed)).not.toBe(first);
      await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
    });

    it('accepting an invitation sets it too', async () => {
      const facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
      const org = await ctx.newOrganization('workers');
      const invited = await ctx.http
        .post('/api/invitations')
        .set(facilitator.auth)
        .send({ email: `cookie-${Date.now()}@union.example`, organizationId: org.id, role: 'member' })
        .expect(201);
      const accepted = await ctx.http
        .post(`/api/invitations/${invited.body.token}/accept`)
        .send({ displayName: `Cookie ${Date.now()}`, password: 'a-long-password' })
        .expect(201);
      expect(accepted.body.refreshToken).toBeUndefined();
      const token = refreshCookieOf(accepted)!;
      await ctx.http.post('/api/auth/refresh').set('Cookie', `greentable_refresh=${token}`).send({}).expect(200);
    });
  });

  describe('access tokens after sign-out', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await ctx.newUser();
    });

    it('are refused at once, over REST and at the socket handshake, on every app process; other sessions go on', async () => {
      const ip = uniqueIp();
      const signedIn = await login(user.email, user.password, ip).expect(200);
      const other = await login(user.email, user.password, ip).expect(200);
      const token = signedIn.body.accessToken as string;
      await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);

      await ctx.http
        .post('/api/auth/logout')
        .set('Authorization', `Bearer ${token}`)
        .set('Cookie', `greentable_refresh=${refreshCookieOf(signedIn)}`)
        .send({})
        .expect(204);
      await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(await ctx.count('revoked_access_tokens')).toBeGreaterThan(0);

      // A second app process on the same database refuses it too.
      const second = await TestContext.create();
      try {
        await second.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
        await second.http.get('/api/auth/me').set('Authorization', `Bearer ${other.body.accessToken}`).expect(200);
        await second.app.listen(0);
        const url = `http://127.0.0.1:${(second.app.getHttpServer().address() as AddressInfo).port}`;
        await expect(connect(url, token)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
        const live = await connect(url, other.body.accessToken);
        live.close();
      } finally {
        await second.close();
      }
    });
  });

  // Last: each test here starts apps of its own, and passport keeps one strategy per name for the whole process.
  describe('TRUST_PROXY', () => {
    const recordedIp = async (context: TestContext, forwardedFor: string): Promise<string> => {
      const email = `proxy-${Math.random().toString(36).slice(2)}@test.greentable`;
      await context.http.post('/api/auth/login').set('X-Forwarded-For', forwardedFor).send({ email, password: 'wrong-password' }).expect(401);
      const [row] = await context.db.query('SELECT ip FROM login_failures WHERE email = $1', [email]);
      return row.ip;
    };

    it('believes only the hops of the configured proxies, not whatever a client writes first', async () => {
      // The tests reach the app over loopback, which is the configured proxy here: the hop it adds is believed, the
      // address the client wrote before it is not.
      const behindLoopback = await TestContext.create({ trustProxy: ['loopback'] });
      try {
        expect(await recordedIp(behindLoopback, '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
      } finally {
        await behindLoopback.close();
      }
      const otherProxy = await TestContext.create({ trustProxy: ['10.99.0.0/16'] });
      try {
        expect(await recordedIp(otherProxy, '198.51.100.1, 203.0.113.7')).toMatch(/127\.0\.0\.1$/);
      } finally {
        await otherProxy.close();
      }
      const oneHop = await TestContext.create({ trustProxy: 1 });
      try {
        expect(await recordedIp(oneHop, '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
      } finally {
        await oneHop.close();
      }
    });

    it('is validated at start: a hop count or proxy addresses; true and nonsense are refused naming it', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
      expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
      expect(() => loadConfig({ TRUST_PROXY: 'not-an-address' })).toThrow(/TRUST_PROXY/);
      expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
    });
  });
});
