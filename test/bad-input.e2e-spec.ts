import type { AddressInfo } from 'node:net';
import { TestContext, type TestUser, uniqueIp } from './support/context';
import { ack, type ClientSocket, connect } from './support/sockets';

/** Bad input answers 400 naming the field (a socket: `{ ok: false }` naming it), and changes nothing. */
describe('bad input is refused by name, never a 500', () => {
  let ctx: TestContext;
  let url: string;
  let admin: TestUser;
  let member: TestUser;
  let socket: ClientSocket | undefined;

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    member = await ctx.newUser({ role: 'member', constituency: 'workers' });
  });
  afterAll(async () => {
    socket?.close();
    await ctx.close();
  });

  // Each field once (a field can break several of its rules).
  const fields = (body: { details: { field: string }[] }) => [...new Set(body.details.map((d) => d.field))];
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    [{ displayName: null }, 'displayName'],
    [{ locale: null }, 'locale'],
  ])('PATCH /api/auth/me %j: 400 naming the field, nothing changed', async (body, field) => {
    const res = await ctx.http.patch('/api/auth/me').set(member.auth).send(body).expect(400);
    expect(fields(res.body)).toEqual([field]);
    const [row] = await ctx.db.query(`SELECT display_name, locale FROM users WHERE id = $1`, [member.id]);
    expect(row.display_name).toBe(member.displayName);
  });

  it('PATCH /api/users/:id {"active":null}: 400 naming active; the user stays active', async () => {
    const res = await ctx.http.patch(`/api/users/${member.id}`).set(admin.auth).send({ active: null }).expect(400);
    expect(fields(res.body)).toEqual(['active']);
    expect(await ctx.count('users', 'id = $1 AND active', [member.id])).toBe(1);
  });

  it('PATCH /api/action-items/:id {"progress":null}: 400 naming progress', async () => {
    const res = await ctx.http.patch(`/api/action-items/00000000-0000-4000-8000-000000000000`).set(admin.auth).send({ progress: null }).expect(400);
    expect(fields(res.body)).toEqual(['progress']);
  });

  it.each([
    ['/api/roundtables', { s: '1', id: '00000000-0000-4000-8000-000000000000' }],
    ['/api/roundtables', { s: '2025-02-31T00:00:00.000000Z', id: '00000000-0000-4000-8000-000000000000' }],
    ['/api/working-groups', { c: 12, id: '00000000-0000-4000-8000-000000000000' }],
    ['/api/notifications', { at: 0, id: '00000000-0000-4000-8000-000000000000' }],
    ['/api/activity', { id: '99999999999999999999999' }],
    ['/api/observations', { id: { $gt: '' } }],
    ['/api/channels', { id: 1 }],
  ])('a crafted cursor on %s (%j): 400 naming cursor', async (path, cursor) => {
    const res = await ctx.http
      .get(`${path}?cursor=${cursorOf(cursor)}`)
      .set(admin.auth)
      .expect(400);
    expect(fields(res.body)).toEqual(['cursor']);
  });

  it('numbers beyond bigint in afterSeq / beforeSeq: 400 naming them', async () => {
    const lobby = (await ctx.http.get('/api/channels?kind=lobby').set(member.auth).expect(200)).body.items[0].id as string;
    const after = await ctx.http.get(`/api/channels/${lobby}/messages?afterSeq=99999999999999999999999`).set(member.auth).expect(400);
    expect(fields(after.body)).toEqual(['afterSeq']);
    const before = await ctx.http.get(`/api/channels/${lobby}/messages?beforeSeq=1e30`).set(member.auth).expect(400);
    expect(fields(before.body)).toEqual(['beforeSeq']);
    socket = await connect(url, member.token);
    const sync = await ack(socket, 'channel:sync', { channelId: lobby, afterSeq: 1e30 });
    expect(sync).toMatchObject({ ok: false, error: { code: 'validation', details: [{ field: 'afterSeq' }] } });
  });

  it('a NUL character in a query, a body string, a jsonb text or a socket payload: 400 naming the field', async () => {
    const query = await ctx.http.get('/api/observations?indicatorId=%00').set(admin.auth).expect(400);
    expect(fields(query.body)).toEqual(['indicatorId']);
    const before = await ctx.count('organizations');
    const jsonb = await ctx.http
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: { en: 'a\u0000b' }, constituency: 'workers' })
      .expect(400);
    expect(fields(jsonb.body)).toEqual(['name.en']);
    const text = await ctx.http
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: { en: 'Fine' }, constituency: 'workers', region: 'x\u0000' })
      .expect(400);
    expect(fields(text.body)).toEqual(['region']);
    expect(await ctx.count('organizations')).toBe(before);
    socket ??= await connect(url, member.token);
    const lobby = (await ctx.http.get('/api/channels?kind=lobby').set(member.auth).expect(200)).body.items[0].id as string;
    const messages = await ctx.count('messages');
    const send = await ack(socket, 'message:send', { channelId: lobby, clientMessageId: 'nul-1', body: 'hello\u0000' });
    expect(send).toMatchObject({ ok: false, error: { code: 'validation', details: [{ field: 'body' }] } });
    expect(await ctx.count('messages')).toBe(messages);
  });

  it.each([
    ['/api/auth/login', {}],
    ['/api/auth/refresh', {}],
    ['/api/invitations/abcdefghijklmnopqrstuvwxyz/accept', {}],
  ])('JSON nested 10,000 levels on %s (no sign-in needed): 400 naming the field', async (path) => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await ctx.http
      .post(path)
      .set('X-Forwarded-For', uniqueIp())
      .set('Content-Type', 'application/json')
      .send(`{"refreshToken":${deep}}`)
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ field: 'refreshToken' }] });
  });

  it('malformed JSON: 400 in the error shape naming the body; oversized: 413', async () => {
    const malformed = await ctx.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ field: 'body' }] });
    const big = await ctx.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(big.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'The request body must be at most 1 MB', details: [] });
  });

  it('an oversized body still being sent gets its 413, not a broken connection', async () => {
    // Sent in 64 KB pieces as a slow client would: the answer is known from Content-Length before the body is read.
    const piece = new TextEncoder().encode('x'.repeat(64 * 1024));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(piece);
        controller.close();
      },
    });
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(20 * piece.length), 'X-Forwarded-For': uniqueIp() },
      body,
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ statusCode: 413, message: 'The request body must be at most 1 MB' });
  });

  it.each(['null', '3', '"text"', 'true'])('a JSON body that is not an object or a list (%s): 400 naming the body, nothing changed', async (json) => {
    const before = await ctx.count('roundtables');
    const res = await ctx.http.post('/api/roundtables').set(admin.auth).set('Content-Type', 'application/json').send(json).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ field: 'body' }] });
    expect(await ctx.count('roundtables')).toBe(before);
  });

  it('optional text cannot be set to null (it is cleared with {})', async () => {
    const res = await ctx.http.patch(`/api/roundtables/00000000-0000-4000-8000-000000000000`).set(admin.auth).send({ description: null }).expect(400);
    expect(fields(res.body)).toEqual(['description']);
  });
});
