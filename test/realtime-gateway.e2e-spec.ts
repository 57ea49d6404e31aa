import type { MessageView } from '../src/realtime/dto/views';
import { RealtimeEmitter } from '../src/realtime/realtime.emitter';
import { RealtimeSettings } from '../src/realtime/realtime.settings';
import { type TestUser } from './support/context';
import { openApp } from './support/open-app';
import { ack, type Ack, cid, type ClientSocket, connect, messagesOf, ok, record, sleep } from './support/sockets';

type Sent = { message: MessageView };

describe.each([
  { direct: true, mode: 'direct' },
  { direct: false, mode: 'socket.io' },
])('broadcasts with REALTIME_DIRECT_DELIVERY=$direct', ({ direct, mode }) => {
  let app: Awaited<ReturnType<typeof openApp>>;
  const sockets: ClientSocket[] = [];
  const open = async (user: TestUser, options: Record<string, unknown> = {}) => {
    const socket = await connect(app.url, user.token, options);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    app = await openApp({ realtimeDirectDelivery: direct });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    app?.restore();
    await app?.ctx.close();
  });

  it(`delivers ${mode === 'direct' ? 'straight to each WebSocket' : 'through socket.io'}`, () => {
    expect(app.ctx.app.get(RealtimeEmitter).deliveryMode()).toBe(mode);
  });

  it('three senders, four readers (one on long-polling): every reader gets every other message once, in seq order', async () => {
    const users = await Promise.all([1, 2, 3, 4].map(() => app.ctx.newUser({ role: 'member' })));
    const channelId = await app.channel();
    const senders = await Promise.all(users.slice(0, 3).map((u) => open(u)));
    const listener = await open(users[3], { transports: ['polling'] });
    for (const s of [...senders, listener]) ok(await ack(s, 'channel:join', { channelId }));
    const heard = new Map([...senders, listener].map((s) => [s, record<Sent>(s, 'message:new')]));

    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        senders.map((s, n) => ack<Sent>(s, 'message:send', { channelId, clientMessageId: cid(), body: `sender ${n} says ${i}` })),
      ).flat(),
    );
    const sent = acks.map((a) => ok(a).message);
    expect(sent.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const expectedFor = (s: ClientSocket) => {
      const n = senders.indexOf(s);
      return sent
        .filter((m) => n < 0 || m.author.id !== users[n].id)
        .map((m) => m.seq)
        .sort((x, y) => x - y);
    };
    for (let waited = 0; waited < 5_000 && [...heard].some(([s, got]) => got.length < expectedFor(s).length); waited += 50) await sleep(50);
    await sleep(100);
    for (const [s, got] of heard) {
      const seqs = messagesOf(got, channelId).map((m) => m.seq);
      expect(seqs).toEqual(expectedFor(s));
    }
  });
});

describe('the AsyncAPI document', () => {
  it('is served beside the OpenAPI one, its schemas those of /api/docs/openapi.json', async () => {
    const app = await openApp();
    try {
      const asyncapi = (await app.ctx.http.get('/api/docs/asyncapi.json').expect(200)).body;
      const openapi = (await app.ctx.http.get('/api/docs/openapi.json').expect(200)).body;
      expect(asyncapi).toMatchObject({ asyncapi: '3.0.0', channels: { 'message:send': { address: 'message:send' } } });
      expect(asyncapi.components.schemas.MessageSendPayload).toEqual(openapi.components.schemas.MessageSendPayload);
      expect(asyncapi.operations['receive.message.send'].reply.messages).toHaveLength(2);
    } finally {
      app.restore();
      await app.ctx.close();
    }
  }, 30_000);
});

describe('the message write limit counts per person, across all their connections', () => {
  let app: Awaited<ReturnType<typeof openApp>>;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.close();
    app?.restore();
    await app?.ctx.close();
  });

  it('ten sockets of one person sending 500 messages in a second get rate_limited beyond the limit; only the accepted ones are stored', async () => {
    const { writeBurst, writesPerSecond } = app.ctx.app.get(RealtimeSettings);
    const [spammer, bystander] = await Promise.all([app.ctx.newUser({ role: 'member' }), app.ctx.newUser({ role: 'member' })]);
    const channelId = await app.channel();
    const tabs = await Promise.all(Array.from({ length: 10 }, () => connect(app.url, spammer.token)));
    const other = await connect(app.url, bystander.token);
    sockets.push(...tabs, other);

    const started = Date.now();
    const answers: Promise<Ack<Sent>>[] = [];
    const bystanderAnswers: Promise<Ack<Sent>>[] = [];
    for (let round = 0; round < 50; round++) {
      for (const tab of tabs) answers.push(ack<Sent>(tab, 'message:send', { channelId, clientMessageId: cid('flood'), body: `flood ${round}` }, 15_000));
      if (round % 10 === 0)
        bystanderAnswers.push(ack<Sent>(other, 'message:send', { channelId, clientMessageId: cid('calm'), body: `meanwhile ${round}` }, 15_000));
      await sleep(20);
    }
    const results = await Promise.all(answers);
    const seconds = (Date.now() - started) / 1000;

    const accepted = results.filter((r) => r.ok).length;
    expect(results).toHaveLength(500);
    expect(accepted).toBeGreaterThanOrEqual(writeBurst);
    expect(accepted).toBeLessThanOrEqual(writeBurst + Math.ceil(writesPerSecond * seconds) + 1);
    for (const refused of results.filter((r) => !r.ok)) expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await app.ctx.count('messages', 'author_id = $1', [spammer.id])).toBe(accepted);
    // Someone else in the same channel meanwhile is not held back by it.
    expect((await Promise.all(bystanderAnswers)).map((r) => r.ok)).toEqual([true, true, true, true, true]);
  }, 60_000);
});
