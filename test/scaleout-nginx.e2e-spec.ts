import { randomUUID } from 'node:crypto';
import { ChannelsService } from '../src/realtime/channels.service';
import { AppProcess } from './support/app-processes';
import { TestContext, TestUser } from './support/context';
import { Nginx, RedisServer } from '../bench/scaleout-servers';
import { Participant, type Sent } from './support/participant';
import { ack, type ClientSocket, connect, next, ok, sleep } from './support/sockets';

/**
 * The production layout for real: app processes behind Debian's nginx (HTTP and the WebSocket upgrade proxied,
 * round robin), on one PostgreSQL, with rooms shared through PostgreSQL and then through Redis. Clients only ever
 * know nginx's address; when a process dies they reconnect through nginx and land on the others.
 */
describe.each([['postgres'], ['redis']] as const)('scale-out behind nginx, %s adapter', (adapter) => {
  let ctx: TestContext;
  let redis: RedisServer | undefined;
  let nginx: Nginx;
  const apps: AppProcess[] = [];
  let users: TestUser[];
  const sockets: ClientSocket[] = [];

  const newChannel = async () => (await ctx.app.get(ChannelsService).ensureChannel('working_group', randomUUID())).id;
  const open = async (user: TestUser, options: Record<string, unknown> = {}) => {
    const socket = await connect(nginx.url, user.token, options);
    sockets.push(socket);
    return socket;
  };
  const startApp = async () => {
    const app = await AppProcess.start(ctx.config.jwtSecret, { redisUrl: redis?.url });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    if (adapter === 'redis') redis = await RedisServer.start();
    users = await Promise.all(Array.from({ length: 6 }, () => ctx.newUser({ role: 'member' })));
    await Promise.all([startApp(), startApp()]);
    nginx = await Nginx.start(apps.map((a) => a.port));
  }, 90_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(apps.map((a) => a.stop()));
    await redis?.stop();
    await ctx?.close();
  });

  it('serves the API and the discussion through nginx with two processes, then three after a reload', async () => {
    const health = await fetch(`${nginx.url}/api/health`);
    expect(health.status).toBe(200);
    const me = await fetch(`${nginx.url}/api/auth/me`, { headers: { authorization: `Bearer ${users[0].token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(users[0].id);

    const channelId = await newChannel();
    // Round robin: of four sockets, each process holds some.
    const four = await Promise.all(users.slice(0, 4).map((u) => open(u)));
    for (const s of four) ok(await ack(s, 'channel:join', { channelId }));
    const arrivals = four.slice(1).map((s) => next<Sent>(s, 'message:new'));
    const sent = ok(await ack<Sent>(four[0], 'message:send', { channelId, clientMessageId: randomUUID(), body: 'through nginx' }));
    for (const arrived of await Promise.all(arrivals)) expect(arrived.message).toEqual(sent.message);

    await startApp();
    nginx.route(apps.map((a) => a.port));
    // New connections now reach the third process too: a message from there arrives everywhere.
    const later = await Promise.all(users.slice(4, 6).map((u) => open(u)));
    for (const s of later) ok(await ack(s, 'channel:join', { channelId }));
    const everywhere = [...four, later[1]].map((s) => next<Sent>(s, 'message:new'));
    const third = ok(await ack<Sent>(later[0], 'message:send', { channelId, clientMessageId: randomUUID(), body: 'three processes' }));
    for (const arrived of await Promise.all(everywhere)) expect(arrived.message).toEqual(third.message);
    const rows = await ctx.db.query('SELECT body FROM messages WHERE channel_id = $1 ORDER BY seq', [channelId]);
    expect(rows.map((r: { body: string }) => r.body)).toEqual(['through nginx', 'three processes']);
  }, 60_000);

  it('delivers every acknowledged message exactly once to every client when a process is killed with SIGKILL', async () => {
    expect(apps).toHaveLength(3);
    const channelId = await newChannel();
    const reconnecting = { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 400, randomizationFactor: 0 };
    const participants = await Promise.all(users.map(async (user, i) => new Participant(`p${i}`, await open(user, reconnecting), channelId)));
    await Promise.all(participants.map((p) => p.settled()));
    let dropped = 0;
    for (const p of participants) p.socket.on('disconnect', () => dropped++);

    const PER_CLIENT = 15;
    const sending = participants.map(async (p) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        await p.send(`${channelId}-${p.name}-${i}`, `${p.name} says ${i}`);
        await sleep(40);
      }
    });
    const ackedSoFar = () => participants.reduce((count, p) => count + p.acked.size, 0);
    while (ackedSoFar() < 20) await sleep(10);
    const victim = apps[0];
    await victim.kill();
    await Promise.all(sending);
    await Promise.all(participants.map((p) => p.settled()));

    // Six round-robin sockets over three processes: the killed one held some, and they came back through nginx.
    expect(dropped).toBeGreaterThan(0);
    const rows: { id: string; seq: string; client_message_id: string }[] = await ctx.db.query(
      'SELECT id, seq, client_message_id FROM messages WHERE channel_id = $1 ORDER BY seq',
      [channelId],
    );
    const total = PER_CLIENT * participants.length;
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.client_message_id)).size).toBe(total);
    const idBySeq = rows.map((r) => r.id);
    for (const p of participants) {
      expect(p.conflicts).toEqual([]);
      expect(p.acked.size).toBe(PER_CLIENT);
      for (const message of p.acked.values()) expect(idBySeq[message.seq - 1]).toBe(message.id);
      const held = [...p.seen.values()].sort((x, y) => x.seq - y.seq);
      expect(held.map((m) => m.id)).toEqual(idBySeq);
    }
    // The survivors still answer through nginx.
    expect((await fetch(`${nginx.url}/api/health`)).status).toBe(200);
  }, 90_000);
});
