import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { SpeakerQueueSetting } from './entities/speaker-queue-setting.entity';
import { SpeakerTurn } from './entities/speaker-turn.entity';
import type { QueueOrder } from './speaking-order';

/** The speaker_turns and speaker_queue_settings tables. */
@Injectable()
export class SpeakerQueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every turn of the roundtable, the order hands went up. */
  async list(roundtableId: string, tx: Tx = this.dataSource.manager): Promise<SpeakerTurn[]> {
    return tx.find(SpeakerTurn, { where: { roundtableId }, order: { raisedAt: 'ASC', id: 'ASC' } });
  }

  async findOpenOf(tx: Tx, roundtableId: string, userId: string): Promise<SpeakerTurn | null> {
    return tx.findOneBy(SpeakerTurn, { roundtableId, userId, status: In(['waiting', 'speaking']) });
  }

  async findSpeaking(tx: Tx, roundtableId: string): Promise<SpeakerTurn | null> {
    return tx.findOneBy(SpeakerTurn, { roundtableId, status: 'speaking' });
  }

  async findWaiting(tx: Tx, roundtableId: string): Promise<SpeakerTurn[]> {
    return tx.find(SpeakerTurn, { where: { roundtableId, status: 'waiting' } });
  }

  async findById(id: string): Promise<SpeakerTurn | null> {
    return this.dataSource.manager.findOneBy(SpeakerTurn, { id });
  }

  async insert(tx: Tx, row: Pick<SpeakerTurn, 'roundtableId' | 'userId' | 'constituency'>): Promise<string> {
    return (await tx.insert(SpeakerTurn, { ...row, status: 'waiting' })).identifiers[0].id as string;
  }

  async update(
    tx: Tx,
    id: string,
    changes: Partial<Pick<SpeakerTurn, 'status' | 'startedAt' | 'endedAt' | 'limitSeconds' | 'agendaItemId' | 'givenById'>>,
  ): Promise<void> {
    await tx.update(SpeakerTurn, { id }, changes);
  }

  /** The order the roundtable's queue follows, or null when none was chosen. */
  async findOrder(roundtableId: string, tx: Tx = this.dataSource.manager): Promise<QueueOrder | null> {
    return (await tx.findOne(SpeakerQueueSetting, { where: { roundtableId }, select: { queueOrder: true } }))?.queueOrder ?? null;
  }

  async saveOrder(tx: Tx, roundtableId: string, queueOrder: QueueOrder, updatedById: string): Promise<void> {
    await tx.upsert(SpeakerQueueSetting, { roundtableId, queueOrder, updatedById }, ['roundtableId']);
  }
}
