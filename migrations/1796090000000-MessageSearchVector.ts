import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message search at scale: the English text vector is stored with the message (computed once when it is written,
 * as the expression index already did) so that checking and ranking a hit no longer re-parses its body; and an index
 * on the time of writing lets a search with very many hits show the newest without ranking them all. Unread counts get
 * indexes of their own.
 */
export class MessageSearchVector1796090000000 implements MigrationInterface {
  name = 'MessageSearchVector1796090000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN body_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED`);
    await q.query(`DROP INDEX messages_body_fts`);
    await q.query(`CREATE INDEX messages_body_tsv ON messages USING gin (body_tsv) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX messages_created_at ON messages (created_at DESC, id) WHERE removed_at IS NULL`);
    // Unread counts read these without visiting the table: the authors of live messages in seq order, and the few
    // messages that mention anyone.
    await q.query(`CREATE INDEX messages_unread ON messages (channel_id, seq) INCLUDE (author_id) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX messages_mentioned ON messages (channel_id, seq) INCLUDE (mentions) WHERE removed_at IS NULL AND mentions <> '{}'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_mentioned`);
    await q.query(`DROP INDEX messages_unread`);
    await q.query(`DROP INDEX messages_created_at`);
    await q.query(`DROP INDEX messages_body_tsv`);
    await q.query(`CREATE INDEX messages_body_fts ON messages USING gin (to_tsvector('english', body)) WHERE removed_at IS NULL`);
    await q.query(`ALTER TABLE messages DROP COLUMN body_tsv`);
  }
}
