import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A roundtable's venue time zone (IANA name), in which its times are entered and shown; and each person's read
 * position per channel, shared by all their devices, from which unread counts are derived.
 */
export class VenueTimeZoneAndReadPositions1795490000000 implements MigrationInterface {
  name = 'VenueTimeZoneAndReadPositions1795490000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roundtables ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'`);
    await q.query(`UPDATE roundtables SET time_zone = 'Asia/Shanghai' WHERE location_city IN ('Beijing', 'Suzhou', 'Nanjing', 'Shanghai')`);
    await q.query(`
      CREATE TABLE channel_reads (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
        last_read_seq bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, channel_id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_reads`);
    await q.query(`ALTER TABLE roundtables DROP COLUMN time_zone`);
  }
}
