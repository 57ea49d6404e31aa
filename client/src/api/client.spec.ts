import { ApiClient, buildQuery, memoryTokenStore, type FetchLike, type SessionEvent, type Tokens } from './client';
import { ApiError, NETWORK_ERROR } from './errors';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Waits (across macrotasks) until a condition holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * A stand-in for the GreenTable auth API with rotating refresh tokens: a refresh token works once; presenting a used
 * one revokes the whole session (as the real server does), so a double refresh is caught. The refresh token lives in
 * `cookie`, as the browser's cookie jar holds the HttpOnly cookie: the client never sees it.
 */
class FakeServer {
  cookie: string | null = 'R1';
  private n = 1;
  validAccess = new Set<string>(['A1']);
  refreshState = new Map<string, 'live' | 'used'>([['R1', 'live']]);
  revoked = false;
  refreshCalls: string[] = [];
  unauthorized = 0;
  requests: { method: string; url: string; authorization?: string; body?: unknown }[] = [];
  /** When set, the refresh answer waits for it (to hold several requests in flight). */
  refreshGate: Promise<void> | null = null;
  /** Per-URL gates for ordinary requests. */
  gates = new Map<string, Promise<void>>();
  refreshStatus: number | null = null;

  fetch: FetchLike = async (url, init) => {
    const headers = init.headers as Record<string, string>;
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({ method: init.method ?? 'GET', url, authorization: headers.Authorization, body });
    if (url === '/api/auth/refresh') {
      expect(body).toEqual({});
      const presented = this.cookie ?? '';
      this.refreshCalls.push(presented);
      if (this.refreshGate) await this.refreshGate;
      if (this.refreshStatus) return json(this.refreshStatus, { statusCode: this.refreshStatus, error: 'x', message: 'x', details: [] });
      const state = this.refreshState.get(presented);
      if (this.revoked || !state) return json(401, { statusCode: 401, error: 'Unauthorized', message: 'Refresh token is invalid', details: [] });
      if (state === 'used') {
        this.revoked = true;
        this.validAccess.clear();
        return json(401, { statusCode: 401, error: 'Unauthorized', message: 'Refresh token was already used', details: [] });
      }
      this.refreshState.set(presented, 'used');
      this.n += 1;
      const accessToken = `A${this.n}`;
      const refreshToken = `R${this.n}`;
      this.validAccess.add(accessToken);
      this.refreshState.set(refreshToken, 'live');
      this.cookie = refreshToken;
      return json(200, { accessToken, expiresIn: 900, user: { id: 'u1', displayName: 'Chen Jing' } });
    }
    const gate = this.gates.get(url);
    const token = headers.Authorization?.replace(/^Bearer /, '');
    const authorized = token !== undefined && this.validAccess.has(token) && !this.revoked;
    if (gate) await gate;
    if (url === '/api/empty') return new Response(null, { status: 204 });
    if (!authorized) {
      this.unauthorized += 1;
      return json(401, { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized', details: [] });
    }
    return json(200, { url, token });
  };

  /** Makes the current access tokens expire, as time passing would. */
  expireAccessTokens() {
    this.validAccess.clear();
  }
}

function setup(initial: Tokens | null = { accessToken: 'A1' }, cookie: string | null = 'R1') {
  const server = new FakeServer();
  server.cookie = cookie;
  const tokens = memoryTokenStore(initial);
  const events: SessionEvent['type'][] = [];
  const client = new ApiClient({ tokens, fetch: server.fetch, lock: (fn) => fn() });
  client.subscribe((e) => events.push(e.type));
  return { server, tokens, client, events };
}

describe('ApiClient requests', () => {
  it('sends the bearer token and the query string, leaving out empty values', async () => {
    const { server, client } = setup();
    const result = await client.get<{ url: string }>('/organizations', { query: { constituency: 'workers', q: '', region: undefined, limit: 5 } });
    expect(result.url).toBe('/api/organizations?constituency=workers&limit=5');
    expect(server.requests[0]).toMatchObject({ method: 'GET', authorization: 'Bearer A1' });
  });

  it('sends JSON bodies and returns undefined for 204', async () => {
    const { server, client } = setup();
    await expect(client.delete('/empty')).resolves.toBeUndefined();
    await client.post('/things', { a: 1 });
    expect(server.requests[1].body).toEqual({ a: 1 });
  });

  it('sends no token and does not refresh for public calls (a wrong password stays a 401)', async () => {
    const { server, client, tokens } = setup();
    await expect(client.post('/auth/login', { email: 'x@y.z', password: 'nope' }, { auth: false })).rejects.toMatchObject({ status: 401 });
    expect(server.requests[0].authorization).toBeUndefined();
    expect(server.refreshCalls).toEqual([]);
    expect(tokens.load()).toEqual({ accessToken: 'A1' });
  });

  it('turns a failed fetch into an ApiError with the network status', async () => {
    const client = new ApiClient({
      tokens: memoryTokenStore(),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      lock: (fn) => fn(),
    });
    const error = await client.get('/health', { auth: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(NETWORK_ERROR);
  });

  it('throws the API error with its details', async () => {
    const client = new ApiClient({
      tokens: memoryTokenStore(),
      fetch: () =>
        Promise.resolve(
          json(400, { statusCode: 400, error: 'Bad Request', message: 'bad', details: [{ field: 'email', message: 'email must be an email address' }] }),
        ),
      lock: (fn) => fn(),
    });
    await expect(client.post('/invitations', {})).rejects.toMatchObject({
      status: 400,
      details: [{ field: 'email', message: 'email must be an email address' }],
    });
  });
});

describe('ApiClient refresh on 401', () => {
  it('refreshes once, keeps the rotated tokens and retries the request', async () => {
    const { server, client, tokens, events } = setup();
    server.expireAccessTokens();
    const result = await client.get<{ token: string }>('/auth/me');
    expect(result.token).toBe('A2');
    expect(server.refreshCalls).toEqual(['R1']);
    expect(tokens.load()).toEqual({ accessToken: 'A2' });
    expect(events).toEqual(['refreshed']);
    // The next expiry refreshes with the NEW refresh token.
    server.expireAccessTokens();
    await client.get('/auth/me');
    expect(server.refreshCalls).toEqual(['R1', 'R2']);
    expect(server.revoked).toBe(false);
  });

  it('shares one refresh among concurrent 401s (tokens rotate, a second refresh would revoke the session)', async () => {
    const { server, client, tokens } = setup();
    server.expireAccessTokens();
    const gate = deferred();
    server.refreshGate = gate.promise;
    const requests = ['/a', '/b', '/c', '/d', '/e'].map((path) => client.get<{ token: string }>(path));
    await until(() => server.unauthorized === 5, 'all five requests to be refused');
    gate.resolve();
    const results = await Promise.all(requests);
    expect(results.map((r) => r.token)).toEqual(['A2', 'A2', 'A2', 'A2', 'A2']);
    expect(server.refreshCalls).toEqual(['R1']);
    expect(server.revoked).toBe(false);
    expect(tokens.load()).toEqual({ accessToken: 'A2' });
  });

  it('does not refresh again for a 401 that arrives after another request already refreshed', async () => {
    const { server, client } = setup();
    server.expireAccessTokens();
    const slow = deferred();
    server.gates.set('/api/slow', slow.promise);
    const slowRequest = client.get<{ token: string }>('/slow'); // sent with A1, answered late
    await client.get('/fast'); // 401 → refresh → A2
    expect(server.refreshCalls).toEqual(['R1']);
    slow.resolve();
    await expect(slowRequest).resolves.toEqual({ url: '/api/slow', token: 'A2' });
    expect(server.refreshCalls).toEqual(['R1']);
    expect(server.revoked).toBe(false);
  });

  it('takes turns with other tabs: a refresh after another tab presents the cookie that tab left, so nothing is revoked', async () => {
    const server = new FakeServer();
    // While this tab waits for the lock, "another tab" (its own access token, the same cookie jar) refreshes.
    const lock = async <T>(fn: () => Promise<T>) => {
      const other = new ApiClient({ tokens: memoryTokenStore({ accessToken: 'A1' }), fetch: server.fetch, lock: (f) => f() });
      await other.renew({ accessToken: 'A1' });
      return fn();
    };
    const tokens = memoryTokenStore({ accessToken: 'A1' });
    const client = new ApiClient({ tokens, fetch: server.fetch, lock });
    server.expireAccessTokens();
    await expect(client.get('/x')).resolves.toEqual({ url: '/api/x', token: 'A3' });
    expect(server.refreshCalls).toEqual(['R1', 'R2']);
    expect(server.revoked).toBe(false);
  });

  it('signs out when the refresh is refused', async () => {
    const { server, client, tokens, events } = setup({ accessToken: 'A1' }, 'R-unknown');
    server.expireAccessTokens();
    const error = await client.get('/auth/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(tokens.load()).toBeNull();
    expect(events).toContain('ended');
    expect(server.refreshCalls).toEqual(['R-unknown']);
  });

  it('retries only once: a request refused again after a good refresh fails without a second refresh', async () => {
    const server = new FakeServer();
    const tokens = memoryTokenStore({ accessToken: 'A1' });
    const alwaysRefused: FetchLike = (url, init) =>
      url === '/api/auth/refresh'
        ? server.fetch(url, init)
        : Promise.resolve(json(401, { statusCode: 401, error: 'Unauthorized', message: 'no', details: [] }));
    const client = new ApiClient({ tokens, fetch: alwaysRefused, lock: (fn) => fn() });
    await expect(client.get('/x')).rejects.toMatchObject({ status: 401 });
    expect(server.refreshCalls).toEqual(['R1']);
  });

  it('keeps the session when the refresh fails for a server error', async () => {
    const { server, client, tokens, events } = setup();
    server.expireAccessTokens();
    server.refreshStatus = 503;
    await expect(client.get('/x')).rejects.toMatchObject({ status: 503 });
    expect(tokens.load()).toEqual({ accessToken: 'A1' });
    expect(events).not.toContain('ended');
  });

  it('ends the session for a 401 when there are no tokens at all', async () => {
    const { client, events, server } = setup(null);
    await expect(client.get('/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(server.refreshCalls).toEqual([]);
    expect(events).toEqual(['ended']);
  });
});

describe('ApiClient resuming a session from the refresh cookie (a reload, another tab)', () => {
  it('refreshes with the cookie and starts the session', async () => {
    const { server, client, tokens, events } = setup(null, 'R1');
    // The refresh's answer carries the user, so the page need not ask /auth/me before showing anything.
    await expect(client.resume()).resolves.toEqual({ user: { id: 'u1', displayName: 'Chen Jing' } });
    expect(server.refreshCalls).toEqual(['R1']);
    expect(tokens.load()).toEqual({ accessToken: 'A2' });
    expect(events).toEqual(['started']);
    await expect(client.get('/x')).resolves.toEqual({ url: '/api/x', token: 'A2' });
  });

  it('answers false without a cookie, and shares one refresh among concurrent resumes', async () => {
    const none = setup(null, null);
    await expect(none.client.resume()).resolves.toBeNull();
    expect(none.events).toEqual([]);
    const { server, client } = setup(null, 'R1');
    const [first, second] = await Promise.all([client.resume(), client.resume()]);
    expect(first).toEqual({ user: { id: 'u1', displayName: 'Chen Jing' } });
    expect(second).toEqual(first);
    expect(server.refreshCalls).toEqual(['R1']);
    expect(server.revoked).toBe(false);
  });

  it('says whether signed in from the same check, and leaves the user it brought for the resume that follows, once', async () => {
    const { server, client, tokens } = setup(null, 'R1');
    // The opening page's requests ask first, then the app's frame resumes.
    await expect(client.signedIn()).resolves.toBe(true);
    expect(tokens.load()).toEqual({ accessToken: 'A2' });
    await expect(client.resume()).resolves.toEqual({ user: { id: 'u1', displayName: 'Chen Jing' } });
    // One refresh, no request for /auth/me; a later resume has no user to give (the user may have changed since).
    expect(server.refreshCalls).toEqual(['R1']);
    expect(server.requests.map((r) => r.url)).toEqual(['/api/auth/refresh']);
    await expect(client.resume()).resolves.toEqual({ user: null });
  });

  it('keeps a check that found no session for the resume that follows, which sends none of its own', async () => {
    const { server, client, events } = setup(null, null);
    await expect(client.signedIn()).resolves.toBe(false);
    await expect(client.resume()).resolves.toBeNull();
    expect(server.requests.map((r) => r.url)).toEqual(['/api/auth/refresh']);
    expect(events).toEqual([]);
  });

  it('answers without a user, and without refreshing, when a token is already in hand', async () => {
    const { server, client } = setup({ accessToken: 'A1' }, 'R1');
    await expect(client.resume()).resolves.toEqual({ user: null });
    expect(server.refreshCalls).toEqual([]);
  });
});

describe('ApiClient resuming with the session check the page sent at start (firstRefresh)', () => {
  /** A client whose page already sent its session check, as client/src/api/first-refresh.ts does. */
  function withSentCheck(cookie: string | null, answer?: Promise<Response>) {
    const server = new FakeServer();
    server.cookie = cookie;
    const tokens = memoryTokenStore(null);
    let sent: Promise<Response> | null = answer ?? server.fetch('/api/auth/refresh', { method: 'POST', headers: {}, body: '{}' });
    const taken = () => {
      const once = sent;
      sent = null;
      return once;
    };
    const events: SessionEvent['type'][] = [];
    const client = new ApiClient({ tokens, fetch: server.fetch, lock: (fn) => fn(), firstRefresh: taken });
    client.subscribe((e) => events.push(e.type));
    return { server, tokens, client, events };
  }

  it('takes its answer instead of refreshing again, and later resumes refresh by themselves', async () => {
    const { server, client, tokens, events } = withSentCheck('R1');
    await expect(client.resume()).resolves.toEqual({ user: { id: 'u1', displayName: 'Chen Jing' } });
    expect(server.refreshCalls).toEqual(['R1']);
    expect(tokens.load()).toEqual({ accessToken: 'A2' });
    expect(events).toEqual(['started']);
    await expect(client.get('/x')).resolves.toEqual({ url: '/api/x', token: 'A2' });

    // Signed out meanwhile (the token forgotten): the next resume sends a check of its own, with the rotated cookie.
    client.endSession();
    await expect(client.resume()).resolves.toEqual({ user: { id: 'u1', displayName: 'Chen Jing' } });
    expect(server.refreshCalls).toEqual(['R1', 'R2']);
    expect(server.revoked).toBe(false);
  });

  it('answers null when the check was refused (no cookie), and a network error when it never arrived', async () => {
    const none = withSentCheck(null);
    await expect(none.client.resume()).resolves.toBeNull();
    expect(none.events).toEqual([]);
    expect(none.server.refreshCalls).toEqual(['']);

    const offline = withSentCheck('R1', Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.client.resume()).rejects.toMatchObject({ status: NETWORK_ERROR });
    expect(offline.tokens.load()).toBeNull();
  });
});

describe('token stores and query strings', () => {
  it('keeps the access token in memory only', () => {
    const store = memoryTokenStore();
    expect(store.load()).toBeNull();
    store.save({ accessToken: 'a' });
    expect(store.load()).toEqual({ accessToken: 'a' });
    store.save(null);
    expect(store.load()).toBeNull();
  });

  it('encodes query values', () => {
    expect(buildQuery({ q: 'a&b c', active: false, none: null })).toBe('?q=a%26b+c&active=false');
    expect(buildQuery({})).toBe('');
    expect(buildQuery(undefined)).toBe('');
  });
});

describe('ApiClient typed calls (openapi-fetch over openapi.json)', () => {
  function typedSetup() {
    const server = new FakeServer();
    const tokens = memoryTokenStore({ accessToken: 'A1' });
    const client = new ApiClient({ tokens, fetch: server.fetch, lock: (fn) => fn(), origin: 'http://app.test' });
    return { server, tokens, client };
  }

  it('sends the bearer token, the path parameters and the query string as the plain calls do', async () => {
    const { server, client } = typedSetup();
    const { data } = await client.api.GET('/api/organizations', { params: { query: { constituency: 'workers', q: '' } } });
    expect(data).toEqual({ url: 'http://app.test/api/organizations?constituency=workers', token: 'A1' });
    await client.api.GET('/api/roundtables/{id}', { params: { path: { id: 'a b/c' } } });
    expect(server.requests.map((r) => [r.method, r.url, r.authorization])).toEqual([
      ['GET', 'http://app.test/api/organizations?constituency=workers', 'Bearer A1'],
      ['GET', 'http://app.test/api/roundtables/a%20b%2Fc', 'Bearer A1'],
    ]);
  });

  it('refreshes once on 401 and sends the same body again with the new token', async () => {
    const { server, client, tokens } = typedSetup();
    server.expireAccessTokens();
    const { data } = await client.api.POST('/api/roundtables/{id}/decisions', {
      params: { path: { id: 'rt1' } },
      body: { text: { en: 'Agreed' }, adoption: 'consensus' },
    });
    expect(data).toMatchObject({ token: 'A2' });
    expect(server.refreshCalls).toEqual(['R1']);
    expect(tokens.load()).toEqual({ accessToken: 'A2' });
    const sent = server.requests.filter((r) => r.url.endsWith('/decisions'));
    expect(sent.map((r) => [r.authorization, r.body])).toEqual([
      ['Bearer A1', { text: { en: 'Agreed' }, adoption: 'consensus' }],
      ['Bearer A2', { text: { en: 'Agreed' }, adoption: 'consensus' }],
    ]);
  });

  it('throws the ApiError of a refused call, and public calls send no token', async () => {
    const { server, client } = typedSetup();
    await expect(client.publicApi.POST('/api/auth/login', { body: { email: 'x@y.z', password: 'nope' } })).rejects.toMatchObject({ status: 401 });
    expect(server.requests[0].authorization).toBeUndefined();
    expect(server.refreshCalls).toEqual([]);
  });
});

describe('ApiClient.whenQuiet (the live connection waits for it as a page opens)', () => {
  it('resolves once every request under way is answered, failed ones included', async () => {
    const { server, client } = setup();
    const slow = deferred();
    server.gates.set('/api/slow', slow.promise);
    const answered = client.get('/slow');
    const refused = new ApiClient({
      tokens: memoryTokenStore({ accessToken: 'A1' }),
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      lock: (fn) => fn(),
    });
    await expect(refused.get('/anything')).rejects.toMatchObject({ status: NETWORK_ERROR });
    await expect(refused.whenQuiet()).resolves.toBeUndefined();

    let quiet = false;
    void client.whenQuiet().then(() => (quiet = true));
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    expect({ quiet, busy: client.busy }).toEqual({ quiet: false, busy: true });
    slow.resolve();
    await answered;
    await until(() => quiet, 'whenQuiet after the answer');
    expect(client.busy).toBe(false);
  });

  it('resolves at once (after the queued tasks) when nothing is under way', async () => {
    const { client } = setup();
    await expect(client.whenQuiet()).resolves.toBeUndefined();
  });
});
