import { JwtService } from '@nestjs/jwt';
import { refreshCookieOf, refreshSetCookie, TestContext, TestUser, uniqueIp } from './support/context';

describe('auth', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  const login = (email: string, password: string, ip = uniqueIp()) => ctx.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  describe('POST /api/auth/login', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    });

    it('signs in with the right password and returns tokens and the user', async () => {
      const res = await login(user.email, user.password).expect(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      // The refresh token is only in an HttpOnly, SameSite=Strict cookie for /api/auth, never in the body.
      expect(res.body.refreshToken).toBeUndefined();
      expect(refreshCookieOf(res)).toEqual(expect.stringContaining('.'));
      const cookie = refreshSetCookie(res)!;
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Strict/i);
      expect(cookie).toMatch(/; Path=\/api\/auth/i);
      expect(cookie).not.toMatch(/; Secure/i);
      expect(res.body.user).toMatchObject({ id: user.id, email: user.email, role: 'facilitator' });
      expect(res.body.user.organization.constituency).toBe('international');
      const me = await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body.id).toBe(user.id);
    });

    it('treats the email case-insensitively', async () => {
      await login(user.email.toUpperCase(), user.password).expect(200);
    });

    it('refuses a wrong password with 401 and records the failure', async () => {
      const before = await ctx.count('login_failures', 'email = $1', [user.email]);
      const res = await login(user.email, 'wrong-password').expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: 'Email or password is wrong' });
      expect(await ctx.count('login_failures', 'email = $1', [user.email])).toBe(before + 1);
    });

    it('refuses an unknown user with the same answer as a wrong password', async () => {
      const res = await login('nobody@test.greentable', 'whatever-password').expect(401);
      expect(res.body.message).toBe('Email or password is wrong');
    });

    it('answers 400 naming the field for a malformed body', async () => {
      const res = await ctx.http.post('/api/auth/login').send({ email: 'not-an-email' }).expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' }), expect.objectContaining({ field: 'password' })]));
    });

    it('refuses a deactivated user', async () => {
      const gone = await ctx.newUser();
      await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [gone.id]);
      await login(gone.email, gone.password).expect(401);
      await ctx.http.get('/api/auth/me').set(gone.auth).expect(401);
    });
  });

  describe('throttling', () => {
    it('answers 429 after repeated failures against one account, even with the right password', async () => {
      const victim = await ctx.newUser();
      for (let i = 0; i < ctx.config.loginMaxFailures; i++) await login(victim.email, 'wrong-password', uniqueIp()).expect(401);
      const res = await login(victim.email, victim.password, uniqueIp()).expect(429);
      expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    });

    it('answers 429 after repeated failures from one address across accounts', async () => {
      const ip = uniqueIp();
      const limit = ctx.config.loginMaxFailures * 4;
      for (let i = 0; i < limit; i++) await login(`unknown-${i}@test.greentable`, 'wrong-password', ip).expect(401);
      const other = await ctx.newUser();
      await login(other.email, other.password, ip).expect(429);
      await login(other.email, other.password, uniqueIp()).expect(200);
    });
  });

  describe('refresh tokens', () => {
    it('rotate on use: the new one works, the old one is refused and revokes the family', async () => {
      const user = await ctx.newUser();
      const firstRefresh = refreshCookieOf(await login(user.email, user.password).expect(200))!;
      const rotated = await ctx.http.post('/api/auth/refresh').set('Cookie', `greentable_refresh=${firstRefresh}`).send({}).expect(200);
      const second = { ...rotated.body, refreshToken: refreshCookieOf(rotated)! };
      expect(second.refreshToken).not.toBe(firstRefresh);
      expect(second.user.id).toBe(user.id);
      await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${second.accessToken}`).expect(200);

      // Reuse of the rotated token: refused, and the whole family (including the current token) is revoked.
      const reuse = await ctx.http.post('/api/auth/refresh').set('Cookie', `greentable_refresh=${firstRefresh}`).send({}).expect(401);
      expect(reuse.body.message).toMatch(/already used/);
      await ctx.http.post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
      const familyId = second.refreshToken.split('.')[0];
      const [row] = await ctx.db.query('SELECT family_id FROM refresh_tokens WHERE id = $1', [familyId]);
      expect(await ctx.count('refresh_tokens', 'family_id = $1 AND revoked_at IS NULL', [row.family_id])).toBe(0);
    });

    it('are stored hashed, never in clear', async () => {
      const user = await ctx.newUser();
      const refreshToken = refreshCookieOf(await login(user.email, user.password).expect(200))!;
      const [id, secret] = refreshToken.split('.');
      const [row] = await ctx.db.query('SELECT token_hash FROM refresh_tokens WHERE id = $1', [id]);
      expect(row.token_hash).not.toContain(secret);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('are revoked at logout', async () => {
      const user = await ctx.newUser();
      const refreshToken = refreshCookieOf(await login(user.email, user.password).expect(200))!;
      const out = await ctx.http.post('/api/auth/logout').set('Cookie', `greentable_refresh=${refreshToken}`).send({}).expect(204);
      expect(refreshSetCookie(out)).toMatch(/^greentable_refresh=;/);
      await ctx.http.post('/api/auth/refresh').set('Cookie', `greentable_refresh=${refreshToken}`).send({}).expect(401);
      await ctx.http.post('/api/auth/refresh').send({ refreshToken }).expect(401);
    });

    it('refuses a made-up token and a malformed body', async () => {
      await ctx.http.post('/api/auth/refresh').send({ refreshToken: '00000000-0000-0000-0000-000000000000.abc' }).expect(401);
      const res = await ctx.http.post('/api/auth/refresh').send({ refreshToken: 42 }).expect(400);
      expect(res.body.details[0].field).toBe('refreshToken');
      // Neither a cookie nor a body token: nothing to refresh.
      await ctx.http.post('/api/auth/refresh').send({}).expect(401);
    });
  });

  describe('access tokens and the global guard', () => {
    it('refuses requests without a token, with a bad token, or with an expired one', async () => {
      await ctx.http.get('/api/auth/me').expect(401);
      await ctx.http.get('/api/auth/me').set('Authorization', 'Bearer nonsense').expect(401);
      const user = await ctx.newUser();
      const expired = await ctx.app.get(JwtService).signAsync({ sub: user.id, role: user.role, org: user.organizationId }, { expiresIn: -10 });
      await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
      await ctx.http.get('/api/auth/me').set(user.auth).expect(200);
    });

    it('stops a token that worked once it expires, refuses one signed with another key, and reads the scheme in any case', async () => {
      const user = await ctx.newUser();
      const jwt = ctx.app.get(JwtService);
      const shortLived = await jwt.signAsync({ sub: user.id, role: user.role, org: user.organizationId }, { expiresIn: 2 });
      const me = await ctx.http.get('/api/auth/me').set('Authorization', `bearer ${shortLived}`).expect(200);
      expect(me.body).toMatchObject({ id: user.id });
      await new Promise((r) => setTimeout(r, 2_100));
      await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${shortLived}`).expect(401);

      const forged = await jwt.signAsync(
        { sub: user.id, role: 'admin', org: user.organizationId },
        { expiresIn: 60, secret: 'another key of the same length, not ours' },
      );
      await ctx.http.get('/api/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
      await ctx.http
        .get('/api/auth/me')
        .set('Authorization', `Basic ${user.auth.Authorization.split(' ')[1]}`)
        .expect(401);
    });

    it('lets public routes through', async () => {
      const res = await ctx.http.get('/api/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
    });
  });

  describe('PATCH /api/auth/me', () => {
    it('changes locale and display name, and the password only with the current one', async () => {
      const user = await ctx.newUser();
      const res = await ctx.http.patch('/api/auth/me').set(user.auth).send({ locale: 'zh-CN', displayName: '王芳' }).expect(200);
      expect(res.body).toMatchObject({ locale: 'zh-CN', displayName: '王芳' });
      const denied = await ctx.http.patch('/api/auth/me').set(user.auth).send({ newPassword: 'another-password-1' }).expect(400);
      expect(denied.body.details[0].field).toBe('currentPassword');
      await ctx.http.patch('/api/auth/me').set(user.auth).send({ newPassword: 'another-password-1', currentPassword: user.password }).expect(200);
      await login(user.email, 'another-password-1').expect(200);
      await ctx.http.patch('/api/auth/me').set(user.auth).send({ locale: 'fr' }).expect(400);
    });
  });
});
