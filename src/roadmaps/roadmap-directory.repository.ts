import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Roadmaps and their commitments as other modules read them. */
@Injectable()
export class RoadmapDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The ids of a roadmap's commitments (one query), or null when there is no such roadmap. */
  async findActionItemIds(roadmapId: string): Promise<string[] | null> {
    const [row]: { ids: string[] }[] = await this.dataSource.query(
      `SELECT coalesce(array_agg(a.id) FILTER (WHERE a.id IS NOT NULL), '{}') AS ids
         FROM roadmaps r LEFT JOIN action_items a ON a.roadmap_id = r.id
        WHERE r.id = $1 GROUP BY r.id`,
      [roadmapId],
    );
    return row?.ids ?? null;
  }
}
