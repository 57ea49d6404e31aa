import { MigrationInterface, QueryRunner } from 'typeorm';

const CONSTITUENCIES = `'government','employers','workers','park_management','civil_society','academia','international'`;

/**
 * Votes on a roundtable's draft decisions, counted by constituency: the vote (its kind, ballot, adoption rule,
 * quorum and, once closed, its outcome), one ballot per person (replaced when they change their vote), the outcome
 * written into the decision, and each person's self-declared sex for the gender balance of delegations.
 */
export class Votes1795520000000 implements MigrationInterface {
  name = 'Votes1795520000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE votes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roundtable_id uuid NOT NULL REFERENCES roundtables(id) ON DELETE CASCADE,
        decision_id uuid NOT NULL REFERENCES roundtable_decisions(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('yes_no_abstain','consent','choice')),
        options jsonb NOT NULL DEFAULT '[]'::jsonb,
        max_choices integer NOT NULL DEFAULT 1 CHECK (max_choices >= 1),
        ballot text NOT NULL CHECK (ballot IN ('open','secret')),
        rule text NOT NULL CHECK (rule IN ('tripartite_majority','consensus','simple_majority')),
        quorum_share numeric NOT NULL DEFAULT 0 CHECK (quorum_share >= 0 AND quorum_share <= 1),
        tally_hidden boolean NOT NULL DEFAULT false,
        closes_at timestamptz,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
        outcome jsonb,
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        closed_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX votes_roundtable_idx ON votes (roundtable_id, created_at)`);
    // One open vote per decision at a time.
    await q.query(`CREATE UNIQUE INDEX votes_one_open_per_decision ON votes (decision_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX votes_due_idx ON votes (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE vote_ballots (
        vote_id uuid NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
        voter_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        constituency text NOT NULL CHECK (constituency IN (${CONSTITUENCIES})),
        choices text[] NOT NULL,
        reason text,
        changes integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (vote_id, voter_id)
      )`);
    await q.query(`ALTER TABLE roundtable_decisions ADD COLUMN vote_result jsonb`);
    await q.query(`ALTER TABLE users ADD COLUMN sex text CHECK (sex IN ('female','male','not_stated'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN sex`);
    await q.query(`ALTER TABLE roundtable_decisions DROP COLUMN vote_result`);
    await q.query(`DROP TABLE vote_ballots`);
    await q.query(`DROP TABLE votes`);
  }
}
