import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chat habits: reactions to messages, messages pinned by a channel's moderators, and direct conversations between two
 * or a few people (channels of kind `direct`, whose refId is the conversation).
 */
export class ChatHabits1796060000000 implements MigrationInterface {
  name = 'ChatHabits1796060000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE message_reactions (
        message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        emoji text NOT NULL CHECK (char_length(emoji) BETWEEN 1 AND 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, user_id, emoji)
      )`,
    );
    await q.query(`ALTER TABLE messages ADD COLUMN pinned_at timestamptz, ADD COLUMN pinned_by_id uuid REFERENCES users (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX messages_pinned ON messages (channel_id, pinned_at DESC) WHERE pinned_at IS NOT NULL`);
    await q.query(
      `CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_key text NOT NULL UNIQUE,
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    await q.query(
      `CREATE TABLE conversation_members (
        conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (conversation_id, user_id)
      )`,
    );
    await q.query(`CREATE INDEX conversation_members_user ON conversation_members (user_id)`);
    await q.query(`ALTER TABLE channels DROP CONSTRAINT channels_kind_check`);
    await q.query(
      `ALTER TABLE channels ADD CONSTRAINT channels_kind_check CHECK (kind IN ('lobby','roundtable','working_group','action_item','caucus','direct'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM message_reactions WHERE message_id IN (SELECT m.id FROM messages m JOIN channels c ON c.id = m.channel_id WHERE c.kind = 'direct')`);
    await q.query(`DELETE FROM messages WHERE channel_id IN (SELECT id FROM channels WHERE kind = 'direct')`);
    await q.query(`DELETE FROM channels WHERE kind = 'direct'`);
    await q.query(`ALTER TABLE channels DROP CONSTRAINT channels_kind_check`);
    await q.query(`ALTER TABLE channels ADD CONSTRAINT channels_kind_check CHECK (kind IN ('lobby','roundtable','working_group','action_item','caucus'))`);
    await q.query(`DROP TABLE conversation_members`);
    await q.query(`DROP TABLE conversations`);
    await q.query(`DROP INDEX messages_pinned`);
    await q.query(`ALTER TABLE messages DROP COLUMN pinned_by_id, DROP COLUMN pinned_at`);
    await q.query(`DROP TABLE message_reactions`);
  }
}
