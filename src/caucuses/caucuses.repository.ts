import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import type { Constituency } from '../shared/enums';
import { Caucus } from './entities/caucus.entity';

/** The roundtable_caucuses table. */
@Injectable()
export class CaucusesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The caucus of one group at a roundtable, created when missing (safe under concurrency). */
  async ensure(roundtableId: string, constituency: Constituency, tx: Tx = this.dataSource.manager): Promise<Caucus> {
    await tx.createQueryBuilder().insert().into(Caucus).values({ roundtableId, constituency }).orIgnore().execute();
    return (await tx.findOneBy(Caucus, { roundtableId, constituency }))!;
  }

  async findById(id: string): Promise<Caucus | null> {
    return this.dataSource.manager.findOneBy(Caucus, { id });
  }

  async list(roundtableId: string): Promise<Caucus[]> {
    return this.dataSource.manager.find(Caucus, { where: { roundtableId } });
  }

  async publish(tx: Tx, id: string, changes: Pick<Caucus, 'statement' | 'publishedAt' | 'publishedById'>): Promise<void> {
    await tx.update(Caucus, { id }, changes);
  }
}
