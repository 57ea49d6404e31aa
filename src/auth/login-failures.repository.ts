import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoginAddress } from './entities/login-address.entity';
import { LoginFailure } from './entities/login-failure.entity';

/** How many failed sign-ins a window allows, per scope. */
export interface LoginLimits {
  since: Date;
  /** One account from one address. */
  perPair: number;
  /** One account from addresses it never signed in from. */
  perAccount: number;
  /** One address, across accounts. */
  perAddress: number;
  /** An address the account signed in from since then counts as its owner's. */
  knownSince: Date;
}

/** The outcome of reserving an attempt: its failure row (deleted on success), or the oldest failure that blocks it. */
export type LoginReservation = { allowed: true; failureId: string } | { allowed: false; blockedSince: Date };

// Advisory lock namespaces (pg_advisory_xact_lock(int, int)): an account's attempts, an address's attempts.
const ACCOUNT_LOCK = 7_340_201;
const ADDRESS_LOCK = 7_340_202;

interface CountsRow {
  pair: number;
  account: number;
  address: number;
  known: boolean;
  pair_oldest: Date | null;
  account_oldest: Date | null;
  address_oldest: Date | null;
}

@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts and decides in one transaction, under advisory locks on the account and on the address, and when the
   * attempt is allowed records it as a failure at once (removed if the password turns out right). So parallel
   * attempts are counted one after the other: never more of them get to try a password than the limits allow.
   */
  async reserve(email: string, ip: string, limits: LoginLimits): Promise<LoginReservation> {
    return this.dataSource.transaction(async (tx) => {
      // Always the account first, then the address: two attempts never wait on each other in opposite orders.
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ACCOUNT_LOCK, email]);
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADDRESS_LOCK, ip]);
      const [row] = await tx.query<CountsRow[]>(
        `SELECT
           count(*) FILTER (WHERE email = $1 AND ip = $2)::int AS pair,
           count(*) FILTER (WHERE email = $1)::int AS account,
           count(*) FILTER (WHERE ip = $2)::int AS address,
           min(created_at) FILTER (WHERE email = $1 AND ip = $2) AS pair_oldest,
           min(created_at) FILTER (WHERE email = $1) AS account_oldest,
           min(created_at) FILTER (WHERE ip = $2) AS address_oldest,
           EXISTS (SELECT 1 FROM login_addresses a WHERE a.email = $1 AND a.ip = $2 AND a.last_success_at > $4) AS known
         FROM login_failures
         WHERE (email = $1 OR ip = $2) AND created_at > $3`,
        [email, ip, limits.since, limits.knownSince],
      );
      const blocked: (Date | null)[] = [];
      if (row.pair >= limits.perPair) blocked.push(row.pair_oldest);
      if (!row.known && row.account >= limits.perAccount) blocked.push(row.account_oldest);
      if (row.address >= limits.perAddress) blocked.push(row.address_oldest);
      if (blocked.length) {
        const times = blocked.map((d) => (d ? new Date(d).getTime() : Date.now()));
        return { allowed: false, blockedSince: new Date(Math.min(...times)) };
      }
      const inserted = await tx.insert(LoginFailure, { email, ip });
      return { allowed: true, failureId: String((inserted.identifiers[0] as { id: string }).id) };
    });
  }

  /** A right password: the account's failures are forgotten, and the address is remembered as its owner's. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.delete(LoginFailure, { email });
      await tx.upsert(LoginAddress, { email, ip, lastSuccessAt: new Date() }, ['email', 'ip']);
    });
  }
}
