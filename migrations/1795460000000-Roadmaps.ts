import { MigrationInterface, QueryRunner } from 'typeorm';

export class Roadmaps1795460000000 implements MigrationInterface {
  name = 'Roadmaps1795460000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roadmaps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title jsonb NOT NULL,
        description jsonb NOT NULL DEFAULT '{}'::jsonb,
        period_start integer NOT NULL CHECK (period_start BETWEEN 1990 AND 2100),
        period_end integer NOT NULL CHECK (period_end BETWEEN 1990 AND 2100),
        owner_organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end >= period_start)
      )`);
    await q.query(`
      CREATE TABLE action_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roadmap_id uuid NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
        title jsonb NOT NULL,
        description jsonb NOT NULL DEFAULT '{}'::jsonb,
        working_group_id uuid REFERENCES working_groups(id) ON DELETE SET NULL,
        lead_organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        origin_roundtable_id uuid REFERENCES roundtables(id) ON DELETE SET NULL,
        origin_decision_id uuid UNIQUE REFERENCES roundtable_decisions(id) ON DELETE SET NULL,
        due_date date,
        priority text NOT NULL DEFAULT 'medium' CHECK (priority IN ('low','medium','high')),
        policy_area text NOT NULL CHECK (policy_area IN ('macroeconomic_growth','industrial_sectoral','enterprise','skills',
          'occupational_safety_health','social_protection','active_labour_market','rights','social_dialogue_tripartism')),
        status text NOT NULL DEFAULT 'proposed'
          CHECK (status IN ('proposed','agreed','in_progress','completed','delayed','dropped')),
        status_reason text,
        progress_manual integer NOT NULL DEFAULT 0 CHECK (progress_manual BETWEEN 0 AND 100),
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX action_items_roadmap_idx ON action_items (roadmap_id, status)`);
    await q.query(`CREATE INDEX action_items_working_group_idx ON action_items (working_group_id)`);
    await q.query(`CREATE INDEX action_items_lead_idx ON action_items (lead_organization_id)`);
    // A decision promoted into a commitment is linked both ways.
    await q.query(`
      ALTER TABLE roundtable_decisions
        ADD CONSTRAINT roundtable_decisions_action_item_fk FOREIGN KEY (action_item_id) REFERENCES action_items(id) ON DELETE SET NULL`);
    await q.query(`
      CREATE TABLE action_item_supporters (
        action_item_id uuid NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        PRIMARY KEY (action_item_id, organization_id)
      )`);
    await q.query(`
      CREATE TABLE milestones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_item_id uuid NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
        title jsonb NOT NULL,
        due_date date,
        completed_at timestamptz,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX milestones_action_item_idx ON milestones (action_item_id, position)`);
    await q.query(`
      CREATE TABLE constituency_positions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_item_id uuid NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        stance text NOT NULL CHECK (stance IN ('support','support_with_reservations','oppose','abstain')),
        statement text NOT NULL DEFAULT '',
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz
      )`);
    // One current position per organization per commitment; earlier ones stay as history.
    await q.query(`CREATE UNIQUE INDEX constituency_positions_current_idx ON constituency_positions (action_item_id, organization_id) WHERE superseded_at IS NULL`);
    await q.query(`CREATE INDEX constituency_positions_item_idx ON constituency_positions (action_item_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roundtable_decisions DROP CONSTRAINT roundtable_decisions_action_item_fk`);
    for (const table of ['constituency_positions', 'milestones', 'action_item_supporters', 'action_items', 'roadmaps']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
