import type { AddressInfo } from 'node:net';
import type { MessageView, MyChannelView } from '../src/realtime/dto/views';
import { TestContext, TestUser } from './support/context';
import { ack, cid, type ClientSocket, connect, next, ok, record, sleep } from './support/sockets';

type Reaction = { emoji: string; count: number; mine: boolean };
type ReactionEvent = { channelId: string; messageId: string; emoji: string; count: number; user: { id: string; displayName: string }; added: boolean };

/** Chat habits over real sockets: reactions, pins, quote-replies and direct conversations. */
describe('chat: reactions, pins, quote-replies, direct conversations', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let roundtableId: string;
  let channelId: string;
  let lobbyId: string;
  const sockets: ClientSocket[] = [];

  const open = async (user: TestUser) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return socket;
  };
  const joined = async (user: TestUser, channel: string) => {
    const socket = await open(user);
    ok(await ack(socket, 'channel:join', { channelId: channel }));
    return socket;
  };
  const post = async (socket: ClientSocket, channel: string, body: string, parentId?: string): Promise<MessageView> =>
    ok(await ack<{ message: MessageView }>(socket, 'message:send', { channelId: channel, clientMessageId: cid(), body, ...(parentId ? { parentId } : {}) }))
      .message;
  const history = async (user: TestUser, channel: string): Promise<MessageView[]> =>
    (await ctx.http.get(`/api/channels/${channel}/messages`).set(user.auth).expect(200)).body.items;

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    member = await ctx.newUser({ role: 'member', constituency: 'workers' });
    outsider = await ctx.newUser({ role: 'member', constituency: 'employers' });
    roundtableId = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({
          title: { en: 'Chat habits roundtable', zh: '聊天圆桌' },
          startsAt: '2031-06-02T01:00:00Z',
          endsAt: '2031-06-02T09:00:00Z',
          visibility: 'participants',
        })
        .expect(201)
    ).body.id;
    await ctx.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: member.id, role: 'participant' }).expect(201);
    channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${roundtableId}`).set(member.auth).expect(200)).body.items[0].id;
    lobbyId = (await ctx.http.get('/api/channels?kind=lobby').set(member.auth).expect(200)).body.items[0].id;
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.close();
    await ctx.close();
  });

  it('reactions: another socket sees them, history aggregates them per reader, the same one twice counts once', async () => {
    const watcher = await joined(facilitator, channelId);
    const reactor = await joined(member, channelId);
    const message = await post(watcher, channelId, 'Shall we fund the training centre?');
    expect(message.reactions).toEqual([]);

    const heard = next<ReactionEvent>(watcher, 'reaction:updated', (e) => e.messageId === message.id);
    const added = ok(await ack<{ messageId: string; reactions: Reaction[] }>(reactor, 'reaction:add', { messageId: message.id, emoji: '👍' }));
    expect(added.reactions).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    expect(await heard).toEqual({
      channelId,
      messageId: message.id,
      emoji: '👍',
      count: 1,
      user: { id: member.id, displayName: member.displayName },
      added: true,
    });

    // Twice the same: nothing new stored, nothing broadcast.
    const echoes = record<ReactionEvent>(watcher, 'reaction:updated');
    ok(await ack(reactor, 'reaction:add', { messageId: message.id, emoji: '👍' }));
    ok(await ack(watcher, 'reaction:add', { messageId: message.id, emoji: '🎉' }));
    await sleep(200);
    expect(echoes).toEqual([]);
    expect(await ctx.count('message_reactions', 'message_id = $1', [message.id])).toBe(2);

    const seenByMember = (await history(member, channelId)).find((m) => m.id === message.id)!;
    expect(seenByMember.reactions).toEqual([
      { emoji: '👍', count: 1, mine: true },
      { emoji: '🎉', count: 1, mine: false },
    ]);
    const seenByFacilitator = (await history(facilitator, channelId)).find((m) => m.id === message.id)!;
    expect(seenByFacilitator.reactions).toEqual([
      { emoji: '👍', count: 1, mine: false },
      { emoji: '🎉', count: 1, mine: true },
    ]);
    // channel:sync carries them too.
    const synced = ok(await ack<{ messages: MessageView[] }>(reactor, 'channel:sync', { channelId, afterSeq: message.seq - 1 }));
    expect(synced.messages[0].reactions).toEqual(seenByMember.reactions);

    const takenBack = next<ReactionEvent>(watcher, 'reaction:updated', (e) => e.messageId === message.id && !e.added);
    expect(ok(await ack<{ reactions: Reaction[] }>(reactor, 'reaction:remove', { messageId: message.id, emoji: '👍' })).reactions).toEqual([
      { emoji: '🎉', count: 1, mine: false },
    ]);
    expect(await takenBack).toMatchObject({ emoji: '👍', count: 0, added: false });
    expect(await ctx.count('message_reactions', 'message_id = $1 AND user_id = $2', [message.id, member.id])).toBe(0);
  });

  it('reactions: refuses what is not one emoji (naming the field), and hidden channels as not found', async () => {
    const socket = await joined(member, channelId);
    const message = await post(socket, channelId, 'Something to react to');
    for (const emoji of ['ok', '👍👍', '', 42]) {
      expect(await ack(socket, 'reaction:add', { messageId: message.id, emoji })).toMatchObject({
        ok: false,
        error: { code: 'validation', details: [{ field: 'emoji' }] },
      });
    }
    const stranger = await open(outsider);
    expect(await ack(stranger, 'reaction:add', { messageId: message.id, emoji: '👍' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ctx.count('message_reactions', 'message_id = $1', [message.id])).toBe(0);
  });

  it('pins: the facilitator pins and unpins, another socket sees it, a participant may not', async () => {
    const watcher = await joined(member, channelId);
    const moderator = await joined(facilitator, channelId);
    const message = await post(watcher, channelId, 'The agreed wording of the training clause');

    expect(await ack(watcher, 'message:pin', { messageId: message.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ctx.http.get(`/api/channels/${channelId}/pins`).set(member.auth).expect(200, { items: [] });

    const heard = next<{ message: MessageView }>(watcher, 'message:pinned', (e) => e.message.id === message.id);
    const pinned = ok(await ack<{ message: MessageView }>(moderator, 'message:pin', { messageId: message.id })).message;
    expect(pinned.pinned).toMatchObject({ by: { id: facilitator.id, displayName: facilitator.displayName } });
    expect((await heard).message.pinned).toMatchObject({ by: { id: facilitator.id } });
    const pins = (await ctx.http.get(`/api/channels/${channelId}/pins`).set(member.auth).expect(200)).body.items as MessageView[];
    expect(pins.map((m) => m.id)).toEqual([message.id]);
    expect(pins[0].body).toBe('The agreed wording of the training clause');
    expect(await ctx.count('activity', "action = 'message.pinned' AND entity_id = $1", [message.id])).toBe(1);
    await ctx.http.get(`/api/channels/${channelId}/pins`).set(outsider.auth).expect(404);

    const unheard = next<{ message: MessageView }>(watcher, 'message:unpinned', (e) => e.message.id === message.id);
    expect(ok(await ack<{ message: MessageView }>(moderator, 'message:unpin', { messageId: message.id })).message.pinned).toBeNull();
    expect((await unheard).message.pinned).toBeNull();
    await ctx.http.get(`/api/channels/${channelId}/pins`).set(member.auth).expect(200, { items: [] });
  });

  it('quote-reply: a reply quotes its message of the same channel; one from another channel is refused naming parentId', async () => {
    const socket = await joined(member, channelId);
    const original = await post(socket, channelId, 'Employers could co-fund the apprenticeships');
    const reply = await post(socket, channelId, 'Agreed, with a cap', original.id);
    expect(reply.quote).toEqual({
      id: original.id,
      seq: original.seq,
      author: { id: member.id, displayName: member.displayName },
      excerpt: 'Employers could co-fund the apprenticeships',
    });
    expect((await history(facilitator, channelId)).find((m) => m.id === reply.id)!.quote).toEqual(reply.quote);

    const lobbyMessage = await post(await open(member), lobbyId, 'A lobby message');
    const before = await ctx.count('messages', 'channel_id = $1', [channelId]);
    const refused = await ack(socket, 'message:send', { channelId, clientMessageId: cid(), body: 'Quoting elsewhere', parentId: lobbyMessage.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', details: [{ field: 'parentId' }] } });
    expect(await ctx.count('messages', 'channel_id = $1', [channelId])).toBe(before);
  });

  it('direct conversations: one per set of people, only for its members, in their sidebar, never in anyone else’s search', async () => {
    const [alice, bob] = [await ctx.newUser({ constituency: 'workers' }), await ctx.newUser({ constituency: 'employers' })];
    const started = await ctx.http
      .post('/api/conversations')
      .set(alice.auth)
      .send({ userIds: [bob.id] })
      .expect(201);
    const conversation = started.body as { id: string; channelId: string; members: { id: string }[] };
    expect(conversation.members.map((m) => m.id).sort()).toEqual([alice.id, bob.id].sort());
    // Bob naming Alice gets the same conversation.
    const again = await ctx.http
      .post('/api/conversations')
      .set(bob.auth)
      .send({ userIds: [alice.id] })
      .expect(200);
    expect(again.body).toMatchObject({ id: conversation.id, channelId: conversation.channelId });
    expect(await ctx.count('conversations', 'id = $1', [conversation.id])).toBe(1);

    const word = `Quokkaplan${Date.now().toString(36)}`;
    const aliceSocket = await joined(alice, conversation.channelId);
    const bobSocket = await joined(bob, conversation.channelId);
    const heard = next<ReactionEvent>(aliceSocket, 'reaction:updated');
    const message = await post(aliceSocket, conversation.channelId, `Private note about the ${word}`);
    ok(await ack(bobSocket, 'reaction:add', { messageId: message.id, emoji: '👀' }));
    expect(await heard).toMatchObject({ emoji: '👀', count: 1 });

    const bobsSidebar = (await ctx.http.get('/api/channels/mine').set(bob.auth).expect(200)).body.items as MyChannelView[];
    expect(bobsSidebar.find((c) => c.id === conversation.channelId)).toMatchObject({
      kind: 'direct',
      refId: conversation.id,
      title: { en: alice.displayName },
      unread: 1,
      firstUnreadSeq: 1,
    });

    // Anyone else, a platform facilitator included: not found everywhere, and never in search.
    for (const stranger of [outsider, facilitator]) {
      await ctx.http.get(`/api/conversations/${conversation.id}`).set(stranger.auth).expect(404);
      await ctx.http.get(`/api/channels/${conversation.channelId}`).set(stranger.auth).expect(404);
      await ctx.http.get(`/api/channels/${conversation.channelId}/messages`).set(stranger.auth).expect(404);
      expect((await ctx.http.get(`/api/channels?kind=direct&refId=${conversation.id}`).set(stranger.auth).expect(200)).body.items).toEqual([]);
      const socket = await open(stranger);
      expect(await ack(socket, 'channel:join', { channelId: conversation.channelId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ack(socket, 'reaction:add', { messageId: message.id, emoji: '👍' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ack(socket, 'message:send', { channelId: conversation.channelId, clientMessageId: cid(), body: 'hi' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      const search = (await ctx.http.get(`/api/search?q=${word}`).set(stranger.auth).expect(200)).body;
      expect(search).toMatchObject({ items: [], total: 0 });
      const sidebar = (await ctx.http.get('/api/channels/mine').set(stranger.auth).expect(200)).body.items as MyChannelView[];
      expect(sidebar.some((c) => c.id === conversation.channelId)).toBe(false);
    }
    expect(await ctx.count('message_reactions', 'message_id = $1', [message.id])).toBe(1);
    const found = (await ctx.http.get(`/api/search?q=${word}`).set(bob.auth).expect(200)).body;
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ kind: 'message', id: message.id, channel: { kind: 'direct', refId: conversation.id } });
  });

  it('direct conversations: refuses bad lists of people, naming userIds, and makes nothing', async () => {
    const before = await ctx.count('conversations');
    const inactive = await ctx.newUser();
    await ctx.db.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
    for (const userIds of [[], [member.id, member.id], [facilitator.id.slice(0, 8)], [member.id], [inactive.id], 'x']) {
      const res = await ctx.http
        .post('/api/conversations')
        .set(member.auth)
        .send({ userIds: userIds === 'x' ? 'x' : userIds })
        .expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'userIds' })]));
    }
    expect(await ctx.count('conversations')).toBe(before);
  });
});
