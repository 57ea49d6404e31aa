import createClient, { type Client } from 'openapi-fetch';
import { ApiError } from './errors';
import type { paths } from './schema.gen';
import { refreshLock, type ExclusiveLock } from './first-refresh';
import type { Session } from './types';

/**
 * What the client holds of a session: the access token, in memory only. The refresh token is an HttpOnly cookie that
 * no script can read; the browser sends it to /api/auth by itself, so a reload or another tab resumes the session by
 * refreshing.
 */
export interface Tokens {
  accessToken: string;
}

/** Where this tab keeps its access token. */
export interface TokenStore {
  load(): Tokens | null;
  save(tokens: Tokens | null): void;
}

export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    load: () => tokens,
    save: (next) => {
      tokens = next;
    },
  };
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type { ExclusiveLock };

export type SessionEvent = { type: 'started' | 'refreshed'; session: Session } | { type: 'ended' };

export interface ApiClientOptions {
  tokens: TokenStore;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: FetchLike;
  /** Prefix of every path, "/api" by default. */
  baseUrl?: string;
  /**
   * Where the typed calls go, in front of the document's paths (which begin with /api): the page's own origin by
   * default; an absolute origin where there is no page (tests).
   */
  origin?: string;
  /** Runs a refresh while no other tab runs one; the Web Locks API by default. */
  lock?: ExclusiveLock;
  /**
   * The answer to a session check already sent for this client, taken once by the first resume() instead of sending
   * its own (the page's entry sends it early: client/src/api/first-refresh.ts).
   */
  firstRefresh?: () => Promise<Response> | null;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Send the bearer token and refresh it on 401 (true by default; false for sign-in and public routes). */
  auth?: boolean;
  signal?: AbortSignal;
}

/** Bodies sent as they are rather than as JSON (file uploads). */
export const isRawBody = (body: unknown): boolean =>
  (typeof FormData !== 'undefined' && body instanceof FormData) || (typeof Blob !== 'undefined' && body instanceof Blob);

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The typed calls of the API, generated from openapi.json (see schema.gen.ts): `api.GET('/api/roundtables/{id}', …)`. */
export type TypedApi = Client<paths>;

/** The query string of the typed calls: as buildQuery writes it, so both kinds of calls send the same text. */
const typedQuery = (query: Record<string, unknown>): string =>
  buildQuery(Object.fromEntries(Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : (value as QueryValue)]))).slice(1);

/**
 * A typed fetch wrapper for the GreenTable API. It adds the bearer token and, when the server answers 401, renews the
 * session ONCE and retries. Refresh tokens rotate (presenting a used one revokes the whole session), so concurrent
 * 401s share a single refresh call, and a request whose token was already replaced just retries with the new one.
 */
export class ApiClient {
  private readonly tokens: TokenStore;
  private readonly fetchFn: FetchLike;
  private readonly baseUrl: string;
  private readonly lock: ExclusiveLock;
  private readonly firstRefresh: () => Promise<Response> | null;
  /** The refresh under way; a session when the server just issued one, else the tokens in hand or null. */
  private refreshing: Promise<Session | Tokens | null> | null = null;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  /** What the session check of signedIn() answered, until resume() takes it (takeKeptCheck). */
  private keptCheck: { tokens: Tokens | null; user: Session['user'] | null } | null = null;
  /** Requests sent and not yet answered, and who waits for there to be none (whenQuiet). */
  private inFlight = 0;
  private quietWaiters: Array<() => void> = [];
  /** The typed calls, with the bearer token and the one refresh on 401 of every request. */
  readonly api: TypedApi;
  /** The typed calls that carry no token and never refresh: sign-in, invitations by token. */
  readonly publicApi: TypedApi;

  constructor(options: ApiClientOptions) {
    this.tokens = options.tokens;
    this.fetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.baseUrl = options.baseUrl ?? '/api';
    this.lock = options.lock ?? refreshLock;
    this.firstRefresh = options.firstRefresh ?? (() => null);
    const typed = (auth: boolean) =>
      createClient<paths>({ baseUrl: options.origin ?? '', querySerializer: typedQuery, fetch: (request) => this.typedResponse(request, auth) });
    this.api = typed(true);
    this.publicApi = typed(false);
  }

  /** Listens to sign-in, refresh and sign-out; returns the unsubscribe function. */
  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hasSession(): boolean {
    return this.tokens.load() !== null;
  }

