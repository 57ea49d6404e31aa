import type { AddressInfo } from 'node:net';
import type { MyChannelView } from '../src/realtime/dto/views';
import { TestContext, TestUser } from './support/context';
import { ack, cid, type ClientSocket, connect, next, ok } from './support/sockets';

/** Read positions kept on the server: unread counts, mentions, and the same position on every device of a person. */
describe('read positions and unread counts', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let reader: TestUser;
  let outsider: TestUser;
  let roundtableId: string;
  let channelId: string;
  const sockets: ClientSocket[] = [];

  const open = async (user: TestUser) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return socket;
  };
  const mine = async (user: TestUser): Promise<MyChannelView[]> => (await ctx.http.get('/api/channels/mine').set(user.auth).expect(200)).body.items;
  const entry = async (user: TestUser) => (await mine(user)).find((c) => c.id === channelId);

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international' });
    reader = await ctx.newUser({ role: 'member', constituency: 'workers', name: `Lin Reader${Date.now().toString(36)}` });
    outsider = await ctx.newUser({ role: 'member', constituency: 'employers' });
    roundtableId = (
      await ctx.http
        .post('/api/roundtables')
        .set(facilitator.auth)
        .send({
          title: { en: 'Unread counts roundtable', zh: '未读圆桌' },
          startsAt: '2031-05-02T01:00:00Z',
          endsAt: '2031-05-02T09:00:00Z',
          visibility: 'participants',
        })
        .expect(201)
    ).body.id;
    await ctx.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: reader.id, role: 'participant' }).expect(201);
    channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${roundtableId}`).set(reader.auth).expect(200)).body.items[0].id;
    const poster = await open(facilitator);
    for (const body of ['First point', `A question for @${reader.displayName}`, 'Third point']) {
      ok(await ack(poster, 'message:send', { channelId, clientMessageId: cid(), body }));
    }
    ok(await ack(await open(reader), 'message:send', { channelId, clientMessageId: cid(), body: 'My own reply is never unread' }));
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.close();
    await ctx.close();
  });

  it('lists my channels with unread messages, mentions and where to jump', async () => {
    const channels = await mine(reader);
    expect(channels.some((c) => c.kind === 'lobby')).toBe(true);
    expect(await entry(reader)).toMatchObject({
      kind: 'roundtable',
      refId: roundtableId,
      title: { en: 'Unread counts roundtable', zh: '未读圆桌' },
      lastSeq: 4,
      lastReadSeq: 0,
      unread: 3,
      mentions: 1,
      firstUnreadSeq: 1,
    });
    // Not mine, and hidden: never listed.
    expect((await mine(outsider)).some((c) => c.id === channelId)).toBe(false);
  });

  it('moves the read position for every device of the person, never backwards', async () => {
    const [phone, laptop] = [await open(reader), await open(reader)];
    const told = next<{ channelId: string; lastReadSeq: number }>(laptop, 'channel:read', (e) => e.channelId === channelId);
    expect(ok(await ack(phone, 'channel:read', { channelId, seq: 2 }))).toMatchObject({ channelId, lastReadSeq: 2 });
    expect(await told).toEqual({ channelId, lastReadSeq: 2 });
    expect(await ctx.count('channel_reads', 'user_id = $1 AND channel_id = $2 AND last_read_seq = 2', [reader.id, channelId])).toBe(1);
    expect(await entry(reader)).toMatchObject({ lastReadSeq: 2, unread: 1, mentions: 0, firstUnreadSeq: 3 });

    // The laptop was behind: its older position does not undo what the phone read.
    expect(ok(await ack(laptop, 'channel:read', { channelId, seq: 1 }))).toMatchObject({ lastReadSeq: 2 });
    // Past the end is capped at the last message, so later messages still count as unread.
    expect(ok(await ack(laptop, 'channel:read', { channelId, seq: 999 }))).toMatchObject({ lastReadSeq: 4 });
    expect(await entry(reader)).toMatchObject({ lastReadSeq: 4, unread: 0, firstUnreadSeq: null });
    ok(await ack(await open(facilitator), 'message:send', { channelId, clientMessageId: cid(), body: 'One more' }));
    expect(await entry(reader)).toMatchObject({ unread: 1, firstUnreadSeq: 5 });
  });

  it('counts up to 100 unread messages and mentions in a channel (the badge reads 99+), and still says where to jump', async () => {
    // A busy channel: 150 messages by the facilitator after what the reader read (seq 5), 120 of them mentioning them.
    await ctx.db.query(
      `INSERT INTO messages (channel_id, seq, author_id, client_message_id, body, mentions)
       SELECT $1::uuid, 5 + i, $2::uuid, 'busy-' || $1 || '-' || i, 'Busy ' || i, CASE WHEN i <= 120 THEN ARRAY[$3::uuid] ELSE '{}' END
         FROM generate_series(1, 150) i`,
      [channelId, facilitator.id, reader.id],
    );
    await ctx.db.query(`UPDATE channels SET last_seq = 155 WHERE id = $1`, [channelId]);
    expect(await entry(reader)).toMatchObject({ lastSeq: 155, lastReadSeq: 4, unread: 100, mentions: 100, firstUnreadSeq: 5 });
    ok(await ack(await open(reader), 'channel:read', { channelId, seq: 150 }));
    expect(await entry(reader)).toMatchObject({ unread: 5, mentions: 0, firstUnreadSeq: 151 });
  });

  it('refuses bad input and channels the person cannot read, changing nothing', async () => {
    const socket = await open(outsider);
    const hidden = await ack(socket, 'channel:read', { channelId, seq: 3 });
    expect(hidden).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ctx.count('channel_reads', 'user_id = $1', [outsider.id])).toBe(0);
    const bad = await ack(socket, 'channel:read', { channelId, seq: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', details: [{ field: 'seq' }] } });
    const missing = await ack(socket, 'channel:read', { seq: 1 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'validation', details: [{ field: 'channelId' }] } });
  });
});
