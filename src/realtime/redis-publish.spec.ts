import { logFailedPublishes } from './realtime-io.adapter';

describe('the Redis adapter’s publishes', () => {
  it('have their failures logged instead of ending the process as unhandled rejections', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const sent: unknown[][] = [];
      const client = {
        publish: (...args: unknown[]): Promise<number> => {
          sent.push(args);
          return args[0] === 'slow' ? Promise.reject(new Error('Timeout')) : Promise.resolve(1);
        },
      };
      const logged: string[] = [];
      logFailedPublishes(client, (error) => logged.push(error.message));

      // As the adapter calls it: without waiting and without a catch.
      void client.publish('slow', 'a broadcast');
      await expect(client.publish('room', 'another')).resolves.toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 20));

      expect(sent).toEqual([
        ['slow', 'a broadcast'],
        ['room', 'another'],
      ]);
      expect(logged).toEqual(['Timeout']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
