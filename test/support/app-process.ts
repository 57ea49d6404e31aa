import 'reflect-metadata';
import { createApp } from '../../src/create-app';
import { ChannelAccessRegistry } from '../../src/realtime/channel-access.registry';
import { testConfig } from './context';

/**
 * One app process for the scale-out tests: the real app on the shared test database, listening on PORT.
 * Started by test/support/app-processes.ts; tells its parent `{ ready: port }` over IPC.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const jwtSecret = process.env.JWT_SECRET;
  if (!port || !jwtSecret) throw new Error('PORT and JWT_SECRET are required');
  const mail = process.env.SMTP_URL
    ? {
        smtpUrl: process.env.SMTP_URL,
        mailPollMs: 50,
        mailRatePerSecond: Number(process.env.MAIL_RATE_PER_SECOND) || 500,
        mailLeaseSeconds: Number(process.env.MAIL_LEASE_SECONDS) || 60,
      }
    : {};
  const app = await createApp(testConfig({ jwtSecret, redisUrl: process.env.REDIS_URL || undefined, ...mail }));
  // Test only: working-group channels are open to every signed-in user in these processes, so the tests need no
  // working groups (the access rules themselves are covered by realtime.e2e-spec.ts).
  if (!process.env.APP_PROCESS_AS_SHIPPED) {
    app.get(ChannelAccessRegistry).register('working_group', (user) => Promise.resolve({ read: true, post: user.role !== 'observer' }));
  }
  await app.listen(port, '127.0.0.1');
  process.send?.({ ready: port });
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
