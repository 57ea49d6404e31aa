import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * The GIN indexes on message bodies: words (migration MessageSearchVector), Chinese bigrams (MessageChineseBigrams)
 * and trigrams for substring search (Search).
 */
const MERGE_PENDING = `
  SELECT gin_clean_pending_list('messages_body_tsv'::regclass)
       + gin_clean_pending_list('messages_body_cjk'::regclass)
       + gin_clean_pending_list('messages_body_trgm'::regclass) AS pages`;

/**
 * Keeps the pending lists of the message body indexes short, off the send path.
 *
 * PostgreSQL adds a new row's entries to a GIN index's pending list, and merges that list into the index inside
 * the insert that makes it pass gin_pending_list_limit (4 MB), while that insert holds its channels' rows and every
 * send behind it waits. The trigram index fills fastest (an entry per distinct trigram of a body): at 1,500 messages
 * a second its list passed 4 MB about once a second, and the insert that passed it took 60–100 ms (seen in
 * bench:realtime's timeline of the writer's statements: one such statement every 1.04 s, each the start of a
 * fan-out p99 above 100 ms). Merged here, 200 ms after writes, each list holds a fifth of a second's messages, the
 * three merges take 10–55 ms together on a pooled connection, and no send waits for them: an insert meanwhile only
 * appends to the list (one that finds a merge under way leaves it to that merge). Searches also read shorter lists.
 */
export class MessageSearchUpkeep {
  private readonly logger = new Logger('MessageSearchUpkeep');
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    /** How long after a write the pending lists are merged. */
    private readonly delayMs = 200,
  ) {}

  /** Messages were written: the lists are merged within delayMs. */
  written(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => void this.merge(), this.delayMs);
    this.timer.unref();
  }

  private async merge(): Promise<void> {
    try {
      await this.dataSource.query(MERGE_PENDING);
    } catch (error) {
      // Not the indexes' owner (a database set up by someone else): PostgreSQL merges them itself, as before.
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      this.logger.warn(`the message search indexes were not merged (${error instanceof Error ? error.message : String(error)})`);
      if (code === '42501') this.stopped = true;
    } finally {
      this.timer = undefined;
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
