import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AccessTokenPayload, AuthUser } from '../src/auth/auth-user';
import { ChannelAccessRegistry, type ChannelAccess } from '../src/realtime/channel-access.registry';
import { ChannelsService } from '../src/realtime/channels.service';
import type { ChannelView, MessageView, NotificationView } from '../src/realtime/dto/views';
import { RealtimeSettings } from '../src/realtime/realtime.settings';
import { TestContext, TestUser } from './support/context';
import { ack, cid, type ClientSocket, connect, messagesOf, next, ok, record, sleep } from './support/sockets';

type Joined = { channel: ChannelView; lastSeq: number };
type Sent = { message: MessageView };

describe('realtime: channels, messages and notifications over socket.io', () => {
  let ctx: TestContext;
  let url: string;
  let admin: TestUser;
  let facilitator: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let observer: TestUser;
  let lobbyId: string;
  const sockets: ClientSocket[] = [];

  // Roundtable access as the roundtables module will answer it, simulated: refId → who may do what.
  const roundtables = new Map<string, (user: AuthUser) => ChannelAccess | null>();
  let restoreResolver: () => void;

  const open = async (user: TestUser | string) => {
    const socket = await connect(url, typeof user === 'string' ? user : user.token);
    sockets.push(socket);
    return socket;
  };
  const roundtableChannel = async (rule: (user: AuthUser) => ChannelAccess | null) => {
    const refId = randomUUID();
    roundtables.set(refId, rule);
    return (await ctx.app.get(ChannelsService).ensureChannel('roundtable', refId)).id;
  };
  const members = (...users: TestUser[]) => {
    const ids = new Set(users.map((u) => u.id));
    return { ids, rule: (user: AuthUser) => (ids.has(user.id) || user.role === 'admin' ? { read: true, post: true } : null) };
  };
  const send = (socket: ClientSocket, channelId: string, body: string, clientMessageId = cid()) =>
    ack<Sent>(socket, 'message:send', { channelId, clientMessageId, body });
  const join = (socket: ClientSocket, channelId: string) => ack<Joined>(socket, 'channel:join', { channelId });

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    restoreResolver = ctx.app.get(ChannelAccessRegistry).register('roundtable', (user, refId) => Promise.resolve(roundtables.get(refId)?.(user) ?? null));
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'government' });
    alice = await ctx.newUser({ role: 'member', constituency: 'workers', name: `Alice Zhou ${randomUUID().slice(0, 6)}` });
    bob = await ctx.newUser({ role: 'member', constituency: 'employers', name: `Bob Li ${randomUUID().slice(0, 6)}` });
    observer = await ctx.newUser({ role: 'observer', constituency: 'international' });
    const res = await ctx.http.get('/api/channels?kind=lobby').set(alice.auth).expect(200);
    lobbyId = res.body.items[0].id;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    restoreResolver?.();
    await ctx.close();
  });

  describe('handshake', () => {
    it('refuses a connection without a token, with a bad one, or with an expired one', async () => {
      for (const token of [undefined, 'not-a-jwt', alice.token.slice(0, -4) + 'AAAA']) {
        await expect(connect(url, token)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
      }
      const payload: AccessTokenPayload = { sub: alice.id, role: 'member', org: alice.organizationId };
      const expired = await ctx.app.get(JwtService).signAsync({ ...payload, exp: Math.floor(Date.now() / 1000) - 10 });
      await expect(connect(url, expired)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    });

    it('refuses a deactivated user', async () => {
      const gone = await ctx.newUser({ role: 'member' });
      await ctx.db.query(`UPDATE users SET active = false WHERE id = $1`, [gone.id]);
      await expect(connect(url, gone.token)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    });
  });

  describe('access', () => {
    it('the lobby: everyone reads, an observer may not post (nothing written)', async () => {
      const socket = await open(observer);
      const joined = ok(await join(socket, lobbyId));
      expect(joined.channel).toMatchObject({ id: lobbyId, kind: 'lobby', refId: null, access: { read: true, post: false } });
      const before = await ctx.count('messages');
      const res = await send(socket, lobbyId, 'Observers only read');
      expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ctx.count('messages')).toBe(before);
    });

    it('a hidden channel is not_found to the socket and 404 over REST; a read-only one refuses posts', async () => {
      const hidden = await roundtableChannel(() => null);
      const readOnly = await roundtableChannel(() => ({ read: true, post: false }));
      const socket = await open(alice);
      expect(await join(socket, hidden)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await join(socket, randomUUID())).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await send(socket, hidden, 'hello?')).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ack(socket, 'channel:sync', { channelId: hidden, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      await ctx.http.get(`/api/channels/${hidden}`).set(alice.auth).expect(404);
      await ctx.http.get(`/api/channels/${hidden}/messages`).set(alice.auth).expect(404);

      ok(await join(socket, readOnly));
      expect(await send(socket, readOnly, 'may I?')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ctx.count('messages', 'channel_id = $1', [readOnly])).toBe(0);
    });

    it('lists readable channels and resolves kind + refId to its channel', async () => {
      const { rule } = members(alice);
      const mine = await roundtableChannel(rule);
      const refId = [...roundtables.entries()].find(([, r]) => r === rule)![0];
      const res = await ctx.http.get(`/api/channels?kind=roundtable&refId=${refId}`).set(alice.auth).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ id: mine, kind: 'roundtable', refId, lastSeq: 0 })]);
      expect((await ctx.http.get(`/api/channels?kind=roundtable&refId=${refId}`).set(bob.auth).expect(200)).body.items).toEqual([]);
      const all = await ctx.http.get('/api/channels?limit=200').set(bob.auth).expect(200);
      expect(all.body.items.map((c: ChannelView) => c.id)).toContain(lobbyId);
      expect(all.body.items.map((c: ChannelView) => c.id)).not.toContain(mine);
      await ctx.http.get('/api/channels?kind=meeting').set(bob.auth).expect(400);
    });
  });

  describe('messages', () => {
    it('two clients see each other’s messages, and each is committed before its ack', async () => {
      const channelId = await roundtableChannel(members(alice, bob).rule);
      const [a, b] = [await open(alice), await open(bob)];
      ok(await join(a, channelId));
      ok(await join(b, channelId));
      const atB = record<Sent>(b, 'message:new');
      const atA = record<Sent>(a, 'message:new');

      const sent = ok(await send(a, channelId, 'Green jobs need skills funds <script>alert(1)</script>'));
      expect(await ctx.count('messages', 'id = $1', [sent.message.id])).toBe(1);
      expect(sent.message).toMatchObject({
        channelId,
        seq: 1,
        body: 'Green jobs need skills funds <script>alert(1)</script>',
        parentId: null,
        editedAt: null,
        removed: null,
        mentions: [],
        author: { id: alice.id, displayName: alice.displayName, constituency: 'workers', organization: { id: alice.organizationId } },
      });
      expect(sent.message.author.organization.name.en).toBeTruthy();

      const reply = ok(
        await ack<Sent>(b, 'message:send', {
          channelId,
          clientMessageId: cid(),
          body: '  Agreed, with conditions.\r\nSee annex.  ',
          parentId: sent.message.id,
        }),
      );
      expect(reply.message).toMatchObject({ seq: 2, parentId: sent.message.id, body: 'Agreed, with conditions.\nSee annex.' });
      await sleep(150);
      expect(messagesOf(atB)).toEqual([sent.message]);
      expect(messagesOf(atA)).toEqual([reply.message]);
    });

    it('a burst from several senders reaches every reader once and in seq order, on WebSocket and on HTTP long-polling', async () => {
      const channelId = await roundtableChannel(members(alice, bob, facilitator).rule);
      const a = await open(alice);
      const b = await open(bob);
      const polling = await connect(url, facilitator.token, { transports: ['polling'] });
      const upgrading = await connect(url, facilitator.token, { transports: ['polling', 'websocket'] });
      sockets.push(polling, upgrading);
      for (const s of [a, b, polling, upgrading]) ok(await join(s, channelId));
      const received = new Map([a, b, polling, upgrading].map((s) => [s, record<Sent>(s, 'message:new')]));

      // Sent without waiting for each ack, so that sends and deliveries interleave.
      const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => [send(a, channelId, `from a ${i}`), send(b, channelId, `from b ${i}`)]).flat());
      const sent = acks.map((r) => ok(r).message);
      const seqs = (list: MessageView[]) => list.map((m) => m.seq);
      const expectedFor = (s: ClientSocket) =>
        seqs(sent.filter((m) => (s === a ? m.author.id !== alice.id : s === b ? m.author.id !== bob.id : true))).sort((x, y) => x - y);
      for (let waited = 0; waited < 3_000 && [...received].some(([s, got]) => got.length < expectedFor(s).length); waited += 50) await sleep(50);
      expect(upgrading.io.engine.transport.name).toBe('websocket');
      for (const [s, got] of received) expect(seqs(messagesOf(got))).toEqual(expectedFor(s));
      expect(seqs(sent).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    });

    it('the same clientMessageId from the same author makes one message, answered twice the same, broadcast once', async () => {
      const channelId = await roundtableChannel(members(alice, bob).rule);
      const [a, b] = [await open(alice), await open(bob)];
      ok(await join(a, channelId));
      ok(await join(b, channelId));
      const atB = record<Sent>(b, 'message:new');
      const clientMessageId = cid('dup');
      const [first, second] = await Promise.all([send(a, channelId, 'Once only', clientMessageId), send(a, channelId, 'Once only', clientMessageId)]);
      const third = await send(a, channelId, 'a different body, same id', clientMessageId);
      expect(ok(first).message).toEqual(ok(second).message);
      expect(ok(third).message).toEqual(ok(first).message);
      expect(await ctx.count('messages', 'author_id = $1 AND client_message_id = $2', [alice.id, clientMessageId])).toBe(1);
      const next = ok(await send(a, channelId, 'next one'));
      expect(next.message.seq).toBe(ok(first).message.seq + 1);
      await sleep(150);
      expect(messagesOf(atB).map((m) => m.clientMessageId)).toEqual([clientMessageId, next.message.clientMessageId]);
      // Reusing it in another channel is a client bug, refused rather than answered with the wrong channel.
      expect(await send(a, lobbyId, 'elsewhere', clientMessageId)).toMatchObject({
        ok: false,
        error: { code: 'validation', message: expect.stringContaining('clientMessageId') },
      });
    });

    it('seq stays gapless under 50 concurrent sends from 5 clients', async () => {
      const users = [alice, bob, ...(await Promise.all([1, 2, 3].map(() => ctx.newUser({ role: 'member' }))))];
      const channelId = await roundtableChannel(members(...users).rule);
      const clients = await Promise.all(users.map((u) => open(u)));
      await Promise.all(clients.map((c) => join(c, channelId)));
      const acks = await Promise.all(clients.flatMap((c, i) => Array.from({ length: 10 }, (_, j) => send(c, channelId, `client ${i} message ${j}`))));
      const seqs = acks.map((a) => ok(a).message.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const rows: { seq: string }[] = await ctx.db.query(`SELECT seq FROM messages WHERE channel_id = $1 ORDER BY seq`, [channelId]);
      expect(rows.map((r) => Number(r.seq))).toEqual(seqs);
      const [channel] = await ctx.db.query(`SELECT last_seq FROM channels WHERE id = $1`, [channelId]);
      expect(Number(channel.last_seq)).toBe(50);
    });

    it('channel:sync after a disconnect returns exactly what was missed, in pages', async () => {
      const channelId = await roundtableChannel(members(alice, bob).rule);
      const a = await open(alice);
      let b = await open(bob);
      ok(await join(a, channelId));
      const seen = ok(await join(b, channelId)).lastSeq;
      ok(await send(a, channelId, 'before'));
      const lastSeen = (await next<Sent>(b, 'message:new')).message.seq;
      expect(lastSeen).toBe(seen + 1);
      b.close();
      const missed = [];
      for (let i = 0; i < 5; i++) missed.push(ok(await send(a, channelId, `while you were away ${i}`)).message);

      b = await open(bob);
      const joined = ok(await join(b, channelId));
      expect(joined.lastSeq).toBe(lastSeen + 5);
      const synced = ok(await ack<{ messages: MessageView[]; hasMore: boolean }>(b, 'channel:sync', { channelId, afterSeq: lastSeen }));
      expect(synced.messages).toEqual(missed);
      expect(synced.hasMore).toBe(false);
      const page = ok(await ack<{ messages: MessageView[]; hasMore: boolean }>(b, 'channel:sync', { channelId, afterSeq: lastSeen, limit: 2 }));
      expect(page.messages.map((m) => m.seq)).toEqual([lastSeen + 1, lastSeen + 2]);
      expect(page.hasMore).toBe(true);
    });

    it('rights are re-checked at every send, and evict cuts a user off at once', async () => {
      const group = members(alice, bob);
      const channelId = await roundtableChannel(group.rule);
      const [a, b] = [await open(alice), await open(bob)];
      ok(await join(a, channelId));
      ok(await join(b, channelId));

      // Removed from the roundtable: the very next send is refused, even before any eviction.
      group.ids.delete(bob.id);
      expect(await send(b, channelId, 'still here?')).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const atB = record<Sent>(b, 'message:new');
      const evicted = next<{ channelId: string }>(b, 'channel:evicted');
      await ctx.app.get(ChannelsService).evict(bob.id, channelId);
      expect(await evicted).toEqual({ channelId });
      const c = await open(alice);
      ok(await join(c, channelId));
      ok(await send(a, channelId, 'after the eviction'));
      await next(c, 'message:new');
      await sleep(100);
      expect(atB).toEqual([]);
      expect(await join(b, channelId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ack(b, 'channel:sync', { channelId, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ctx.count('messages', 'channel_id = $1 AND author_id = $2', [channelId, bob.id])).toBe(0);
    });

    it('a listener whose access is withdrawn without an eviction leaves the room at the next re-check', async () => {
      const settings = ctx.app.get(RealtimeSettings);
      const saved = settings.accessRecheckMs;
      settings.accessRecheckMs = 200;
      try {
        const group = members(alice, bob);
        const channelId = await roundtableChannel(group.rule);
        const [a, b] = [await open(alice), await open(bob)];
        ok(await join(a, channelId));
        ok(await join(b, channelId));
        const evicted = next<{ channelId: string }>(b, 'channel:evicted', undefined, 2_000);
        group.ids.delete(bob.id);
        expect(await evicted).toEqual({ channelId });
        const atB = record<Sent>(b, 'message:new');
        const c = await open(alice);
        ok(await join(c, channelId));
        ok(await send(a, channelId, 'only for those still in'));
        await next(c, 'message:new');
        await sleep(100);
        expect(atB).toEqual([]);
      } finally {
        settings.accessRecheckMs = saved;
      }
    });

    it('refuses bad payloads with code validation naming the field, and writes nothing', async () => {
      const socket = await open(alice);
      ok(await join(socket, lobbyId));
      const before = await ctx.count('messages');
      const cases: [unknown, string][] = [
        [{ channelId: lobbyId, clientMessageId: cid() }, 'body'],
        [{ channelId: lobbyId, clientMessageId: cid(), body: '   ' }, 'body'],
        [{ channelId: lobbyId, clientMessageId: cid(), body: 'x'.repeat(4001) }, 'body'],
        [{ channelId: lobbyId, clientMessageId: cid(), body: 'nul\u0000byte' }, 'body'],
        [{ channelId: lobbyId, clientMessageId: cid(), body: 42 }, 'body'],
        [{ channelId: 'lobby', clientMessageId: cid(), body: 'hi' }, 'channelId'],
        [{ channelId: lobbyId, clientMessageId: 'has spaces', body: 'hi' }, 'clientMessageId'],
        [{ channelId: lobbyId, body: 'hi' }, 'clientMessageId'],
        [{ channelId: lobbyId, clientMessageId: cid(), body: 'hi', parentId: 'nope' }, 'parentId'],
        [{ channelId: lobbyId, clientMessageId: cid(), body: 'hi', parentId: randomUUID() }, 'parentId'],
        [{ channelId: lobbyId, clientMessageId: cid(), body: 'hi', html: '<b>' }, 'html'],
        ['just a string', 'payload'],
        [[lobbyId], 'payload'],
      ];
      for (const [payload, field] of cases) {
        const res = await ack(socket, 'message:send', payload);
        expect(res).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining(field) } });
      }
      expect(await ack(socket, 'message:send')).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(await ack(socket, 'channel:sync', { channelId: lobbyId, afterSeq: -1 })).toMatchObject({
        ok: false,
        error: { code: 'validation', message: expect.stringContaining('afterSeq') },
      });
      expect(await ack(socket, 'channel:join', { channel: lobbyId })).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(await ack(socket, 'message:delete', { messageId: randomUUID(), reason: 42 })).toMatchObject({
        ok: false,
        error: { code: 'validation', message: expect.stringContaining('reason') },
      });
      expect(await ack(socket, 'message:delete', { messageId: 'not-a-uuid' })).toMatchObject({
        ok: false,
        error: { code: 'validation', message: expect.stringContaining('messageId') },
      });
      expect(await ctx.count('messages')).toBe(before);
    });

    it('the author edits, keeping the previous text as a revision; nobody else may', async () => {
      const channelId = await roundtableChannel(members(alice, bob).rule);
      const [a, b] = [await open(alice), await open(bob)];
      ok(await join(a, channelId));
      ok(await join(b, channelId));
      const sent = ok(await send(a, channelId, 'Target: 30% green jobs by 2025')).message;
      const updated = next<Sent>(b, 'message:updated');
      const edited = ok(await ack<Sent>(a, 'message:edit', { messageId: sent.id, body: 'Target: 35% green jobs by 2025' })).message;
      expect(edited).toMatchObject({ id: sent.id, seq: sent.seq, body: 'Target: 35% green jobs by 2025', editedAt: expect.any(String) });
      expect((await updated).message).toEqual(edited);
      const revisions = await ctx.db.query(`SELECT body, editor_id FROM message_revisions WHERE message_id = $1`, [sent.id]);
      expect(revisions).toEqual([{ body: 'Target: 30% green jobs by 2025', editor_id: alice.id }]);
      // Readers see the earlier text; those who may not read the channel find nothing; bad ids are named.
      const route = `/api/channels/${channelId}/messages/${sent.id}/revisions`;
      const read = await ctx.http.get(route).set(bob.auth).expect(200);
      expect(read.body).toEqual({
        items: [{ body: 'Target: 30% green jobs by 2025', replacedAt: expect.any(String), editor: { id: alice.id, displayName: alice.displayName } }],
      });
      await ctx.http.get(route).set(observer.auth).expect(404);
      const bad = await ctx.http.get(`/api/channels/${channelId}/messages/nope/revisions`).set(bob.auth).expect(400);
      expect(JSON.stringify(bad.body)).toContain('messageId');
      await ctx.http.get(`/api/channels/${channelId}/messages/${randomUUID()}/revisions`).set(bob.auth).expect(404);
      expect(await ack(b, 'message:edit', { messageId: sent.id, body: 'hijacked' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ack(a, 'message:edit', { messageId: sent.id, body: '' })).toMatchObject({ ok: false, error: { code: 'validation' } });
      const [row] = await ctx.db.query(`SELECT body FROM messages WHERE id = $1`, [sent.id]);
      expect(row.body).toBe('Target: 35% green jobs by 2025');
    });

    it('a facilitator removes a message with a reason (kept in the record, audited); a member may not', async () => {
      const group = members(alice, bob);
      const channelId = await roundtableChannel((user) => (user.role === 'facilitator' ? { read: true, post: true } : group.rule(user)));
      const [a, b, f] = [await open(alice), await open(bob), await open(facilitator)];
      for (const s of [a, b, f]) ok(await join(s, channelId));
      const sent = ok(await send(a, channelId, 'An insult to the employers')).message;
      expect(await ack(b, 'message:delete', { messageId: sent.id, reason: 'I disagree' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const deleted = next<Sent>(b, 'message:deleted');
      const removed = ok(await ack<Sent>(f, 'message:delete', { messageId: sent.id, reason: 'Breaks the code of conduct' })).message;
      expect(removed).toMatchObject({
        id: sent.id,
        body: null,
        removed: { at: expect.any(String), by: { id: facilitator.id }, reason: 'Breaks the code of conduct' },
      });
      expect((await deleted).message).toEqual(removed);
      const [row] = await ctx.db.query(`SELECT body, removal_reason FROM messages WHERE id = $1`, [sent.id]);
      expect(row).toEqual({ body: 'An insult to the employers', removal_reason: 'Breaks the code of conduct' });
      expect(await ctx.count('activity', "action = 'message.removed' AND entity_id = $1 AND actor_id = $2", [sent.id, facilitator.id])).toBe(1);
      const history = await ctx.http.get(`/api/channels/${channelId}/messages`).set(bob.auth).expect(200);
      expect(history.body.items[0]).toMatchObject({ id: sent.id, body: null, removed: { reason: 'Breaks the code of conduct' } });
      // A removed message's earlier texts are for moderators only.
      await ctx.http.get(`/api/channels/${channelId}/messages/${sent.id}/revisions`).set(bob.auth).expect(404);
      await ctx.http.get(`/api/channels/${channelId}/messages/${sent.id}/revisions`).set(facilitator.auth).expect(200);
      expect(await ack(a, 'message:edit', { messageId: sent.id, body: 'sorry' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('relays typing and presence to the others in the room', async () => {
      const channelId = await roundtableChannel(members(alice, bob).rule);
      const b = await open(bob);
      ok(await join(b, channelId));
      const a = await open(alice);
      const joined = next<{ channelId: string; user: { id: string }; status: string }>(b, 'presence');
      // Who was there already comes with the join; those who come later arrive as presence events.
      expect(ok(await join(a, channelId))).toMatchObject({ present: [{ user: { id: bob.id, displayName: bob.displayName }, connections: 1 }] });
      expect(await joined).toEqual({ channelId, user: { id: alice.id, displayName: alice.displayName }, status: 'joined' });
      const typing = next<{ channelId: string; user: { id: string } }>(b, 'typing');
      a.emit('typing', { channelId });
      expect(await typing).toEqual({ channelId, user: { id: alice.id, displayName: alice.displayName } });
      const left = next<{ status: string }>(b, 'presence');
      a.close();
      expect(await left).toMatchObject({ status: 'left', user: { id: alice.id } });
      const o = await open(observer);
      ok(await join(o, lobbyId));
      expect(await ack(o, 'typing', { channelId: lobbyId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('applies a change of role to a live connection (a member made observer can no longer post)', async () => {
      const settings = ctx.app.get(RealtimeSettings);
      const saved = settings.userRefreshMs;
      const demoted = await ctx.newUser({ role: 'member' });
      const socket = await open(demoted);
      ok(await send(socket, lobbyId, 'while still a member'));
      await ctx.db.query(`UPDATE users SET role = 'observer' WHERE id = $1`, [demoted.id]);
      settings.userRefreshMs = 0;
      try {
        expect(await send(socket, lobbyId, 'after the change')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        await ctx.db.query(`UPDATE users SET active = false WHERE id = $1`, [demoted.id]);
        expect(await send(socket, lobbyId, 'after deactivation')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      } finally {
        settings.userRefreshMs = saved;
      }
      expect(await ctx.count('messages', 'author_id = $1', [demoted.id])).toBe(1);
    });

    it('applies changes made through the API to a live connection at once: organization, role, deactivation', async () => {
      const organization = await ctx.newOrganization('workers');
      const changed = await ctx.newUser({ role: 'member', organizationId: organization.id });
      const socket = await open(changed);
      ok(await send(socket, lobbyId, 'before the changes'));

      const name = { en: `Renamed union ${cid()}`, zh: '改名的工会' };
      await ctx.http.patch(`/api/organizations/${organization.id}`).set(admin.auth).send({ name }).expect(200);
      const afterRename = ok(await send(socket, lobbyId, 'after the rename'));
      expect(afterRename.message.author.organization.name).toEqual(name);

      await ctx.http.patch(`/api/users/${changed.id}`).set(admin.auth).send({ role: 'observer' }).expect(200);
      expect(await send(socket, lobbyId, 'as an observer')).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const disconnected = next(socket, 'disconnect');
      await ctx.http.patch(`/api/users/${changed.id}`).set(admin.auth).send({ active: false }).expect(200);
      await disconnected; // without sending anything: the deactivation itself cuts the connection
      expect(await ctx.count('messages', 'author_id = $1', [changed.id])).toBe(2);
    });

    it('limits the rate of writes per socket', async () => {
      const settings = ctx.app.get(RealtimeSettings);
      const saved = { burst: settings.writeBurst, rate: settings.writesPerSecond };
      Object.assign(settings, { writeBurst: 3, writesPerSecond: 0.01 });
      try {
        const socket = await open(alice);
        const results = [];
        for (let i = 0; i < 4; i++) results.push(await send(socket, lobbyId, `burst ${i}`));
        expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
        expect(results[3]).toMatchObject({ error: { code: 'rate_limited' } });
      } finally {
        Object.assign(settings, { writeBurst: saved.burst, writesPerSecond: saved.rate });
      }
    });
  });

  describe('mentions and notifications', () => {
    it('a mention of someone who can read the channel stores a notification and pushes it live', async () => {
      const stranger = await ctx.newUser({ role: 'member', name: `Chen Jing ${randomUUID().slice(0, 6)}` });
      const channelId = await roundtableChannel(members(alice, bob).rule);
      const [a, b, s] = [await open(alice), await open(bob), await open(stranger)];
      ok(await join(a, channelId));
      const live = next<{ notification: NotificationView }>(b, 'notification');
      const strangerHeard = record(s, 'notification');
      const sent = ok(await send(a, channelId, `@${bob.displayName} and @${stranger.displayName}: can employers co-fund the training?`)).message;
      expect(sent.mentions).toEqual([bob.id]);
      const { notification } = await live;
      expect(notification).toMatchObject({
        kind: 'mention',
        readAt: null,
        payload: { channelId, messageId: sent.id, seq: sent.seq, author: { id: alice.id } },
      });
      expect(await ctx.count('notifications', 'user_id = $1', [stranger.id])).toBe(0);
      await sleep(100);
      expect(strangerHeard).toEqual([]);

      const listed = await ctx.http.get('/api/notifications?unread=true').set(bob.auth).expect(200);
      expect(listed.body).toMatchObject({ unreadCount: 1, items: [{ id: notification.id, kind: 'mention' }] });
      await ctx.http
        .post('/api/notifications/read')
        .set(bob.auth)
        .send({ ids: ['not-a-uuid'] })
        .expect(400);
      await ctx.http
        .post('/api/notifications/read')
        .set(alice.auth)
        .send({ ids: [notification.id] })
        .expect(200);
      expect((await ctx.http.get('/api/notifications?unread=true').set(bob.auth).expect(200)).body.unreadCount).toBe(1);
      const read = await ctx.http.post('/api/notifications/read').set(bob.auth).send({}).expect(200);
      expect(read.body).toEqual({ unreadCount: 0 });
      const all = await ctx.http.get('/api/notifications').set(bob.auth).expect(200);
      expect(all.body.items[0]).toMatchObject({ id: notification.id, readAt: expect.any(String) });
    });

    it('pages through notifications newest first, with the unread ones alone on request, none skipped or repeated', async () => {
      const reader = await ctx.newUser({ role: 'member' });
      // Five at the same instant (the cursor's id breaks the tie) and two later; the first two are read.
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const [{ id }] = await ctx.db.query(
          `INSERT INTO notifications (user_id, kind, payload, read_at, created_at)
           VALUES ($1, 'mention', $2, CASE WHEN $3 < 2 THEN now() END, timestamptz '2026-12-01 08:00:00+00' + make_interval(secs => greatest($3 - 4, 0)))
           RETURNING id`,
          [reader.id, JSON.stringify({ n: i }), i],
        );
        ids.push(id);
      }
      const pages = async (query: string) => {
        const seen: { id: string; payload: { n: number }; readAt: string | null }[] = [];
        let cursor: string | null = null;
        do {
          const res: { body: { items: typeof seen; nextCursor: string | null } } = await ctx.http
            .get(`/api/notifications?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
            .set(reader.auth)
            .expect(200);
          expect(res.body.items.length).toBeLessThanOrEqual(2);
          seen.push(...res.body.items);
          cursor = res.body.nextCursor;
        } while (cursor);
        return seen;
      };
      const all = await pages('');
      expect(all.map((n) => n.id).sort()).toEqual([...ids].sort());
      expect(all.slice(0, 2).map((n) => n.payload.n)).toEqual([6, 5]);
      const unread = await pages('&unread=true');
      expect(unread.map((n) => n.id).sort()).toEqual(ids.slice(2).sort());
      expect(unread.every((n) => n.readAt === null)).toBe(true);
      expect((await ctx.http.get('/api/notifications?limit=1').set(reader.auth).expect(200)).body.unreadCount).toBe(5);
    });

    it('mentions by email local part, in the lobby', async () => {
      const a = await open(alice);
      const live = next<{ notification: NotificationView }>(await open(observer), 'notification');
      const local = observer.email.split('@')[0];
      const sent = ok(await send(a, lobbyId, `cc @${local}`)).message;
      expect(sent.mentions).toEqual([observer.id]);
      expect((await live).notification.payload).toMatchObject({ messageId: sent.id, channelKind: 'lobby' });
    });
  });

  describe('REST history', () => {
    it('pages by seq cursors, ascending, with hasMore', async () => {
      const channelId = await roundtableChannel(members(alice).rule);
      const a = await open(alice);
      for (let i = 1; i <= 7; i++) ok(await send(a, channelId, `point ${i}`));
      const seqs = (body: { items: MessageView[] }) => body.items.map((m) => m.seq);
      const latest = await ctx.http.get(`/api/channels/${channelId}/messages?limit=3`).set(alice.auth).expect(200);
      expect(latest.body).toMatchObject({ hasMore: true });
      expect(seqs(latest.body)).toEqual([5, 6, 7]);
      const older = await ctx.http.get(`/api/channels/${channelId}/messages?limit=3&beforeSeq=5`).set(alice.auth).expect(200);
      expect(seqs(older.body)).toEqual([2, 3, 4]);
      const oldest = await ctx.http.get(`/api/channels/${channelId}/messages?limit=3&beforeSeq=2`).set(alice.auth).expect(200);
      expect(oldest.body).toMatchObject({ hasMore: false });
      expect(seqs(oldest.body)).toEqual([1]);
      const forward = await ctx.http.get(`/api/channels/${channelId}/messages?afterSeq=2&limit=2`).set(alice.auth).expect(200);
      expect(seqs(forward.body)).toEqual([3, 4]);
      expect(forward.body.hasMore).toBe(true);
      const tail = await ctx.http.get(`/api/channels/${channelId}/messages?afterSeq=5`).set(alice.auth).expect(200);
      expect(tail.body).toMatchObject({ hasMore: false });
      expect(seqs(tail.body)).toEqual([6, 7]);
      const res = await ctx.http.get(`/api/channels/${channelId}/messages?afterSeq=abc&limit=9999`).set(alice.auth).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['afterSeq', 'limit']));
      await ctx.http.get(`/api/channels/${channelId}/messages`).set(bob.auth).expect(404);
      await ctx.http.get(`/api/channels/${channelId}`).set(bob.auth).expect(404);
      await ctx.http.get(`/api/channels/not-a-uuid`).set(alice.auth).expect(400);
      const channel = await ctx.http.get(`/api/channels/${channelId}`).set(alice.auth).expect(200);
      expect(channel.body).toMatchObject({ id: channelId, lastSeq: 7, access: { read: true, post: true, moderate: false } });
      await ctx.http.get(`/api/channels/${channelId}`).expect(401);
    });
  });

  describe('token expiry', () => {
    it('announces auth:expired, refuses sends, and disconnects after the grace period unless refreshed', async () => {
      const settings = ctx.app.get(RealtimeSettings);
      const savedGrace = settings.authGraceMs;
      settings.authGraceMs = 1_500;
      try {
        const jwt = ctx.app.get(JwtService);
        const payload: AccessTokenPayload = { sub: alice.id, role: 'member', org: alice.organizationId };
        // exp has whole-second precision: this one expires 1 to 2 s from now.
        const token = await jwt.signAsync(payload, { expiresIn: 2 });
        const [refresher, lingerer] = await Promise.all([open(token), open(token)]);
        const expired = await Promise.all([
          next<{ disconnectAt: string }>(refresher, 'auth:expired', undefined, 4_000),
          next(lingerer, 'auth:expired', undefined, 4_000),
        ]);
        expect(Date.parse(expired[0].disconnectAt)).toBeGreaterThan(Date.now());
        expect(await send(refresher, lobbyId, 'too late')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
        expect(await ack(refresher, 'auth:refresh', { token: bob.token })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
        const refreshed = ok(await ack<{ expiresAt: string }>(refresher, 'auth:refresh', { token: alice.token }));
        expect(Date.parse(refreshed.expiresAt)).toBeGreaterThan(Date.now() + 60_000);
        ok(await send(refresher, lobbyId, 'back with a fresh token'));

        const gone = new Promise<string>((resolve) => lingerer.once('disconnect', (reason) => resolve(reason)));
        expect(await gone).toBe('io server disconnect');
        await sleep(300);
        expect(refresher.connected).toBe(true);
      } finally {
        settings.authGraceMs = savedGrace;
      }
    });
  });
});
