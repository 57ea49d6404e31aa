import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in hardening: the addresses each account signed in from (so the account-wide lockout spares its owner there),
 * the ids of access tokens ended by a sign-out (refused until they expire), and an index for counting failures per
 * account and address pair.
 */
export class SignInHardening1795480000020 implements MigrationInterface {
  name = 'SignInHardening1795480000020';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_addresses (
        email text NOT NULL,
        ip text NOT NULL,
        last_success_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (email, ip)
      )`);
    await q.query(`CREATE INDEX login_failures_email_ip_idx ON login_failures (email, ip, created_at)`);
    await q.query(`
      CREATE TABLE revoked_access_tokens (
        jti uuid PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX revoked_access_tokens_expires_at_idx ON revoked_access_tokens (expires_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revoked_access_tokens`);
    await q.query(`DROP INDEX login_failures_email_ip_idx`);
    await q.query(`DROP TABLE login_addresses`);
  }
}
