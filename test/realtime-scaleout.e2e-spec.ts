import { randomUUID } from 'node:crypto';
import { ChannelsService } from '../src/realtime/channels.service';
import { AppProcess } from './support/app-processes';
import { TestContext, TestUser } from './support/context';
import { ack, type ClientSocket, connect, next, ok, sleep } from './support/sockets';
import { Participant, type Sent } from './support/participant';

describe('realtime scale-out: two app processes on one database', () => {
  let ctx: TestContext;
  let a: AppProcess;
  let b: AppProcess;
  let users: TestUser[];
  const sockets: ClientSocket[] = [];

  const newChannel = async () => (await ctx.app.get(ChannelsService).ensureChannel('working_group', randomUUID())).id;
  const open = async (server: AppProcess, user: TestUser, options: Record<string, unknown> = {}) => {
    const socket = await connect(server.url, user.token, options);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    users = await Promise.all([1, 2, 3, 4].map(() => ctx.newUser({ role: 'member' })));
    [a, b] = await Promise.all([AppProcess.start(ctx.config.jwtSecret), AppProcess.start(ctx.config.jwtSecret)]);
  }, 60_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await ctx?.close();
  });

  it('a message sent through one process reaches a client of the other, large ones and evictions too', async () => {
    const channelId = await newChannel();
    const [onA, onB] = [await open(a, users[0]), await open(b, users[1])];
    ok(await ack(onA, 'channel:join', { channelId }));
    ok(await ack(onB, 'channel:join', { channelId }));

    const arrived = next<Sent>(onB, 'message:new');
    const sent = ok(await ack<Sent>(onA, 'message:send', { channelId, clientMessageId: randomUUID(), body: 'From Suzhou to Beijing' }));
    expect((await arrived).message).toEqual(sent.message);

    // Who is present, at a join, counts the connections of both processes.
    const third = await open(b, users[3]);
    const { present } = ok(await ack<{ present: { user: { id: string } }[] }>(third, 'channel:join', { channelId }));
    expect(present.map((p) => p.user.id).sort()).toEqual([users[0].id, users[1].id].sort());

    // Over NOTIFY's 8000-byte limit: goes through the adapter's attachments table.
    const long = '绿色就业'.repeat(1000);
    const bigArrival = next<Sent>(onA, 'message:new');
    const big = ok(await ack<Sent>(onB, 'message:send', { channelId, clientMessageId: randomUUID(), body: long }));
    expect((await bigArrival).message).toEqual(big.message);

    // Evicted from a third process (this test's own app): the socket on B leaves the room.
    const evicted = next<{ channelId: string }>(onB, 'channel:evicted');
    await ctx.app.get(ChannelsService).evict(users[1].id, channelId);
    expect(await evicted).toEqual({ channelId });
    const missed: Sent[] = [];
    onB.on('message:new', (e: Sent) => missed.push(e));
    const control = await open(b, users[2]);
    ok(await ack(control, 'channel:join', { channelId }));
    const reached = next(control, 'message:new');
    ok(await ack(onA, 'message:send', { channelId, clientMessageId: randomUUID(), body: 'after the eviction' }));
    await reached;
    await sleep(100);
    expect(missed).toEqual([]);
  });

  it('loses and doubles nothing when a process is killed and restarted while clients send', async () => {
    const channelId = await newChannel();
    const reconnecting = { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 400, randomizationFactor: 0 };
    const servers = [a, a, b, b];
    const participants = await Promise.all(users.map(async (user, i) => new Participant(`p${i}`, await open(servers[i], user, reconnecting), channelId)));
    await Promise.all(participants.map((p) => p.settled()));

    const PER_CLIENT = 20;
    let restarted!: () => void;
    const aIsBack = new Promise<void>((resolve) => (restarted = resolve));
    const sending = participants.map(async (p, n) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        // B's clients keep half their messages for after A's restart, so A rejoins a discussion still going on.
        if (n >= 2 && i === PER_CLIENT / 2) await aIsBack;
        await p.send(`${channelId}-${p.name}-${i}`, `${p.name} says ${i}`);
        await sleep(50);
      }
    });
    const ackedSoFar = () => participants.reduce((count, p) => count + p.acked.size, 0);
    while (ackedSoFar() < 16) await sleep(10);
    await a.kill();
    await sleep(300);
    await a.boot();
    restarted();
    await Promise.all(sending);
    await Promise.all(participants.map((p) => p.settled()));

    const rows: { id: string; seq: string; client_message_id: string }[] = await ctx.db.query(
      `SELECT id, seq, client_message_id FROM messages WHERE channel_id = $1 ORDER BY seq`,
      [channelId],
    );
    const total = PER_CLIENT * participants.length;
    // Exactly one row per message, seqs 1..n with no gap.
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.client_message_id)).size).toBe(total);
    const idBySeq = rows.map((r) => r.id);
    for (const p of participants) {
      expect(p.conflicts).toEqual([]);
      expect(p.acked.size).toBe(PER_CLIENT);
      for (const message of p.acked.values()) expect(idBySeq[message.seq - 1]).toBe(message.id);
      // Every client holds every message once, in seq order, identical to the record.
      const held = [...p.seen.values()].sort((x, y) => x.seq - y.seq);
      expect(held.map((m) => m.id)).toEqual(idBySeq);
    }
  }, 60_000);
});
