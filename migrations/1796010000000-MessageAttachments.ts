import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to discussion messages: a document uploaded to a channel is attached to at most one message of that
 * channel (message_id), set in the same transaction that writes the message.
 */
export class MessageAttachments1796010000000 implements MigrationInterface {
  name = 'MessageAttachments1796010000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents ADD COLUMN message_id uuid REFERENCES messages (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX documents_message_idx ON documents (message_id, created_at) WHERE message_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX documents_message_idx`);
    await q.query(`ALTER TABLE documents DROP COLUMN message_id`);
  }
}
