import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chinese words in message search from an index: each message with Chinese in it stores the set of its overlapping
 * two-character sequences (ideographs only) as a tsvector, indexed with GIN. A Chinese search of n characters asks for
 * its n − 1 sequences together, then checks the exact run with ILIKE; before, a two-character word (too short for
 * a trigram) was looked for in every message of the readable channels.
 */
export class MessageChineseBigrams1796200000000 implements MigrationInterface {
  name = 'MessageChineseBigrams1796200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION greentable_cjk_bigrams(t text) RETURNS tsvector IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT g)), ''::tsvector)
          FROM (SELECT substr(t, i, 2) AS g FROM generate_series(1, length(t) - 1) AS i) AS pairs
         WHERE g ~ '^[\u3400-\u9fff\uf900-\ufaff]{2}$'
      $$`);
    await q.query(`
      ALTER TABLE messages ADD COLUMN body_cjk tsvector
        GENERATED ALWAYS AS (CASE WHEN body ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN greentable_cjk_bigrams(body) END) STORED`);
    await q.query(`CREATE INDEX messages_body_cjk ON messages USING gin (body_cjk) WHERE removed_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_body_cjk`);
    await q.query(`ALTER TABLE messages DROP COLUMN body_cjk`);
    await q.query(`DROP FUNCTION greentable_cjk_bigrams(text)`);
  }
}
