/**
 * The socket tests whose outcome depends on how broadcasts reach the sockets, again with the direct-delivery fast
 * path forced off (REALTIME_DIRECT_DELIVERY=false, read by testConfig here and in the app processes it starts):
 * socket.io's ordinary broadcast must give the same answers.
 */
import type { AddressInfo } from 'node:net';
import type { MessageView } from '../src/realtime/dto/views';
import { RealtimeEmitter } from '../src/realtime/realtime.emitter';
import { TestContext } from './support/context';
import { ack, cid, connect, next, ok } from './support/sockets';

process.env.REALTIME_DIRECT_DELIVERY = 'false';

describe('with socket.io’s ordinary broadcast (REALTIME_DIRECT_DELIVERY=false)', () => {
  it('the app delivers through socket.io, and a message reaches the room', async () => {
    const ctx = await TestContext.create();
    try {
      await ctx.app.listen(0);
      expect(ctx.app.get(RealtimeEmitter).deliveryMode()).toBe('socket.io');
      const url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
      const [alice, bob] = await Promise.all([ctx.newUser(), ctx.newUser()]);
      const lobbyId = (await ctx.http.get('/api/channels?kind=lobby').set(alice.auth).expect(200)).body.items[0].id;
      const [a, b] = await Promise.all([connect(url, alice.token), connect(url, bob.token)]);
      try {
        ok(await ack(b, 'channel:join', { channelId: lobbyId }));
        const clientMessageId = cid('fallback');
        const heard = next<{ message: MessageView }>(b, 'message:new', (e) => e.message.clientMessageId === clientMessageId);
        const sent = ok(await ack<{ message: MessageView }>(a, 'message:send', { channelId: lobbyId, clientMessageId, body: 'through socket.io' }));
        expect((await heard).message).toEqual(sent.message);
      } finally {
        a.close();
        b.close();
      }
    } finally {
      await ctx.close();
    }
  }, 30_000);

  /* eslint-disable @typescript-eslint/no-require-imports -- the suites register their tests as they load */
  require('./realtime.e2e-spec');
  require('./realtime-scaleout.e2e-spec');
  require('./discussions.e2e-spec');
});
