import { MigrationInterface, QueryRunner } from 'typeorm';

const CONSTITUENCIES = `'government','employers','workers','park_management','civil_society','academia','international'`;

export class RoundtablesAndWorkingGroups1795440000000 implements MigrationInterface {
  name = 'RoundtablesAndWorkingGroups1795440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roundtables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title jsonb NOT NULL,
        description jsonb NOT NULL DEFAULT '{}'::jsonb,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        location_city text,
        location_venue text,
        location_online boolean NOT NULL DEFAULT false,
        location_url text,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','open','concluded')),
        visibility text NOT NULL CHECK (visibility IN ('platform','participants')),
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT roundtables_time_check CHECK (ends_at > starts_at)
      )`);
    // The list is keyset-paged on (starts_at, id), optionally filtered by status.
    await q.query(`CREATE INDEX roundtables_starts_at_idx ON roundtables (starts_at, id)`);
    await q.query(`CREATE INDEX roundtables_status_starts_at_idx ON roundtables (status, starts_at, id)`);
    await q.query(`CREATE INDEX roundtables_ends_at_idx ON roundtables (ends_at)`);

    await q.query(`
      CREATE TABLE roundtable_participants (
        roundtable_id uuid NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('facilitator','participant','observer')),
        attended boolean,
        added_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (roundtable_id, user_id)
      )`);
    // "Which roundtables may this user see" starts from the user.
    await q.query(`CREATE INDEX roundtable_participants_user_idx ON roundtable_participants (user_id, roundtable_id)`);

    await q.query(`
      CREATE TABLE roundtable_agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roundtable_id uuid NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        title jsonb NOT NULL,
        presenter_id uuid REFERENCES users(id) ON DELETE SET NULL,
        presenter_name text,
        starts_at timestamptz,
        ends_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT roundtable_agenda_items_slot_check CHECK (ends_at IS NULL OR (starts_at IS NOT NULL AND ends_at > starts_at)),
        -- Deferred so that shifting and reordering positions inside one transaction never trips over itself.
        CONSTRAINT roundtable_agenda_items_position_key UNIQUE (roundtable_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);

    await q.query(`
      CREATE TABLE agenda_minutes_revisions (
        id bigserial PRIMARY KEY,
        agenda_item_id uuid NOT NULL REFERENCES roundtable_agenda_items(id) ON DELETE CASCADE,
        revision integer NOT NULL CHECK (revision >= 1),
        text jsonb NOT NULL,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agenda_minutes_revisions_revision_key UNIQUE (agenda_item_id, revision)
      )`);

    await q.query(`
      CREATE TABLE roundtable_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roundtable_id uuid NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
        text jsonb NOT NULL,
        adoption text NOT NULL CHECK (adoption IN ('consensus','constituencies')),
        constituencies text[] NOT NULL DEFAULT '{}',
        -- Linked both ways by the roadmaps migration, which adds action items and the foreign key.
        action_item_id uuid,
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT roundtable_decisions_constituencies_known_check CHECK (constituencies <@ ARRAY[${CONSTITUENCIES}]::text[]),
        CONSTRAINT roundtable_decisions_adoption_fits_check CHECK (
          (adoption = 'consensus' AND cardinality(constituencies) = 0)
          OR (adoption = 'constituencies' AND cardinality(constituencies) > 0))
      )`);
    await q.query(`CREATE INDEX roundtable_decisions_roundtable_idx ON roundtable_decisions (roundtable_id, created_at)`);

    await q.query(`
      CREATE TABLE working_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name jsonb NOT NULL,
        mandate jsonb NOT NULL,
        chair_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        formed_by_roundtable_id uuid REFERENCES roundtables(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX working_groups_created_at_idx ON working_groups (created_at, id)`);
    await q.query(`CREATE INDEX working_groups_status_created_at_idx ON working_groups (status, created_at, id)`);
    await q.query(`CREATE INDEX working_groups_formed_by_roundtable_idx ON working_groups (formed_by_roundtable_id)`);

    await q.query(`
      CREATE TABLE working_group_members (
        working_group_id uuid NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        added_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (working_group_id, user_id)
      )`);
    await q.query(`CREATE INDEX working_group_members_user_idx ON working_group_members (user_id, working_group_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'working_group_members',
      'working_groups',
      'roundtable_decisions',
      'agenda_minutes_revisions',
      'roundtable_agenda_items',
      'roundtable_participants',
      'roundtables',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
