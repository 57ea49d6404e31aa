import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AuthUser } from '../src/auth/auth-user';
import { ChannelAccessRegistry, type ChannelAccess } from '../src/realtime/channel-access.registry';
import { ChannelsService } from '../src/realtime/channels.service';
import type { MessageView } from '../src/realtime/dto/views';
import { RealtimeSettings } from '../src/realtime/realtime.settings';
import { TestContext, TestUser } from './support/context';
import { ack, cid, type ClientSocket, connect, ok, sleep } from './support/sockets';

type Sent = { message: MessageView };
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/**
 * message:send reuses a successful post check for a moment (RealtimeSettings.postCheckReuseMs), so that a busy
 * discussion does not ask the database who may post before every message. Whatever changes rights must forget it at
 * once: evictions, audited changes of the roundtable (a participant made observer), and the same on other processes.
 */
describe('realtime: post checks reused between sends, forgotten as soon as rights change', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  const sockets: ClientSocket[] = [];

  const open = async (user: TestUser, on = url) => {
    const socket = await connect(on, user.token);
    sockets.push(socket);
    return socket;
  };
  const send = (socket: ClientSocket, channelId: string, body: string) => ack<Sent>(socket, 'message:send', { channelId, clientMessageId: cid(), body });
  const roundtableWith = async (...participants: TestUser[]) => {
    const rt = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({ title: { en: 'Skills for the solar park' }, startsAt: at(DAY), endsAt: at(DAY + 3_600_000), visibility: 'participants' })
        .expect(201)
    ).body;
    for (const p of participants) {
      await ctx.http.post(`/api/roundtables/${rt.id}/participants`).set(facilitator.auth).send({ userId: p.id, role: 'participant' }).expect(201);
    }
    const channels = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${rt.id}`).set(facilitator.auth).expect(200)).body.items;
    return { id: rt.id as string, channelId: channels[0].id as string };
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
    alice = await ctx.newUser({ role: 'member', constituency: 'workers' });
    bob = await ctx.newUser({ role: 'member', constituency: 'employers' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => ctx.close());

  it('asks the resolver once for a run of sends, and at every send when reuse is off', async () => {
    const rt = await roundtableWith(alice);
    const registry = ctx.app.get(ChannelAccessRegistry);
    const resolve = jest.spyOn(registry, 'resolve');
    try {
      const a = await open(alice);
      for (let i = 0; i < 3; i++) ok(await send(a, rt.channelId, `reused ${i}`));
      expect(resolve.mock.calls.filter(([user]) => user.id === alice.id)).toHaveLength(1);

      const settings = ctx.app.get(RealtimeSettings);
      const saved = settings.postCheckReuseMs;
      settings.postCheckReuseMs = 0;
      try {
        resolve.mockClear();
        for (let i = 0; i < 3; i++) ok(await send(a, rt.channelId, `checked ${i}`));
        expect(resolve.mock.calls.filter(([user]) => user.id === alice.id)).toHaveLength(3);
      } finally {
        settings.postCheckReuseMs = saved;
      }
    } finally {
      resolve.mockRestore();
    }
  });

  it('a participant made observer (audited, not evicted) cannot post the very next time, though they just did', async () => {
    const rt = await roundtableWith(alice);
    const a = await open(alice);
    ok(await ack(a, 'channel:join', { channelId: rt.channelId }));
    ok(await send(a, rt.channelId, 'as a participant'));
    await ctx.http.patch(`/api/roundtables/${rt.id}/participants/${alice.id}`).set(facilitator.auth).send({ role: 'observer' }).expect(200);
    expect(await send(a, rt.channelId, 'as an observer')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ctx.count('messages', 'channel_id = $1 AND author_id = $2', [rt.channelId, alice.id])).toBe(1);
  });

  it('a participant removed (audited and evicted) cannot post the very next time, though they just did', async () => {
    const rt = await roundtableWith(bob);
    const b = await open(bob);
    ok(await ack(b, 'channel:join', { channelId: rt.channelId }));
    ok(await send(b, rt.channelId, 'still in'));
    await ctx.http.delete(`/api/roundtables/${rt.id}/participants/${bob.id}`).set(facilitator.auth).expect(204);
    expect(await send(b, rt.channelId, 'after removal')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ctx.count('messages', 'channel_id = $1 AND author_id = $2', [rt.channelId, bob.id])).toBe(1);
  });

  it('channel:join checks access once, and a removal landing between that check and the join still locks out', async () => {
    const rt = await roundtableWith(alice, bob);
    const registry = ctx.app.get(ChannelAccessRegistry);
    const resolve = jest.spyOn(registry, 'resolve');
    try {
      const b = await open(bob);
      ok(await ack(b, 'channel:join', { channelId: rt.channelId }));
      expect(resolve.mock.calls.filter(([user]) => user.id === bob.id)).toHaveLength(1);

      // Alice's check says yes; she is removed (committed, audited, evicted) before her connection is in the room.
      const original = ChannelAccessRegistry.prototype.resolve.bind(registry);
      resolve.mockImplementation(async (...args) => {
        const access = await original(...args);
        if (args[0].id === alice.id) {
          resolve.mockImplementation(original);
          await ctx.http.delete(`/api/roundtables/${rt.id}/participants/${alice.id}`).set(facilitator.auth).expect(204);
        }
        return access;
      });
      const a = await open(alice);
      const heard: unknown[] = [];
      a.on('message:new', (event) => heard.push(event));
      expect(await ack(a, 'channel:join', { channelId: rt.channelId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      ok(await send(b, rt.channelId, 'after the removal'));
      await sleep(300);
      expect(heard).toEqual([]);
    } finally {
      resolve.mockRestore();
    }
  });

  it('an eviction on one app process makes the others forget too', async () => {
    const other = await TestContext.create({ jwtSecret: ctx.config.jwtSecret });
    try {
      await other.app.listen(0);
      const otherUrl = `http://127.0.0.1:${(other.app.getHttpServer().address() as AddressInfo).port}`;
      // On the other process, working-group access follows a rule this test controls (and changes without telling).
      const allowed = new Set([alice.id]);
      const restore = other.app
        .get(ChannelAccessRegistry)
        .register('working_group', (user: AuthUser): Promise<ChannelAccess | null> =>
          Promise.resolve(allowed.has(user.id) ? { read: true, post: true } : null),
        );
      try {
        const refId = randomUUID();
        const channelId = (await other.app.get(ChannelsService).ensureChannel('working_group', refId)).id;
        const a = await open(alice, otherUrl);
        ok(await send(a, channelId, 'first'));
        allowed.delete(alice.id);
        // Unannounced, the change waits for the reuse to run out…
        ok(await send(a, channelId, 'reused check'));
        // …but an eviction anywhere reaches this process.
        await ctx.app.get(ChannelsService).evict(alice.id, { kind: 'working_group', refId });
        let answer: Awaited<ReturnType<typeof send>> | undefined;
        for (let i = 0; i < 40; i++) {
          answer = await send(a, channelId, `after the eviction ${i}`);
          if (!answer.ok) break;
          await sleep(50);
        }
        expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
      } finally {
        restore();
      }
    } finally {
      for (const s of sockets.splice(0)) s.close();
      await other.close();
    }
  });
});
