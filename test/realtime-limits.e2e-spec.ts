import { randomUUID } from 'node:crypto';
import { ChannelsService } from '../src/realtime/channels.service';
import { RealtimeSettings } from '../src/realtime/realtime.settings';
import { AppProcess } from './support/app-processes';
import { TestContext, TestUser } from './support/context';
import { ack, type ClientSocket, connect, next, ok, sleep } from './support/sockets';

/**
 * The per-person limits of the socket protocol hold across app processes: two real app processes on the shared test
 * database, real socket.io clients on each.
 */
describe('realtime limits per person, across app processes', () => {
  let ctx: TestContext;
  let a: AppProcess;
  let b: AppProcess;
  const sockets: ClientSocket[] = [];
  const settings = new RealtimeSettings();

  const newChannel = async () => (await ctx.app.get(ChannelsService).ensureChannel('working_group', randomUUID())).id;
  const open = async (server: AppProcess, user: TestUser) => {
    const socket = await connect(server.url, user.token);
    sockets.push(socket);
    return socket;
  };
  const send = (socket: ClientSocket, channelId: string) =>
    ack(socket, 'message:send', { channelId, clientMessageId: randomUUID(), body: `Limit check ${randomUUID()}` });

  beforeAll(async () => {
    ctx = await TestContext.create();
    [a, b] = await Promise.all([AppProcess.start(ctx.config.jwtSecret), AppProcess.start(ctx.config.jwtSecret)]);
    // Wait until the two processes hear each other (a message sent through one reaches a client of the other).
    const [x, y] = [await ctx.newUser(), await ctx.newUser()];
    const channelId = await newChannel();
    const [onA, onB] = [await open(a, x), await open(b, y)];
    ok(await ack(onB, 'channel:join', { channelId }));
    for (let i = 0; ; i++) {
      const heard = next(onB, 'message:new', () => true, 1_000).then(
        () => true,
        () => false,
      );
      ok(await send(onA, channelId));
      if (await heard) break;
      if (i > 20) throw new Error(`the app processes never heard each other:\n${a.log}\n${b.log}`);
    }
  }, 90_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await ctx?.close();
  });

  it('message writes: what a person spent through one process is taken out of their budget on the other', async () => {
    const user = await ctx.newUser();
    const channelId = await newChannel();
    const onA = [await open(a, user), await open(a, user)];
    const onB = [await open(b, user), await open(b, user)];

    // Spend the whole burst through process A (spread over its two sockets), until A refuses.
    let acceptedOnA = 0;
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => send(onA[i % 2], channelId)));
      acceptedOnA += answers.filter((r) => r.ok).length;
      if (answers.some((r) => !r.ok && r.error.code === 'rate_limited')) break;
    }
    expect(acceptedOnA).toBeGreaterThanOrEqual(settings.writeBurst);

    // A little later (a few share periods), process B knows: it does not hand out a fresh burst.
    await sleep(settings.writeShareMs * 3);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => send(onB[i % 2], channelId)));
    const acceptedOnB = answers.filter((r) => r.ok).length;
    const refused = answers.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => !r.ok && r.error.code === 'rate_limited')).toBe(true);
    // Only what refilled since (20 a second, for about a second at most), far from another burst of 60.
    expect(acceptedOnB).toBeLessThanOrEqual(20);
    const [row] = await ctx.db.query('SELECT count(*)::int AS n FROM messages WHERE channel_id = $1', [channelId]);
    expect(row.n).toBe(acceptedOnA + acceptedOnB);
  });

  it('open connections: at most the cap per person on all processes together; one more is refused at connect', async () => {
    const user = await ctx.newUser();
    const cap = settings.maxConnectionsPerUser;
    const kept: ClientSocket[] = [];
    for (let i = 0; i < cap; i++) kept.push(await open(i % 2 ? b : a, user));

    for (const server of [a, b]) {
      const refused = await connect(server.url, user.token).then(
        (socket) => {
          sockets.push(socket);
          return null;
        },
        (error: Error & { data?: { code?: string; message?: string } }) => error,
      );
      expect(refused?.data).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Too many open connections/) });
    }
    // Someone else is not affected.
    await open(a, await ctx.newUser());

    // Once one closes, a new one is let in, on either process.
    kept[0].close();
    await sleep(300);
    await open(b, user);
  });
});
