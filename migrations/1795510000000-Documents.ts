import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents attached to roundtables, agenda items, decisions, working groups, commitments and discussion channels,
 * each with every version ever uploaded. A version's bytes live in the document store under storage_key (an id, never
 * the uploaded name); sha256 is the digest computed while the upload streamed in.
 */
export class Documents1795510000000 implements MigrationInterface {
  name = 'Documents1795510000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_type text NOT NULL CHECK (target_type IN ('roundtable', 'agenda_item', 'decision', 'working_group', 'action_item', 'channel')),
        target_id uuid NOT NULL,
        roundtable_id uuid,
        name text NOT NULL,
        current_version integer NOT NULL DEFAULT 1,
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX documents_target_idx ON documents (target_type, target_id, created_at)`);
    await q.query(`CREATE INDEX documents_roundtable_idx ON documents (roundtable_id) WHERE roundtable_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE document_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        name text NOT NULL,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL UNIQUE,
        uploaded_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (document_id, version)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_versions`);
    await q.query(`DROP TABLE documents`);
  }
}
