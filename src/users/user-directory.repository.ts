import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';

/** People as other modules read them: display names in bulk, and who verifies values (active staff). */
@Injectable()
export class UserDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findDisplayNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; display_name: string }[] = await this.dataSource.query('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  async findActiveStaffIds(tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT id FROM users WHERE active AND role IN ('admin', 'facilitator')`);
    return rows.map((r) => r.id);
  }
}
