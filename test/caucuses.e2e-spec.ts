import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TestContext, type TestUser } from './support/context';
import { ack, type ClientSocket, connect, next, ok } from './support/sockets';

type Caucus = { id: string; constituency: string; channelId: string | null; statement: { en?: string } | null; publishedBy: { id: string } | null };

describe('caucuses: each group’s private channel, and its statement in the plenary record', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let admin: TestUser;
  let worker1: TestUser;
  let worker2: TestUser;
  let employer: TestUser;
  let roundtableId: string;
  const sockets: ClientSocket[] = [];
  const open = async (user: TestUser) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return socket;
  };
  const caucuses = async (user: TestUser) =>
    (await ctx.http.get(`/api/roundtables/${roundtableId}/caucuses`).set(user.auth).expect(200)).body.items as Caucus[];

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    const union = await ctx.newOrganization('workers');
    worker1 = await ctx.newUser({ organizationId: union.id });
    worker2 = await ctx.newUser({ organizationId: union.id });
    employer = await ctx.newUser({ constituency: 'employers' });
    roundtableId = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({ title: { en: 'Plenary' }, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T17:00:00+08:00', visibility: 'platform' })
        .expect(201)
    ).body.id;
    for (const user of [worker1, worker2, employer]) {
      await ctx.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: user.id }).expect(201);
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await ctx.close();
  });

  it('the workers’ caucus channel is for the workers’ participants only: 404 to the other groups, facilitators and admins', async () => {
    const mine = await caucuses(worker1);
    expect(mine.map((c) => c.constituency)).toEqual(['government', 'employers', 'workers']);
    const workers = mine.find((c) => c.constituency === 'workers')!;
    expect(workers.channelId).toEqual(expect.any(String));
    expect(mine.filter((c) => c.constituency !== 'workers').every((c) => c.channelId === null)).toBe(true);
    const channelId = workers.channelId!;
    expect((await caucuses(employer)).find((c) => c.constituency === 'workers')!.channelId).toBeNull();
    expect((await caucuses(employer)).find((c) => c.constituency === 'employers')!.channelId).toEqual(expect.any(String));

    for (const outsider of [employer, facilitator, admin]) {
      await ctx.http.get(`/api/channels/${channelId}`).set(outsider.auth).expect(404);
      await ctx.http.get(`/api/channels/${channelId}/messages`).set(outsider.auth).expect(404);
      const socket = await open(outsider);
      expect(await ack(socket, 'channel:join', { channelId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ack(socket, 'message:send', { channelId, clientMessageId: randomUUID(), body: 'let me in' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
    // The workers talk among themselves.
    const [a, b] = await Promise.all([open(worker1), open(worker2)]);
    ok(await ack(a, 'channel:join', { channelId }));
    ok(await ack(b, 'channel:join', { channelId }));
    const heard = next<{ message: { body: string } }>(b, 'message:new');
    ok(await ack(a, 'message:send', { channelId, clientMessageId: randomUUID(), body: 'We accept if night shifts are covered' }));
    expect((await heard).message.body).toBe('We accept if night shifts are covered');
    expect(await ctx.count('messages', 'channel_id = $1', [channelId])).toBe(1);
  });

  it('a caucus publishes its agreed statement into the plenary record; only its own members may', async () => {
    await ctx.http
      .put(`/api/roundtables/${roundtableId}/caucuses/workers/statement`)
      .set(employer.auth)
      .send({ statement: { en: 'Forged' } })
      .expect(403);
    await ctx.http
      .put(`/api/roundtables/${roundtableId}/caucuses/unions/statement`)
      .set(worker1.auth)
      .send({ statement: { en: 'x' } })
      .expect(400);
    const published = (
      await ctx.http
        .put(`/api/roundtables/${roundtableId}/caucuses/workers/statement`)
        .set(worker2.auth)
        .send({ statement: { en: 'The workers support the fund if night shifts are covered.' } })
        .expect(200)
    ).body as Caucus;
    expect(published).toMatchObject({
      constituency: 'workers',
      statement: { en: 'The workers support the fund if night shifts are covered.' },
      publishedBy: { id: worker2.id },
    });
    // Every reader of the roundtable sees it as the workers' statement.
    const seen = (await caucuses(employer)).find((c) => c.constituency === 'workers')!;
    expect(seen).toMatchObject({ statement: { en: 'The workers support the fund if night shifts are covered.' }, channelId: null });
    const history = (await ctx.http.get(`/api/roundtables/${roundtableId}/history`).set(facilitator.auth).expect(200)).body.items;
    expect(history[0]).toMatchObject({ action: 'roundtable.caucus_statement_published', changes: { constituency: 'workers' } });
  });
});
