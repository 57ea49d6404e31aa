import { Injectable } from '@nestjs/common';
import { encodeCursor, Page, readCursor } from '../common/pagination';
import type { Tx } from '../database/unit-of-work';
import type { ActivityAction } from './activity-actions';
import type { LocalizedText } from '../common/localized-text';
import { SESSION_ACTION_PREFIX } from './activity-actions';
import { ActivityRepository, type ActivityRow } from './activity.repository';
import { ActivityActor, ActivityQuery, ActivityTarget, ActivityView } from './dto/activity.dto';

export interface ActivityEntry {
  actorId: string | null;
  action: ActivityAction;
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

const isLocalized = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (typeof (v as LocalizedText).en === 'string' || typeof (v as LocalizedText).zh === 'string');

/** A label as stored, without blank languages; null when nothing is left. */
function label(value: LocalizedText | null | undefined): LocalizedText | null {
  if (!value) return null;
  const out: LocalizedText = {};
  if (value.en?.trim()) out.en = value.en;
  if (value.zh?.trim()) out.zh = value.zh;
  return out.en || out.zh ? out : null;
}

/** Where the web app shows a record of the log's entity type (a client path), or null. */
export function activityLink(
  row: Pick<ActivityRow, 'entityType' | 'entityId' | 'targetParkId' | 'messageChannelKind' | 'messageChannelRef' | 'messageSeq'>,
): string | null {
  const id = encodeURIComponent(row.entityId);
  switch (row.entityType) {
    case 'roundtable':
      return `/roundtables/${id}`;
    case 'working_group':
      return `/working-groups/${id}`;
    case 'roadmap':
      return `/roadmaps/${id}`;
    case 'action_item':
      return `/action-items/${id}`;
    case 'indicator':
      return `/indicators/${id}`;
    case 'observation':
      return `/observations/${id}`;
    case 'park':
      return `/parks/${id}`;
    case 'period_approval':
      return row.targetParkId ? `/parks/${row.targetParkId}` : null;
    case 'organization':
      return '/admin/organizations';
    case 'user':
      return '/admin/users';
    case 'invitation':
      return '/invitations';
    case 'message': {
      const kind = row.messageChannelKind;
      const ref = row.messageChannelRef;
      if (!kind) return null;
      const at = row.messageSeq ? `seq=${row.messageSeq}` : '';
      if (kind === 'lobby' || !ref) return `/discussions${at ? `?${at}` : ''}`;
      if (kind === 'direct') return `/conversations/${ref}${at ? `?${at}` : ''}`;
      const base =
        kind === 'roundtable'
          ? `/roundtables/${ref}`
          : kind === 'working_group'
            ? `/working-groups/${ref}`
            : kind === 'action_item'
              ? `/action-items/${ref}`
              : null;
      return base ? `${base}?tab=discussion${at ? `&${at}` : ''}` : null;
    }
    default:
      return null;
  }
}

function person(
  id: string | null,
  displayName: string | null,
  nameZh: string | null,
  organizationId: string | null,
  organizationName: LocalizedText | null,
): ActivityActor | null {
  if (!id || displayName === null) return null;
  return { id, displayName, nameZh, organization: organizationId && organizationName ? { id: organizationId, name: organizationName } : null };
}

/** An entry as the log shows it: people and the record named (a deleted record by the name its entry kept). */
export function toActivityView(r: ActivityRow): ActivityView {
  const kept = r.changes ?? {};
  const stored = label(r.targetLabel);
  const fallback = [kept.name, kept.title].find(isLocalized) ?? (typeof kept.displayName === 'string' ? { en: kept.displayName } : null);
  const target: ActivityTarget = {
    type: r.entityType,
    id: r.entityId,
    label: stored ?? label(fallback),
    link: stored ? activityLink(r) : null,
    period: r.targetPeriod,
    place: label(r.targetParkName),
  };
  return {
    id: String(r.id),
    actorId: r.actorId,
    actorName: r.actorName,
    actor: person(r.actorId, r.actorName, r.actorNameZh, r.actorOrganizationId, r.actorOrganizationName),
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    changes: kept,
    target,
    subject: person(r.subjectId, r.subjectName, r.subjectNameZh, r.subjectOrganizationId, r.subjectOrganizationName),
    createdAt: new Date(r.createdAt).toISOString(),
  };
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
  recordBy(tx: Tx, actor: { id: string }, action: ActivityAction, entityId: string, changes?: Record<string, unknown>): Promise<void> {
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
        withoutPrefix: query.withoutSessions ? SESSION_ACTION_PREFIX : undefined,
        beforeId: cursor?.id,
      },
      limit + 1,
    );
    const items = rows.slice(0, limit).map(toActivityView);
    return { items, nextCursor: rows.length > limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }
}
