import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail: the outbox every mail is written to in the transaction that causes it (a worker delivers it), each person's
 * mail preferences per kind, their mail time zone and digest hour, and a roundtable's calendar sequence (raised when
 * its time or place changes, so calendars take the update).
 */
export class MailOutbox1795500000001 implements MigrationInterface {
  name = 'MailOutbox1795500000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
        message_id text NOT NULL UNIQUE,
        dedupe_key text UNIQUE,
        notification_id uuid,
        context jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status IN ('queued', 'sending')`);
    await q.query(`CREATE INDEX mail_outbox_failed ON mail_outbox (created_at) WHERE status = 'failed'`);
    await q.query(`CREATE INDEX mail_outbox_latest ON mail_outbox (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX mail_outbox_user ON mail_outbox (user_id, kind, created_at DESC)`);
    await q.query(`
      CREATE TABLE mail_preferences (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('immediate', 'digest', 'never')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
    await q.query(`ALTER TABLE users ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'`);
    await q.query(`ALTER TABLE users ADD COLUMN digest_hour smallint CHECK (digest_hour BETWEEN 0 AND 23) DEFAULT 8`);
    await q.query(`ALTER TABLE roundtables ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roundtables DROP COLUMN calendar_sequence`);
    await q.query(`ALTER TABLE users DROP COLUMN digest_hour`);
    await q.query(`ALTER TABLE users DROP COLUMN time_zone`);
    await q.query(`DROP TABLE mail_preferences`);
    await q.query(`DROP TABLE mail_outbox`);
  }
}
