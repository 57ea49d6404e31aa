import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { MinutesComment, MinutesCorrigendum, MinutesObjection, MinutesRecord } from './entities/minutes-record.entity';

/** Where a roundtable's minutes stand, and the comments, objections and corrigenda of their adoption. */
@Injectable()
export class MinutesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** With the people who circulated, adopted and locked them; null while never moved (draft). */
  async findRecord(roundtableId: string, tx: Tx = this.dataSource.manager): Promise<MinutesRecord | null> {
    return tx.findOne(MinutesRecord, { where: { roundtableId }, relations: { circulatedBy: true, adoptedBy: true, lockedBy: true } });
  }

  /** The record's row, locked until the end of the transaction, or null while draft. */
  async lockRecord(tx: Tx, roundtableId: string): Promise<MinutesRecord | null> {
    return tx.findOne(MinutesRecord, { where: { roundtableId }, lock: { mode: 'pessimistic_write' } });
  }

  async saveRecord(tx: Tx, row: Partial<MinutesRecord> & Pick<MinutesRecord, 'roundtableId'>): Promise<void> {
    await tx.upsert(MinutesRecord, row, ['roundtableId']);
  }

  /** Oldest first, with authors. */
  async comments(roundtableId: string): Promise<MinutesComment[]> {
    return this.dataSource.manager.find(MinutesComment, { where: { roundtableId }, relations: { author: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insertComment(tx: Tx, row: Pick<MinutesComment, 'roundtableId' | 'agendaItemId' | 'authorId' | 'text'>): Promise<MinutesComment> {
    return tx.save(tx.create(MinutesComment, row));
  }

  async findComment(id: string): Promise<MinutesComment | null> {
    return this.dataSource.manager.findOne(MinutesComment, { where: { id }, relations: { author: true } });
  }

  /** With the people who objected. */
  async objections(roundtableId: string): Promise<MinutesObjection[]> {
    return this.dataSource.manager.find(MinutesObjection, { where: { roundtableId }, relations: { user: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insertObjections(tx: Tx, rows: Pick<MinutesObjection, 'roundtableId' | 'userId' | 'statement'>[]): Promise<void> {
    if (rows.length) await tx.insert(MinutesObjection, rows);
  }

  /** In number order, with authors. */
  async corrigenda(roundtableId: string): Promise<MinutesCorrigendum[]> {
    return this.dataSource.manager.find(MinutesCorrigendum, { where: { roundtableId }, relations: { author: true }, order: { number: 'ASC' } });
  }

  async countCorrigenda(tx: Tx, roundtableId: string): Promise<number> {
    return tx.countBy(MinutesCorrigendum, { roundtableId });
  }

  async insertCorrigendum(
    tx: Tx,
    row: Pick<MinutesCorrigendum, 'roundtableId' | 'number' | 'agendaItemId' | 'text' | 'authorId'>,
  ): Promise<MinutesCorrigendum> {
    return tx.save(tx.create(MinutesCorrigendum, row));
  }
}
