import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search: English full-text search (stemmed, phrases) and trigram matching (pg_trgm, shipped with PostgreSQL and the
 * embedded server) so that Chinese, which has no spaces between words, is found by any run of characters.
 */
export class Search1795540000000 implements MigrationInterface {
  name = 'Search1795540000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX messages_body_fts ON messages USING gin (to_tsvector('english', body)) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX messages_body_trgm ON messages USING gin (body gin_trgm_ops) WHERE removed_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_body_trgm`);
    await q.query(`DROP INDEX messages_body_fts`);
  }
}
