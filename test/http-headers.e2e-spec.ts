import { TestContext, type TestUser } from './support/context';

/** What every HTTP answer carries, whichever way it ends: the security headers, and compression above 1 KB. */
describe('HTTP headers on every answer', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
  });
  afterAll(() => ctx.close());

  const expectSecurityHeaders = (headers: Record<string, string>) => {
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("connect-src 'self' ws: wss:");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['strict-transport-security']).toBeUndefined();
  };

  it('a read, a 404, a 401 and a refused body all carry the security headers', async () => {
    expectSecurityHeaders((await ctx.http.get('/api/health').expect(200)).headers);
    expectSecurityHeaders((await ctx.http.get('/api/no-such-thing').set(admin.auth).expect(404)).headers);
    expectSecurityHeaders((await ctx.http.get('/api/organizations').expect(401)).headers);
    const refused = await ctx.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expectSecurityHeaders(refused.headers);
  });

  it('a JSON answer above 1 KB is compressed as the client accepts, with a weak ETag; a small one is sent as it is', async () => {
    const large = await ctx.http.get('/api/indicators').set(admin.auth).set('Accept-Encoding', 'br').expect(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers.vary).toMatch(/accept-encoding/i);
    expect(large.headers.etag).toMatch(/^W\//);
    expect(Array.isArray(large.body.items ?? large.body)).toBe(true);
    // The catalogue is over 8 KB, where @fastify/compress would stream on two cores: compressed in one call, its
    // length is known and sent, and it reads back as the answer sent uncompressed.
    const plain = await ctx.http.get('/api/indicators').set(admin.auth).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBeGreaterThan(8 * 1024);
    expect(Number(large.headers['content-length'])).toBeGreaterThan(0);
    expect(Number(large.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']));
    expect(large.body).toEqual(plain.body);
    // A browser accepts both: an answer made on the fly goes with gzip, as small as brotli's here in half the time.
    const gzip = await ctx.http.get('/api/indicators').set(admin.auth).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body).toEqual(plain.body);
    const small = await ctx.http.get('/api/health').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
