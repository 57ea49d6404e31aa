import { Injectable } from '@nestjs/common';
import { encodeCursor, Page, readCursor } from '../common/pagination';
import type { Tx } from '../database/unit-of-work';
import { ActivityRepository } from './activity.repository';
import { ActivityQuery, ActivityView } from './dto/activity.dto';

export interface ActivityEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes?: Record<string, unknown>;
}

export { ActivityView };

/** Field-by-field differences between two versions of a record, for the audit trail. */
export function diff(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (a[key] === undefined) continue;
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) out[key] = { from: b[key] ?? null, to: a[key] };
  }
  return out;
}

@Injectable()
export class ActivityService {
  constructor(private readonly activity: ActivityRepository) {}

  /** Records a change inside the caller's transaction, so the change and its record land together or not at all. */
  async record(tx: Tx, entry: ActivityEntry): Promise<void> {
    await this.activity.insert(tx, { ...entry, changes: entry.changes ?? {} });
  }

  /**
   * Records what a signed-in person did to a record whose type the action names first: 'park.updated' is about a
   * park, 'roundtable.decision_recorded' about a roundtable.
   */
  recordBy(tx: Tx, actor: { id: string }, action: `${string}.${string}`, entityId: string, changes?: Record<string, unknown>): Promise<void> {
    return this.record(tx, { actorId: actor.id, action, entityType: action.slice(0, action.indexOf('.')), entityId, changes });
  }

  async list(query: ActivityQuery): Promise<Page<ActivityView>> {
    const limit = query.limit ?? 50;
    const cursor = readCursor(query.cursor, { id: 'bigint' });
    const rows = await this.activity.findPage(
      {
        entityType: query.entityType,
        entityId: query.entityId,
        actorId: query.actorId,
        action: query.action,
        beforeId: cursor?.id,
      },
      limit + 1,
    );
    const items = rows.slice(0, limit).map((r) => ({ ...r, id: String(r.id), createdAt: new Date(r.createdAt).toISOString() }));
    return { items, nextCursor: rows.length > limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }
}
