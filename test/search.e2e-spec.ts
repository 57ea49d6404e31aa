import type { AddressInfo } from 'node:net';
import type { MessageView } from '../src/realtime/dto/views';
import type { SearchHitView, SearchPage } from '../src/search/dto/search.dto';
import { TestContext, TestUser } from './support/context';
import { ack, cid, type ClientSocket, connect, ok } from './support/sockets';

/** A word no other test writes, so that totals are exact on the shared test database. */
const tag = `zq${Math.random()
  .toString(36)
  .replace(/[^a-z]/g, '')
  .slice(0, 8)}`;

describe('search (GET /api/search)', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let union: TestUser;
  let outsider: TestUser;
  let hiddenRoundtable: string;
  let hiddenChannel: string;
  let openChannel: string;
  const sockets: ClientSocket[] = [];

  const search = async (user: TestUser, query: Record<string, string | number>): Promise<SearchPage> =>
    (await ctx.http.get('/api/search').query(query).set(user.auth).expect(200)).body as SearchPage;
  const post = async (user: TestUser, channelId: string, body: string): Promise<MessageView> => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return ok(await ack<{ message: MessageView }>(socket, 'message:send', { channelId, clientMessageId: cid(), body })).message;
  };
  const channelOf = async (user: TestUser, refId: string): Promise<string> =>
    (await ctx.http.get(`/api/channels?kind=roundtable&refId=${refId}`).set(user.auth).expect(200)).body.items[0].id;
  const roundtable = async (title: string, visibility: 'platform' | 'participants'): Promise<string> =>
    (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({ title: { en: title }, startsAt: '2031-03-02T01:00:00Z', endsAt: '2031-03-02T09:00:00Z', visibility })
        .expect(201)
    ).body.id;
  const hitText = (hit: SearchHitView) => hit.snippet.map((p) => p.text).join('');
  const marked = (hit: SearchHitView) => hit.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase());

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    union = await ctx.newUser({ role: 'member', constituency: 'workers' });
    outsider = await ctx.newUser({ role: 'member', constituency: 'employers' });

    hiddenRoundtable = await roundtable(`Closed wage talks ${tag}`, 'participants');
    await ctx.http.post(`/api/roundtables/${hiddenRoundtable}/participants`).set(facilitator.auth).send({ userId: union.id, role: 'participant' }).expect(201);
    const openRoundtable = await roundtable(`Open skills forum ${tag}`, 'platform');
    await ctx.http.post(`/api/roundtables/${openRoundtable}/participants`).set(facilitator.auth).send({ userId: union.id, role: 'participant' }).expect(201);
    hiddenChannel = await channelOf(union, hiddenRoundtable);
    openChannel = await channelOf(union, openRoundtable);

    await post(union, hiddenChannel, `The wage guarantee for apprentices ${tag} stays confidential`);
    await post(union, hiddenChannel, `我们讨论安全生产的工资保障 ${tag}`);
    await post(union, openChannel, `Green skills training for ${tag} workers in Suzhou`);
    await post(union, openChannel, `工会要求加强安全培训 ${tag}`);
    await post(facilitator, openChannel, `We agreed on a safety committee for ${tag} parks`);
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.close();
    await ctx.close();
  });

  it('finds the messages and roundtables a person may read, and counts only those', async () => {
    const member = await search(union, { q: tag, limit: 50 });
    expect(member.items.filter((h) => h.kind === 'message')).toHaveLength(5);
    expect(member.items.filter((h) => h.kind === 'roundtable').map((h) => h.id)).toContain(hiddenRoundtable);
    expect(member.total).toBe(7);

    const other = await search(outsider, { q: tag, limit: 50 });
    expect(other.total).toBe(4);
    expect(other.items).toHaveLength(4);
    expect(other.items.some((h) => h.channel?.id === hiddenChannel || h.id === hiddenRoundtable)).toBe(false);
    expect(other.items.map(hitText).join(' ')).not.toMatch(/confidential|工资保障/);
    // Even naming the hidden channel finds nothing, and says so in the total.
    expect(await search(outsider, { q: tag, channelId: hiddenChannel })).toEqual({ items: [], total: 0, totalAtLeast: false, nextCursor: null });
  });

  it('matches English words in any form, with the matched words marked', async () => {
    const page = await search(outsider, { q: `train ${tag}` });
    expect(page.total).toBe(1);
    const [hit] = page.items;
    expect(hit).toMatchObject({ kind: 'message', channel: { id: openChannel, kind: 'roundtable' }, author: { id: union.id } });
    expect(marked(hit)).toContain('training');
    expect(hitText(hit)).toContain('Green skills training');
  });

  it('finds a two-character Chinese word inside longer text', async () => {
    const open = await search(outsider, { q: '安全', channelId: openChannel });
    expect(open.total).toBe(1);
    expect(hitText(open.items[0])).toContain('工会要求加强安全培训');
    expect(marked(open.items[0])).toEqual(['安全']);
    expect((await search(union, { q: '安全', channelId: hiddenChannel })).total).toBe(1);
    expect((await search(outsider, { q: '安全', channelId: hiddenChannel })).total).toBe(0);
    expect((await search(union, { q: '工资', kind: 'message', authorId: union.id, channelId: hiddenChannel })).total).toBe(1);
    // A longer run is found as a run, not as its characters anywhere.
    expect((await search(outsider, { q: '加强安全培训', channelId: openChannel })).total).toBe(1);
    expect((await search(outsider, { q: '培训安全', channelId: openChannel })).total).toBe(0);
  });

  it('matches a quoted phrase only in that order', async () => {
    const phrase = await search(outsider, { q: `"safety committee" ${tag}` });
    expect(phrase.total).toBe(1);
    expect(phrase.items[0].author?.id).toBe(facilitator.id);
    expect((await search(outsider, { q: `"committee safety" ${tag}` })).total).toBe(0);
  });

  it('filters by kind, author and date, and pages with a cursor without repeats', async () => {
    expect((await search(union, { q: tag, kind: 'roundtable' })).total).toBe(2);
    expect((await search(outsider, { q: tag, kind: 'roundtable' })).items.map((h) => h.field)).toEqual(['title']);
    expect((await search(union, { q: tag, authorId: facilitator.id })).total).toBe(1);
    expect((await search(union, { q: tag, kind: 'message', to: '2020-01-01' })).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await search(union, { q: tag, kind: 'message', from: today })).total).toBe(5);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchPage = await search(union, { q: tag, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(7);
      seen.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('never shows a removed message', async () => {
    const removed = await post(union, openChannel, `Retracted remark ${tag} xylophone`);
    expect((await search(outsider, { q: 'xylophone', channelId: openChannel })).total).toBe(1);
    const socket = await connect(url, facilitator.token);
    sockets.push(socket);
    ok(await ack(socket, 'message:delete', { messageId: removed.id, reason: 'Off topic' }));
    expect((await search(outsider, { q: 'xylophone', channelId: openChannel })).total).toBe(0);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const field = async (query: Record<string, string>) =>
      (await ctx.http.get('/api/search').query(query).set(union.auth).expect(400)).body.details.map((d: { field: string }) => d.field);
    expect(await field({})).toContain('q');
    expect(await field({ q: '   ' })).toContain('q');
    expect(await field({ q: 'x', kind: 'everything' })).toContain('kind');
    expect(await field({ q: 'x', limit: '0' })).toContain('limit');
    expect(await field({ q: 'x', from: 'yesterday' })).toContain('from');
    expect(await field({ q: 'x', channelId: 'nope' })).toContain('channelId');
    expect(await field({ q: 'x', cursor: 'garbage' })).toContain('cursor');
    expect(await field({ q: 'x', kind: 'indicator', authorId: union.id })).toContain('authorId');
    await ctx.http.get('/api/search?q=x').expect(401);
  });
  it('counts a word in more than 200 messages as "200+" and shows those newest first; hidden channels never count', async () => {
    // Written straight into the table (as many messages as a busy year holds), each a second older than the last.
    const flood = async (channelId: string, word: string, count: number) => {
      await ctx.db.query(
        `INSERT INTO messages (channel_id, seq, author_id, client_message_id, body, created_at)
         SELECT $1::uuid, c.last_seq + i, $2::uuid, 'flood-' || $1 || '-' || $3 || '-' || i, 'Flood notice ' || $3 || ' number ' || i, now() - (i || ' seconds')::interval
           FROM channels c, generate_series(1, $4) i WHERE c.id = $1::uuid`,
        [channelId, union.id, word, count],
      );
      await ctx.db.query(`UPDATE channels SET last_seq = (SELECT max(seq) FROM messages WHERE channel_id = $1::uuid) WHERE id = $1::uuid`, [channelId]);
    };
    const many = `many${tag.replace(/\W/g, '')}`;
    const few = `few${tag.replace(/\W/g, '')}`;
    await flood(openChannel, many, 201);
    await flood(hiddenChannel, few, 250);
    await flood(openChannel, few, 3);

    const page = await search(outsider, { q: many, kind: 'message', limit: 20 });
    expect(page).toMatchObject({ total: 200, totalAtLeast: true });
    expect(page.items).toHaveLength(20);
    expect(hitText(page.items[0])).toContain(`${many} number 1`);
    const times = page.items.map((h) => h.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const next = await search(outsider, { q: many, kind: 'message', limit: 20, cursor: page.nextCursor! });
    expect(next.items.map((h) => h.id).filter((id) => page.items.some((h) => h.id === id))).toEqual([]);

    // The hidden channel's 250 are neither shown nor counted, even toward the cap.
    expect(await search(outsider, { q: few, kind: 'message' })).toMatchObject({ total: 3, totalAtLeast: false });
    expect(await search(union, { q: few, kind: 'message' })).toMatchObject({ total: 200, totalAtLeast: true });
  });
});
