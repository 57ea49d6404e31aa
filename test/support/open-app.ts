import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ChannelAccessRegistry } from '../../src/realtime/channel-access.registry';
import { ChannelsService } from '../../src/realtime/channels.service';
import { TestContext } from './context';

/**
 * An app listening on a free port whose roundtable channels are open to every signed-in user (the access rules are
 * tested elsewhere): `channel()` makes a new one; `restore()` puts the real rule back.
 */
export async function openApp(overrides: Parameters<typeof TestContext.create>[0] = {}) {
  const ctx = await TestContext.create(overrides);
  await ctx.app.listen(0);
  const url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
  const restore = ctx.app.get(ChannelAccessRegistry).register('roundtable', () => Promise.resolve({ read: true, post: true }));
  const channel = async () => (await ctx.app.get(ChannelsService).ensureChannel('roundtable', randomUUID())).id;
  return { ctx, url, restore, channel };
}