  currentTokens(): Tokens | null {
    return this.tokens.load();
  }

  /** Keeps the access token of a session just obtained (sign-in, accepted invitation); the cookie has the rest. */
  startSession(session: Session): void {
    this.tokens.save({ accessToken: session.accessToken });
    this.emit({ type: 'started', session });
  }

  /**
   * Picks up the session the refresh cookie holds, if any (at start, after a reload, or when another tab signed in):
   * null when there is none, else the signed-in user when the refresh brought it (saving the page a request for
   * /auth/me before it can show anything), or `user: null` when a token was already in hand. A refused refresh means
   * there is no session; other failures throw.
   */
  async resume(): Promise<{ user: Session['user'] | null } | null> {
    const kept = this.takeKeptCheck();
    if (kept) return kept.tokens && { user: kept.user };
    const resumed = await this.resumeSession();
    this.keptCheck = null;
    return resumed && { user: resumed.checked?.user ?? null };
  }

  /**
   * Whether the visit is signed in, picking up the session as resume() does; what the check answered (no session, or
   * the user it brought) is kept for the resume() that follows. For the first requests of the page a visit opens on,
   * sent before the app's frame resumes.
   */
  async signedIn(): Promise<boolean> {
    const resumed = await this.resumeSession();
    if (!resumed) this.keptCheck = { tokens: null, user: null };
    else if (resumed.checked) this.keptCheck = { tokens: resumed.tokens, user: resumed.checked.user };
    return resumed !== null;
  }

  /** The answer signedIn() kept, once, while the tokens in hand are still those it answered with. */
  private takeKeptCheck(): { tokens: Tokens | null; user: Session['user'] | null } | null {
    const kept = this.keptCheck;
    this.keptCheck = null;
    return kept && (this.tokens.load()?.accessToken ?? null) === (kept.tokens?.accessToken ?? null) ? kept : null;
  }

  /**
   * The tokens in hand, else those of the session the cookie holds (one check shared by every caller, with the user
   * it brought as `checked`), or null when there is none.
   */
  private async resumeSession(): Promise<{ tokens: Tokens; checked?: { user: Session['user'] | null } } | null> {
    const inHand = this.tokens.load();
    if (inHand) return { tokens: inHand };
    const sent = this.refreshing ? null : this.firstRefresh();
    const resumed = await (this.refreshing ??= (sent ? this.sessionFromSent(sent) : this.lock(() => this.refreshWithCookie(null))).finally(() => {
      this.refreshing = null;
    }));
    return resumed && { tokens: { accessToken: resumed.accessToken }, checked: { user: 'user' in resumed ? resumed.user : null } };
  }

