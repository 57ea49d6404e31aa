import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795430000000 implements MigrationInterface {
  name = 'Foundation1795430000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name jsonb NOT NULL,
        constituency text NOT NULL CHECK (constituency IN
          ('government','employers','workers','park_management','civil_society','academia','international')),
        region text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('admin','facilitator','member','observer')),
        locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en','zh-CN')),
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX users_organization_id_idx ON users (organization_id)`);
    await q.query(`
      CREATE TABLE parks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name jsonb NOT NULL,
        city text NOT NULL,
        province text NOT NULL,
        level text NOT NULL CHECK (level IN ('national','provincial')),
        organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX parks_province_city_idx ON parks (province, city)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id)`);
    await q.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failures_email_idx ON login_failures (email, created_at)`);
    await q.query(`CREATE INDEX login_failures_ip_idx ON login_failures (ip, created_at)`);
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin','facilitator','member','observer')),
        token_hash text NOT NULL UNIQUE,
        invited_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE activity (
        id bigserial PRIMARY KEY,
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX activity_entity_idx ON activity (entity_type, entity_id, id)`);
    await q.query(`CREATE INDEX activity_actor_idx ON activity (actor_id, id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['activity', 'invitations', 'login_failures', 'refresh_tokens', 'parks', 'users', 'organizations']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
