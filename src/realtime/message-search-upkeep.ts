import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** The GIN indexes of message search (migrations MessageSearchVector and MessageChineseBigrams). */
const MERGE_PENDING = `SELECT gin_clean_pending_list('messages_body_tsv'::regclass) + gin_clean_pending_list('messages_body_cjk'::regclass) AS pages`;

/**
 * Keeps the pending lists of the message search indexes short, off the send path.
 *
 * PostgreSQL adds a new row's entries to a GIN index's pending list, and merges that list into the index inside
 * the insert that makes it pass gin_pending_list_limit (4 MB). At 1,500 messages a second that was one insert of
 * 60–110 ms every 10 s or so, holding its channels' rows while it merged some 13,000 messages, so every send behind
 * it waited (seen in pg_stat_activity and pgstatginindex during bench:realtime). Merged here, a second after writes,
 * the list holds about a second's messages, the merge takes 5–30 ms on a pooled connection, and no send
 * waits for it (an insert meanwhile only appends to the list). Searches also read a shorter pending list.
 */
export class MessageSearchUpkeep {
  private readonly logger = new Logger('MessageSearchUpkeep');
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    /** How long after a write the pending lists are merged. */
    private readonly delayMs = 1000,
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