  /**
   * Resolves at the first moment, after the tasks already queued, when none of this client's requests is under way:
   * once a page has been answered what it asked for as it opened (and has shown it), not at once.
   */
  async whenQuiet(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.inFlight === 0) return;
      await new Promise<void>((resolve) => this.quietWaiters.push(resolve));
    }
  }

  /** Whether a request of this client is under way now. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** fetch, counting the requests under way for whenQuiet. */
  private counted(url: string, init: RequestInit): Promise<Response> {
    return this.awaited(() => this.fetchFn(url, init));
  }

  /** A request's answer, counted as under way until it comes. */
  private async awaited(answer: () => Promise<Response>): Promise<Response> {
    this.inFlight++;
    try {
      return await answer();
    } finally {
      if (--this.inFlight === 0) for (const resolve of this.quietWaiters.splice(0)) resolve();
    }
  }

  /** Forgets the tokens locally (the caller tells the server first when it can). */
  endSession(): void {
    this.tokens.save(null);
    this.emit({ type: 'ended' });
  }

  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T> {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = void>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.authorizedResponse(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Sends the request with the bearer token, renewing the session once on 401; throws an ApiError unless 2xx. */
  private authorizedResponse(method: string, path: string, options: RequestOptions): Promise<Response> {
    return this.authorized(options.auth ?? true, (accessToken) => this.send(method, path, options, accessToken));
  }

  /**
   * A typed call's request (built by openapi-fetch), sent like any other: the body is read once so that the retry
   * after a refresh sends it again. Failures throw the ApiError here, so a typed call resolves only with 2xx data.
   */
  private async typedResponse(request: Request, auth: boolean): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    request.headers.forEach((value, key) => {
      headers[key === 'content-type' ? 'Content-Type' : key] = value;
    });
    const json = (headers['Content-Type'] ?? '').startsWith('application/json');
    const body = request.body === null ? undefined : json ? await request.text() : await request.blob();
    return this.authorized(auth, async (accessToken) => {
      try {
        return await this.counted(request.url, {
          method: request.method,
          headers: accessToken ? { ...headers, Authorization: `Bearer ${accessToken}` } : headers,
          body,
          signal: request.signal,
        });
      } catch (error) {
        if (request.signal.aborted) throw error;
        throw ApiError.network(error);
      }
    });
  }

  private async authorized(auth: boolean, send: (accessToken: string | undefined) => Promise<Response>): Promise<Response> {
    const used = auth ? this.tokens.load() : null;
    let response = await send(used?.accessToken);
    if (response.status === 401 && auth) {
      const renewed = used ? await this.renew(used) : null;
      if (!renewed) {
        // No way to renew: the session is over, unless a new one was started meanwhile.
        const now = this.tokens.load();
        if (!now || (used && now.accessToken === used.accessToken)) this.endSession();
        throw await this.errorFrom(response);
      }
      response = await send(renewed.accessToken);
    }
    if (!response.ok) throw await this.errorFrom(response);
    return response;
  }

  /**
   * Gives a fresh access token after `stale` was refused. Single-flight: while one refresh is running every caller
   * waits for it; if this tab's token already differs from `stale`, it was renewed meanwhile and is used as it is.
   * Resolves null when the server refused the refresh (the session is over).
   */
  renew(stale: Tokens): Promise<Tokens | null> {
    if (this.refreshing) return this.refreshing;
    const current = this.tokens.load();
    if (current && current.accessToken !== stale.accessToken) return Promise.resolve(current);
    if (!current) return Promise.resolve(null);
    const run = this.lock(() => this.refreshWithCookie(stale.accessToken));
    this.refreshing = run.finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * POST /auth/refresh with the cookie, inside the cross-tab lock: refresh tokens rotate, and two tabs presenting the
   * same one would revoke the session, so tabs take turns (each finds the cookie the previous one left).
   * `stale`: the refused access token, or null when resuming without one.
   */
  private async refreshWithCookie(stale: string | null): Promise<Session | Tokens | null> {
    const current = this.tokens.load();
    if (stale !== null && !current) return null;
    if (current && current.accessToken !== stale) return current;
    return this.sessionFrom(await this.send('POST', '/auth/refresh', { body: {} }, undefined), stale);
  }

  /** The session check sent before this client was made (firstRefresh), as refreshWithCookie(null) would have sent it. */
  private async sessionFromSent(sent: Promise<Response>): Promise<Session | null> {
    let response: Response;
    try {
      response = await this.awaited(() => sent);
    } catch (error) {
      throw ApiError.network(error);
    }
    return this.sessionFrom(response, null);
  }

  /** What a refresh answered: the new session, null when refused (ending the session if `stale` was one), or an error. */
  private async sessionFrom(response: Response, stale: string | null): Promise<Session | null> {
    if (response.ok) {
      const session = (await response.json()) as Session;
      const next = { accessToken: session.accessToken };
      this.tokens.save(next);
      this.emit({ type: stale === null ? 'started' : 'refreshed', session });
      return session;
    }
    if (response.status === 401 || response.status === 400) {
      if (stale !== null) this.endSession();
      return null;
    }
    // Server trouble or throttling: the session may still be good, so keep the token and fail this request.
    throw await this.errorFrom(response);
  }

  private async send(method: string, path: string, options: RequestOptions, accessToken: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // A file upload goes as it is: FormData sets its own multipart boundary, a Blob its own type.
    const raw = isRawBody(options.body);
    if (options.body !== undefined && !raw) headers['Content-Type'] = 'application/json';
    if (raw && options.body instanceof Blob && options.body.type) headers['Content-Type'] = options.body.type;
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    try {
      return await this.counted(`${this.baseUrl}${path}${buildQuery(options.query)}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : raw ? (options.body as BodyInit) : JSON.stringify(options.body),
        signal: options.signal,
        // The refresh cookie goes with requests to /api/auth (it is HttpOnly: only the browser handles it).
        credentials: 'same-origin',
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw ApiError.network(error);
    }
  }

  private async errorFrom(response: Response): Promise<ApiError> {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return ApiError.fromBody(response.status, body);
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
