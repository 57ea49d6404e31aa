import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import type { MailMode } from '../shared/mail-kinds';
import { MailPreference } from './entities/mail-preference.entity';

/** The mail_preferences table: the only door to it. */
@Injectable()
export class MailPreferencesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ofUser(userId: string, tx: Tx = this.dataSource.manager): Promise<MailPreference[]> {
    return tx.findBy(MailPreference, { userId });
  }

  /** The chosen mode of each of the users for one kind (users without a row are left out). */
  async modesFor(userIds: string[], kind: string, tx: Tx = this.dataSource.manager): Promise<Map<string, MailMode>> {
    if (!userIds.length) return new Map();
    const rows = await tx.findBy(MailPreference, { userId: In(userIds), kind });
    return new Map(rows.map((r) => [r.userId, r.mode]));
  }

  async set(tx: Tx, userId: string, modes: Record<string, MailMode>): Promise<void> {
    const rows = Object.entries(modes).map(([kind, mode]) => ({ userId, kind, mode, updatedAt: new Date() }));
    if (rows.length) await tx.upsert(MailPreference, rows, ['userId', 'kind']);
  }
}
