import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicator data a ministry can sign: validation rules per indicator (hard limits, and thresholds for values far
 * from their own history or from peer parks), warnings kept with each value and a follow-up of flagged values,
 * comment threads on values, a reporting calendar (frequency and due day), approval of a park's period up the
 * levels with its lock, and the reminders already sent.
 */
export class IndicatorQuality1795530000000 implements MigrationInterface {
  name = 'IndicatorQuality1795530000000';

  public async up(q: QueryRunner): Promise<void> {
    // Rules: min/max refuse a value; the thresholds (robust z-scores, NULL = off) and the relation check flag it.
    await q.query(`
      ALTER TABLE indicators
        ADD COLUMN min_value numeric,
        ADD COLUMN max_value numeric,
        ADD COLUMN history_threshold numeric DEFAULT 3.5 CHECK (history_threshold > 0),
        ADD COLUMN peer_threshold numeric DEFAULT 3.5 CHECK (peer_threshold > 0),
        ADD COLUMN check_relations boolean NOT NULL DEFAULT true,
        ADD COLUMN frequency text NOT NULL DEFAULT 'year' CHECK (frequency IN ('year','quarter','month')),
        ADD COLUMN due_days integer NOT NULL DEFAULT 30 CHECK (due_days BETWEEN 0 AND 366),
        ADD CONSTRAINT indicators_min_max_check CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)`);

    // warnings: what the rules found when the value came in (NULL: none). follow_up: 'open' while a facilitator
    // has still to confirm or send back a flagged value. first_reported_at: when the first version of this value came
    // in (NULL: this row is the first), so a late correction does not make an on-time report late.
    await q.query(`
      ALTER TABLE observations
        ADD COLUMN warnings jsonb,
        ADD COLUMN follow_up text CHECK (follow_up IN ('open','confirmed','sent_back')),
        ADD COLUMN first_reported_at timestamptz`);
    await q.query(`CREATE INDEX observations_follow_up_idx ON observations (id) WHERE follow_up = 'open' AND superseded_at IS NULL`);

    // A thread of comments on each value, as DHIS2 keeps them.
    await q.query(`
      CREATE TABLE observation_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        observation_id uuid NOT NULL,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        kind text NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment','confirmed','sent_back')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX observation_comments_observation_idx ON observation_comments (observation_id, created_at)`);

    // Who approves a park's period, per scope: a city-level approver for the parks of a city, a province-level one
    // for the parks of a province. Given by admins.
    await q.query(`
      CREATE TABLE approver_roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        level text NOT NULL CHECK (level IN ('city','province')),
        province text NOT NULL CHECK (province <> ''),
        city text NOT NULL DEFAULT '',
        granted_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'city') = (city <> '')),
        UNIQUE (user_id, level, province, city)
      )`);

    // A park's period on its way up: submitted by the park, approved by the city, then by the province (locked).
    // An admin may reopen a locked period with a reason. Every step is in period_approval_steps.
    await q.query(`
      CREATE TABLE period_approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        park_id uuid NOT NULL REFERENCES parks(id) ON DELETE CASCADE,
        period text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        state text NOT NULL CHECK (state IN ('submitted','city_approved','locked','reopened')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (park_id, period)
      )`);
    await q.query(`CREATE INDEX period_approvals_locked_idx ON period_approvals (park_id, period_start) WHERE state = 'locked'`);
    await q.query(`
      CREATE TABLE period_approval_steps (
        id bigserial PRIMARY KEY,
        approval_id uuid NOT NULL REFERENCES period_approvals(id) ON DELETE CASCADE,
        step text NOT NULL CHECK (step IN ('submitted','city_approved','province_approved','unlocked')),
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX period_approval_steps_approval_idx ON period_approval_steps (approval_id, id)`);

    // Reminders sent to park officers about a value due (before) or overdue (after), so each goes out once.
    await q.query(`
      CREATE TABLE reporting_reminders (
        indicator_id uuid NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        park_id uuid NOT NULL REFERENCES parks(id) ON DELETE CASCADE,
        period text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('before','after')),
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator_id, park_id, period, kind)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['reporting_reminders', 'period_approval_steps', 'period_approvals', 'approver_roles', 'observation_comments']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP INDEX observations_follow_up_idx`);
    await q.query(`ALTER TABLE observations DROP COLUMN warnings, DROP COLUMN follow_up, DROP COLUMN first_reported_at`);
    await q.query(`
      ALTER TABLE indicators DROP CONSTRAINT indicators_min_max_check,
        DROP COLUMN min_value, DROP COLUMN max_value, DROP COLUMN history_threshold, DROP COLUMN peer_threshold,
        DROP COLUMN check_relations, DROP COLUMN frequency, DROP COLUMN due_days`);
  }
}
