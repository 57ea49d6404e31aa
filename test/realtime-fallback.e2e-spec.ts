/**
 * The socket tests whose outcome depends on how broadcasts reach the sockets, again with the direct-delivery fast
 * path forced off (REALTIME_DIRECT_DELIVERY=false, read by testConfig here and in the app processes it starts):
 * socket.io's ordinary broadcast must give the same answers.
 */
import { RealtimeEmitter } from '../src/realtime/realtime.emitter';
import { TestContext } from './support/context';

process.env.REALTIME_DIRECT_DELIVERY = 'false';

describe('with socket.io’s ordinary broadcast (REALTIME_DIRECT_DELIVERY=false)', () => {
  it('the app delivers through socket.io', async () => {
    const ctx = await TestContext.create();
    try {
      await ctx.app.listen(0);
      expect(ctx.app.get(RealtimeEmitter).deliveryMode()).toBe('socket.io');
    } finally {
      await ctx.close();
    }
  }, 30_000);

  /* eslint-disable @typescript-eslint/no-require-imports -- the suites register their tests as they load */
  require('./realtime.e2e-spec');
  require('./realtime-scaleout.e2e-spec');
  require('./discussions.e2e-spec');
});
