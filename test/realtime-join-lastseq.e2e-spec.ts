import { ChannelsRepository } from '../src/realtime/channels.repository';
import type { MessageView } from '../src/realtime/dto/views';
import { RealtimeEmitter } from '../src/realtime/realtime.emitter';
import { type TestContext, type TestUser } from './support/context';
import { openApp } from './support/open-app';
import { ack, type Ack, cid, type ClientSocket, connect, next, ok, record, sleep } from './support/sockets';

type Sent = { message: MessageView };
type Joined = { lastSeq: number; channel: { lastSeq: number } };

/**
 * channel:join's lastSeq on a process alone, where the joins that follow one another closely share one read of the
 * channel (ChannelsService.joinedView): what a joiner is told must still cover every message sent before it was in
 * the room, or it would never ask for the ones it missed.
 */
describe('channel:join lastSeq on a process alone', () => {
  let app: Awaited<ReturnType<typeof openApp>>;
  let ctx: TestContext;
  let users: TestUser[];
  const sockets: ClientSocket[] = [];
  const open = async (user: TestUser) => {
    const socket = await connect(app.url, user.token);
    sockets.push(socket);
    return socket;
  };
  const lastSeqInDatabase = async (channelId: string) => Number((await ctx.db.query(`SELECT last_seq FROM channels WHERE id = $1`, [channelId]))[0].last_seq);

  beforeAll(async () => {
    app = await openApp();
    ctx = app.ctx;
    users = await Promise.all(Array.from({ length: 8 }, () => ctx.newUser({ role: 'member' })));
    // The adapter knows the process alone once it has listened a heartbeat interval and a margin (7 s) in silence.
    const emitter = ctx.app.get(RealtimeEmitter);
    for (let i = 0; i < 100 && emitter.aloneSince() === null; i++) await sleep(200);
    expect(emitter.aloneSince()).not.toBeNull();
  }, 40_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    app?.restore();
    await app?.ctx.close();
  });

  it('joins that follow one another read the channel once, and are told the messages sent in between', async () => {
    const channelId = await app.channel();
    const reads = jest.spyOn(ctx.app.get(ChannelsRepository), 'findForView');
    try {
      const first = await open(users[0]);
      expect(ok(await ack<Joined>(first, 'channel:join', { channelId })).lastSeq).toBe(0);
      for (let i = 0; i < 3; i++) ok(await ack<Sent>(first, 'message:send', { channelId, clientMessageId: cid(), body: `before the others, ${i}` }));

      const others = await Promise.all(users.slice(1, 6).map((u) => open(u)));
      const joined = await Promise.all(others.map((s) => ack<Joined>(s, 'channel:join', { channelId })));
      for (const j of joined) expect(ok(j)).toMatchObject({ lastSeq: 3, channel: { lastSeq: 3 } });
      expect(await lastSeqInDatabase(channelId)).toBe(3);
      expect(reads.mock.calls.filter(([id]) => id === channelId)).toHaveLength(1);

      // And the room has them all: the next message reaches every joiner with the seq after.
      const arrivals = others.map((s) => next<Sent>(s, 'message:new'));
      ok(await ack<Sent>(first, 'message:send', { channelId, clientMessageId: cid(), body: 'to everyone' }));
      for (const a of await Promise.all(arrivals)) expect(a.message.seq).toBe(4);
    } finally {
      reads.mockRestore();
    }
  });

  it('joining while messages stream in, no joiner is told less than what was sent before it was in the room', async () => {
    const channelId = await app.channel();
    // Three people send (each within their burst of writes), ten connections of five others join.
    const senders = await Promise.all(users.slice(0, 3).map((u) => open(u)));
    for (const s of senders) ok(await ack(s, 'channel:join', { channelId }));
    const joiners = await Promise.all(users.slice(3).flatMap((u) => [open(u), open(u)]));
    const heard = joiners.map((s) => record<Sent>(s, 'message:new'));

    // 120 sends, ten at a time; the joiners join one after another in between.
    const sends: Promise<Ack<Sent>>[] = [];
    const joins: Promise<Joined>[] = [];
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 10; i++) {
        sends.push(ack<Sent>(senders[i % 3], 'message:send', { channelId, clientMessageId: cid(), body: `round ${round}, ${i}` }));
      }
      if (round < joiners.length) joins.push(ack<Joined>(joiners[round], 'channel:join', { channelId }).then(ok));
      await sleep(5);
    }
    for (const s of await Promise.all(sends)) ok(s);
    const told = await Promise.all(joins);
    const last = await lastSeqInDatabase(channelId);
    expect(last).toBe(120);
    // Every message after what a joiner was told reaches it in the room (allow the last ones a moment to arrive).
    for (let i = 0; i < 50 && heard.some((h, n) => !h.some((e) => e.message.seq === last) && told[n].lastSeq < last); i++) await sleep(50);
    told.forEach(({ lastSeq }, n) => {
      const seqs = new Set(heard[n].map((e) => e.message.seq));
      const missed = Array.from({ length: last - lastSeq }, (_, k) => lastSeq + 1 + k).filter((seq) => !seqs.has(seq));
      expect({ joiner: n, lastSeq, missed }).toEqual({ joiner: n, lastSeq, missed: [] });
    });
    // The joins did see the stream move: not everyone was told the same.
    expect(new Set(told.map((t) => t.lastSeq)).size).toBeGreaterThan(1);
  });
});
