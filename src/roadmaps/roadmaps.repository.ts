import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Roadmap } from './entities/roadmap.entity';

/** Roadmaps; a roadmap is read with its owner organization (Roadmap.ownerOrganization). */
@Injectable()
export class RoadmapsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Latest period first. */
  async listWithOwners(options: { publicOnly?: boolean } = {}): Promise<Roadmap[]> {
    return this.dataSource.manager.find(Roadmap, {
      where: options.publicOnly ? { isPublic: true } : undefined,
      relations: { ownerOrganization: true },
      order: { periodStart: 'DESC', createdAt: 'DESC' },
    });
  }

  async exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Roadmap, { id });
  }

  async existsWithEnglishTitle(title: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.createQueryBuilder(Roadmap, 'r').where("r.title->>'en' = :title", { title }).getExists();
  }

  async findWithOwner(id: string): Promise<Roadmap | null> {
    return this.dataSource.manager.findOne(Roadmap, { where: { id }, relations: { ownerOrganization: true } });
  }

  async findByIdForUpdate(tx: Tx, id: string): Promise<Roadmap | null> {
    return tx.findOne(Roadmap, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(tx: Tx, row: Pick<Roadmap, 'title' | 'description' | 'periodStart' | 'periodEnd' | 'ownerOrganizationId' | 'createdById'>): Promise<Roadmap> {
    return tx.save(tx.create(Roadmap, row));
  }

  async update(tx: Tx, id: string, changes: Partial<Roadmap>): Promise<void> {
    await tx.update(Roadmap, { id }, changes);
  }
}
