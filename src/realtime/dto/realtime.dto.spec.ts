import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ChannelRefPayload, MessageSendPayload as SendMessageDto, quickChannelRef, quickSendMessage } from './events.dto';

/** What the gateway's full validation makes of a payload: the DTO, or null when it is refused. */
function validated(payload: Record<string, unknown>): SendMessageDto | null {
  const input = plainToInstance(SendMessageDto, payload);
  const errors = validateSync(input, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return errors.length ? null : input;
}

const channelId = '3f0c9a7e-2b1d-4c5e-9f8a-1b2c3d4e5f60';
const parentId = '7d9e8f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

describe('quickSendMessage (the fast path of message:send validation)', () => {
  const valid: Record<string, unknown>[] = [
    { channelId, clientMessageId: 'c-1', body: 'hello' },
    { channelId, clientMessageId: 'c-1', body: '  padded\r\nlines  ' },
    { channelId, clientMessageId: 'c-1', body: 'tab\tand newline\n ok' },
    { channelId, clientMessageId: 'c-1', body: '你好，世界 👋' },
    { channelId, clientMessageId: 'c-1', body: 'x'.repeat(4000) },
    { channelId, clientMessageId: 'c-1', body: '😀'.repeat(4000) },
    { channelId, clientMessageId: 'c-1', body: 'hi', parentId },
    { channelId, clientMessageId: 'c-1', body: 'hi', parentId: null },
    { channelId, clientMessageId: 'x'.repeat(128), body: 'hi' },
    { channelId: '00000000-0000-0000-0000-000000000000', clientMessageId: 'c', body: 'hi' },
  ];
  const payloads: Record<string, unknown>[] = [
    ...valid,
    // refused, each for its own reason
    { channelId, clientMessageId: 'c-1', body: 'x'.repeat(4001) },
    { channelId, clientMessageId: 'c-1', body: '😀'.repeat(4001) },
    { channelId, clientMessageId: 'c-1', body: '   ' },
    { channelId, clientMessageId: 'c-1', body: '' },
    { channelId, clientMessageId: 'c-1', body: 'bell\u0007' },
    { channelId, clientMessageId: 'c-1', body: 42 },
    { channelId, clientMessageId: 'c-1' },
    { channelId, clientMessageId: 'with space', body: 'hi' },
    { channelId, clientMessageId: 'x'.repeat(129), body: 'hi' },
    { channelId, clientMessageId: '', body: 'hi' },
    { channelId, clientMessageId: 7, body: 'hi' },
    { channelId, clientMessageId: 'ü', body: 'hi' },
    { channelId: 'not-a-uuid', clientMessageId: 'c', body: 'hi' },
    { channelId: channelId.toUpperCase(), clientMessageId: 'c', body: 'hi' },
    { channelId: '3f0c9a7e-2b1d-0c5e-9f8a-1b2c3d4e5f60', clientMessageId: 'c', body: 'hi' },
    { channelId: 12, clientMessageId: 'c', body: 'hi' },
    { clientMessageId: 'c', body: 'hi' },
    { channelId, clientMessageId: 'c', body: 'hi', parentId: 'nope' },
    { channelId, clientMessageId: 'c', body: 'hi', parentId: 5 },
    { channelId, clientMessageId: 'c', body: 'hi', extra: true },
    JSON.parse(`{"channelId":"${channelId}","clientMessageId":"c","body":"hi","__proto__":{"x":1}}`) as Record<string, unknown>,
  ];

  it.each(payloads.map((p, i) => [i, p]))('agrees with class-validator on payload %i', (_i, payload) => {
    const quick = quickSendMessage(payload);
    const full = validated(payload);
    if (quick) {
      // The fast path only ever accepts, and then exactly as the full validation would.
      expect(full).not.toBeNull();
      expect(quick).toBeInstanceOf(SendMessageDto);
      expect({ ...quick }).toEqual({ ...full });
    }
  });

  it('takes the fast path for every valid one', () => {
    for (const payload of valid) expect(quickSendMessage(payload)).not.toBeNull();
  });

  it('takes the fast path for ordinary messages', () => {
    expect(quickSendMessage({ channelId, clientMessageId: 'c-1', body: ' hello\r\n' })).toEqual(
      Object.assign(new SendMessageDto(), { channelId, clientMessageId: 'c-1', body: 'hello' }),
    );
    expect(quickSendMessage({ channelId, clientMessageId: 'c-1', body: 'hi', parentId })?.parentId).toBe(parentId);
    expect(quickSendMessage({ channelId, clientMessageId: 'c-1', body: 'hi', extra: 1 })).toBeNull();
  });
});

describe('quickChannelRef (the fast path of channel:join, channel:leave and typing)', () => {
  const payloads: Record<string, unknown>[] = [
    { channelId },
    { channelId: channelId.toUpperCase() },
    { channelId: '00000000-0000-0000-0000-000000000000' },
    { channelId: 'not-a-uuid' },
    { channelId: '' },
    { channelId: 42 },
    { channelId: null },
    {},
    { channelId, extra: true },
    { channelID: channelId },
    { channelId: [channelId] },
  ];

  it.each(payloads.map((p, i) => [i, p]))('agrees with class-validator on payload %i', (_i, payload) => {
    const input = plainToInstance(ChannelRefPayload, payload);
    const full = validateSync(input, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }).length ? null : input;
    const quick = quickChannelRef(payload);
    if (quick) {
      expect(quick).toBeInstanceOf(ChannelRefPayload);
      expect({ ...quick }).toEqual({ ...full });
    }
  });

  it('takes the fast path for a plain channel id only', () => {
    expect(quickChannelRef({ channelId })).toEqual(Object.assign(new ChannelRefPayload(), { channelId }));
    expect(quickChannelRef({ channelId, extra: 1 })).toBeNull();
    expect(quickChannelRef({ channelId: 'nope' })).toBeNull();
  });
});
