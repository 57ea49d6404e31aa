import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discussion channels and their messages, notifications, and the table the socket.io Postgres adapter needs for
 * payloads over NOTIFY's 8000-byte limit. Seeds the one platform lobby.
 */
export class Realtime1795450000000 implements MigrationInterface {
  name = 'Realtime1795450000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('lobby','roundtable','working_group','action_item')),
        ref_id uuid,
        last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT channels_ref_check CHECK ((kind = 'lobby') = (ref_id IS NULL))
      )`);
    // One channel per (kind, ref_id); coalesce makes the lobby's null ref_id collide with itself (plain UNIQUE would not).
    await q.query(
      `CREATE UNIQUE INDEX channels_kind_ref_uq ON channels (kind, coalesce(ref_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
    );
    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE RESTRICT,
        seq bigint NOT NULL CHECK (seq > 0),
        author_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        client_message_id text NOT NULL CHECK (char_length(client_message_id) BETWEEN 1 AND 128),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
        parent_id uuid REFERENCES messages(id) ON DELETE RESTRICT,
        mentions uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        removed_at timestamptz,
        removed_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        removal_reason text CHECK (char_length(removal_reason) <= 500),
        CONSTRAINT messages_channel_seq_uq UNIQUE (channel_id, seq),
        CONSTRAINT messages_author_client_uq UNIQUE (author_id, client_message_id),
        CONSTRAINT messages_removal_check CHECK (removed_at IS NULL OR removal_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX messages_parent_idx ON messages (parent_id) WHERE parent_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE message_revisions (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        body text NOT NULL,
        edited_at timestamptz NOT NULL DEFAULT now(),
        editor_id uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX message_revisions_message_idx ON message_revisions (message_id, id)`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_user_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    // Shape required by @socket.io/postgres-adapter (large or binary broadcasts; it deletes old rows itself).
    await q.query(`
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )`);
    await q.query(`INSERT INTO channels (kind, ref_id) VALUES ('lobby', NULL)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['socket_io_attachments', 'notifications', 'message_revisions', 'messages', 'channels']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
