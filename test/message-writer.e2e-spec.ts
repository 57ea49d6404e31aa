import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { QueryRunner } from 'typeorm';
import { MessageWriter, type NewMessage } from '../src/realtime/message-writer';
import { ChannelsService } from '../src/realtime/channels.service';
import { TestContext, type TestUser } from './support/context';

/** The message writer on the real database: statements by channel, and the search indexes kept merged. */
describe('MessageWriter', () => {
  let ctx: TestContext;
  let author: TestUser;
  let writer: MessageWriter;

  const channel = async () => (await ctx.app.get(ChannelsService).ensureChannel('roundtable', randomUUID())).id;
  const message = (channelId: string, body: string): NewMessage => ({
    channelId,
    authorId: author.id,
    clientMessageId: randomUUID(),
    body,
    parentId: null,
    mentions: [],
  });
  /** Whether the promise has settled by now. */
  const settled = async (p: Promise<unknown>) => Promise.race([p.then(() => true), sleep(0).then(() => false)]);

  beforeAll(async () => {
    ctx = await TestContext.create();
    author = await ctx.newUser();
  });
  beforeEach(() => {
    writer = new MessageWriter(ctx.db);
  });
  afterEach(async () => {
    await writer.close();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('writes a channel while another channel is locked, and each channel in the order its messages came', async () => {
    const [slow, free] = [await channel(), await channel()];
    // Another transaction (another process's send, a long edit) holds the slow channel's row.
    const lock: QueryRunner = ctx.db.createQueryRunner();
    await lock.startTransaction();
    try {
      await lock.query(`SELECT 1 FROM channels WHERE id = $1 FOR UPDATE`, [slow]);
      const first = writer.write(message(slow, 'first'));
      await sleep(50); // its statement is under way, waiting for the row
      const second = writer.write(message(slow, 'second'));
      const other = writer.write(message(free, 'elsewhere'));
      const written = await Promise.race([other, sleep(5000, 'waited', { ref: false })]);
      expect(written).toMatchObject({ seq: '1' });
      expect(await settled(first)).toBe(false);
      expect(await settled(second)).toBe(false);
      await lock.commitTransaction();
      expect([(await first)?.seq, (await second)?.seq]).toEqual(['1', '2']);
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
    }
    const rows: { body: string; seq: string }[] = await ctx.db.query(`SELECT body, seq FROM messages WHERE channel_id = $1 ORDER BY seq`, [slow]);
    expect(rows).toEqual([
      { body: 'first', seq: '1' },
      { body: 'second', seq: '2' },
    ]);
  });

  it('keeps every channel gapless and in order under a burst across channels', async () => {
    const channels = await Promise.all([1, 2, 3, 4].map(() => channel()));
    const sent = Array.from({ length: 120 }, (_, i) => message(channels[i % 4], `message ${i}`));
    const rows = await Promise.all(sent.map((m) => writer.write(m)));
    for (const [c, channelId] of channels.entries()) {
      const mine = rows.filter((_, i) => i % 4 === c).map((r) => Number(r?.seq));
      expect(mine).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const [{ last_seq }]: { last_seq: string }[] = await ctx.db.query(`SELECT last_seq FROM channels WHERE id = $1`, [channelId]);
      expect(last_seq).toBe('30');
    }
  });

  it('with a statement under way, gathers the next sends until enough wait or the first has waited long enough', async () => {
    await writer.close();
    writer = new MessageWriter(ctx.db, 200, 2, 4, 300); // lingerBatch 4, lingerMs 300
    const [slow, free] = [await channel(), await channel()];
    const transactions = async (channelId: string) => {
      const [{ n }]: { n: number }[] = await ctx.db.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM messages WHERE channel_id = $1`, [channelId]);
      return n;
    };
    const lock: QueryRunner = ctx.db.createQueryRunner();
    await lock.startTransaction();
    try {
      await lock.query(`SELECT 1 FROM channels WHERE id = $1 FOR UPDATE`, [slow]);
      // Nothing under way: a send is written at once (and waits for the lock).
      const first = writer.write(message(slow, 'first'));
      await sleep(50);
      // A statement is under way: three sends 20 ms apart wait for a fourth (or 300 ms).
      const gathered: Promise<unknown>[] = [];
      for (const i of [1, 2, 3]) {
        gathered.push(writer.write(message(free, `gathered ${i}`)));
        await sleep(20);
      }
      expect(await Promise.all(gathered.map(settled))).toEqual([false, false, false]);
      gathered.push(writer.write(message(free, 'gathered 4')));
      expect(await Promise.race([Promise.all(gathered), sleep(250, 'waited', { ref: false })])).not.toBe('waited');
      expect(await transactions(free)).toBe(1); // all four in one statement
      // One send alone waits out lingerMs, then goes.
      const alone = writer.write(message(free, 'alone'));
      await sleep(100);
      expect(await settled(alone)).toBe(false);
      expect(await Promise.race([alone, sleep(1000, 'waited', { ref: false })])).toMatchObject({ seq: '5' });
      expect(await transactions(free)).toBe(2);
      await lock.commitTransaction();
      expect(await first).toMatchObject({ seq: '1' });
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
    }
  });

  it('merges the body indexes’ pending lists soon after writing, so no send has to', async () => {
    const channelId = await channel();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => writer.write(message(channelId, i % 2 ? `green jobs roadmap item ${i}` : `绿色就业路线图第${i}项`))),
    );
    await sleep(1500);
    // Nothing is left to merge: gin_clean_pending_list answers how many pending pages it merged.
    const [left]: { tsv: number; cjk: number; trgm: number }[] = await ctx.db.query(
      `SELECT gin_clean_pending_list('messages_body_tsv'::regclass)::int AS tsv, gin_clean_pending_list('messages_body_cjk'::regclass)::int AS cjk,
              gin_clean_pending_list('messages_body_trgm'::regclass)::int AS trgm`,
    );
    expect(left).toEqual({ tsv: 0, cjk: 0, trgm: 0 });
    // And the messages are found through the indexes: words, Chinese bigrams, substrings.
    const found: { n: number }[] = await ctx.db.query(
      `SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND (body_tsv @@ to_tsquery('english', 'roadmap') OR body_cjk @@ '绿色'::tsquery)`,
      [channelId],
    );
    expect(found[0].n).toBe(40);
    const substring: { n: number }[] = await ctx.db.query(`SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND body ILIKE '%路线图第1%'`, [
      channelId,
    ]);
    expect(substring[0].n).toBe(5); // 第10, 第12, 第14, 第16, 第18
  });
});
