import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AccessTokenPayload } from '../../src/auth/auth-user';
import { hashPassword } from '../../src/auth/passwords';
import { loadConfig, type ResolvedConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import type { Constituency } from '../../src/organizations/entities/organization.entity';
import type { Role } from '../../src/users/entities/user.entity';

export const TEST_PASSWORD = 'correct-horse-battery';
let testPasswordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId: string;
  constituency: Constituency;
  token: string;
  /** { Authorization: 'Bearer …' } */
  auth: { Authorization: string };
}

export function testConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  const url = process.env.GREENTABLE_TEST_DATABASE_URL;
  if (!url) throw new Error('GREENTABLE_TEST_DATABASE_URL is not set: run the e2e tests through jest (global setup)');
  return {
    // REALTIME_DIRECT_DELIVERY=false re-runs the socket tests on socket.io's ordinary broadcast (realtime-fallback.e2e-spec.ts).
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', REALTIME_DIRECT_DELIVERY: process.env.REALTIME_DIRECT_DELIVERY }),
    databaseUrl: url,
    jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
    // supertest connects over loopback: the X-Forwarded-For the tests set is believed, as behind a local proxy.
    trustProxy: ['loopback'],
    ...overrides,
  };
}

/** One app on the shared test database, with factories that make what a test needs (ctx.newUser() and friends). */
export class TestContext {
  private constructor(
    readonly app: INestApplication,
    readonly config: ResolvedConfig,
  ) {}

  static async create(overrides: Partial<ResolvedConfig> = {}): Promise<TestContext> {
    const config = testConfig(overrides);
    const app = await createApp(config);
    await app.init();
    // Fastify adds the routes once it is ready (listen does this too): supertest asks the server directly.
    await (app.getHttpAdapter().getInstance() as FastifyInstance).ready();
    return new TestContext(app, config);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
    return row.n;
  }

  async newOrganization(constituency: Constituency = 'workers', name?: string): Promise<{ id: string; constituency: Constituency }> {
    const label = name ?? `${constituency} org ${randomUUID().slice(0, 8)}`;
    const [row] = await this.db.query(`INSERT INTO organizations (name, constituency, region) VALUES ($1, $2, 'Jiangsu') RETURNING id`, [
      JSON.stringify({ en: label, zh: `${label}（中文）` }),
      constituency,
    ]);
    return { id: row.id, constituency };
  }

  async newUser(options: { role?: Role; constituency?: Constituency; organizationId?: string; name?: string } = {}): Promise<TestUser> {
    const role = options.role ?? 'member';
    const constituency = options.constituency ?? 'workers';
    const organizationId = options.organizationId ?? (await this.newOrganization(constituency)).id;
    const [org] = await this.db.query(`SELECT constituency FROM organizations WHERE id = $1`, [organizationId]);
    const email = `${role}-${randomUUID().slice(0, 12)}@test.greentable`;
    const displayName = options.name ?? `${role} ${email.slice(role.length + 1, role.length + 7)}`;
    testPasswordHash ??= hashPassword(TEST_PASSWORD);
    const [row] = await this.db.query(
      `INSERT INTO users (email, password_hash, display_name, organization_id, role) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [email, await testPasswordHash, displayName, organizationId, role],
    );
    const payload: AccessTokenPayload = { sub: row.id, role, org: organizationId };
    const token = await this.app.get(JwtService).signAsync(payload, { expiresIn: 900 });
    return {
      id: row.id,
      email,
      password: TEST_PASSWORD,
      displayName,
      role,
      organizationId,
      constituency: org.constituency,
      token,
      auth: { Authorization: `Bearer ${token}` },
    };
  }

  /** Creates an indicator through the API as `admin`: a count of persons, summed, unless `fields` say otherwise. */
  async newIndicator(admin: TestUser, fields: { code: string } & Record<string, unknown>): Promise<void> {
    await this.http
      .post('/api/indicators')
      .set(admin.auth)
      .send({
        category: 'green_jobs',
        dimension: 'employment',
        name: { en: `Indicator ${fields.code}` },
        unit: 'persons',
        direction: 'higher',
        aggregation: 'sum',
        ...fields,
      })
      .expect(201);
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** A distinct client address per test, so login throttling in one test never spills into another. */
export const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

/** The refresh token a sign-in (or refresh) answered with: the value of its HttpOnly cookie, or undefined. */
export function refreshCookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  const raw = res.headers['set-cookie'];
  const cookies = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const cookie = cookies.find((c) => c.startsWith('greentable_refresh='));
  const value = cookie?.slice('greentable_refresh='.length).split(';')[0];
  return value ? decodeURIComponent(value) : undefined;
}

/** The Set-Cookie line of the refresh cookie, with its attributes. */
export function refreshSetCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const raw = res.headers['set-cookie'];
  const cookies = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return cookies.find((c) => c.startsWith('greentable_refresh='));
}
