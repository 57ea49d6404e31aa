import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry, LocalizedText, Page } from '../api/types';
import { formatDate, formatDateTime } from '../i18n/format';
import { localizedString } from '../i18n/localized';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { EmptyState, LoadError, Loading } from './Feedback';

/** Fields whose values are status or role names, translated with the given key prefix. */
const VALUE_KEYS: Record<string, Record<string, string>> = {
  roundtable: { status: 'roundtableStatus', role: 'roundtableRole', visibility: 'visibility', adoption: 'adoption' },
  working_group: { status: 'workingGroupStatus' },
  action_item: { status: 'actionItemStatus', priority: 'priority', policyArea: 'policyArea', stance: 'stance' },
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Values made only of ids (e.g. the new agenda order) say nothing to a reader. */
function onlyIds(value: unknown): boolean {
  if (typeof value === 'string') return UUID.test(value);
  if (Array.isArray(value)) return value.length > 0 && value.every(onlyIds);
  if (typeof value === 'object' && value !== null && 'to' in value) return onlyIds((value as { to: unknown }).to);
  return false;
}

const isLocalizedText = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k === 'en' || k === 'zh');

interface HistoryListProps {
  /** Loads a page of the history (newest first). */
  loader: (cursor?: string) => Promise<Page<ActivityEntry>>;
  /** Names for user ids that appear in the changes (participants, members). */
  nameOf?: (userId: string) => string | undefined;
  /** Reloads when this changes (e.g. after an edit on the page). */
  version?: unknown;
}

/** The audit trail of one roundtable, working group or commitment: who changed what, and when. */
export function HistoryList({ loader, nameOf, version }: HistoryListProps) {
  const { t, i18n } = useTranslation();
  const tr = useDynamicTranslate();
  const [items, setItems] = useState<ActivityEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const load = useCallback(
    async (after: string | null, replace: boolean, signal?: { aborted: boolean }) => {
      setLoading(true);
      setError(null);
      try {
        const page = await loader(after ?? undefined);
        if (signal?.aborted) return;
        setItems((current) => (replace ? page.items : [...current, ...page.items]));
        setCursor(page.nextCursor ?? null);
      } catch (e) {
        if (!signal?.aborted) setError(e);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [loader],
  );

  useEffect(() => {
    const signal = { aborted: false };
    void load(null, true, signal);
    return () => {
      signal.aborted = true;
    };
  }, [load, version, generation]);

  const show = (entityType: string, field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
    if (field === 'constituencies' && Array.isArray(value)) return value.map((c) => tr(`constituency.${String(c)}`, { defaultValue: String(c) })).join(t('common.listSeparator'));
    if (field === 'position' && typeof value === 'number') return String(value + 1);
    if (typeof value === 'object' && value !== null && 'value' in value && 'date' in value) {
      const v = value as { value: unknown; date: unknown };
      return `${String(v.value)} (${typeof v.date === 'string' ? formatDate(v.date, i18n.language) : String(v.date)})`;
    }
    if (field === 'location' && typeof value === 'object' && !Array.isArray(value)) {
      const l = value as { city?: string | null; venue?: string | null; online?: boolean; url?: string | null };
      return [l.venue, l.city, l.online ? (l.url ?? t('roundtables.online')) : null].filter(Boolean).join(t('common.listSeparator')) || '—';
    }
    if (typeof value === 'string' && ISO_DATE_TIME.test(value)) return formatDateTime(value, i18n.language);
    const prefix = VALUE_KEYS[entityType]?.[field];
    if (prefix && typeof value === 'string') return tr(`${prefix}.${value}`, { defaultValue: value });
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (isLocalizedText(value)) return localizedString(value, i18n.language);
    if ((field === 'userId' || field.endsWith('UserId')) && typeof value === 'string') return nameOf?.(value) ?? t('history.someone');
    if (Array.isArray(value)) return value.map((v) => show(entityType, field, v)).join(', ');
    if (typeof value === 'object') {
      const text = JSON.stringify(value);
      return text.length > 120 ? `${text.slice(0, 117)}…` : text;
    }
    const text = String(value);
    return text.length > 160 ? `${text.slice(0, 157)}…` : text;
  };

  const fieldName = (field: string) => tr(`historyField.${field}`, { defaultValue: field });

  if (error && !items.length) return <LoadError error={error} onRetry={() => setGeneration((g) => g + 1)} />;
  if (loading && !items.length) return <Loading />;
  if (!items.length) return <EmptyState>{t('history.empty')}</EmptyState>;
  return (
    <>
      <ol className="history-list">
        {items.map((entry) => {
          // Ids mean nothing to a reader; people are named where the page knows them.
          const changes = Object.entries(entry.changes ?? {}).filter(([field, value]) => field === 'userId' || (!/Ids?$/.test(field) && !onlyIds(value)));
          return (
            <li key={entry.id} className="history-entry">
              <p className="history-head">
                <strong>{tr(`activityAction.${entry.action}`, { defaultValue: entry.action })}</strong>
                <span className="muted small">
                  {' '}
                  · {entry.actorName ?? t('activity.system')} · <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time>
                </span>
              </p>
              {changes.length ? (
                <ul className="change-list">
                  {changes.map(([field, value]) => {
                    const diff = value as { from?: unknown; to?: unknown } | null;
                    const isDiff = typeof diff === 'object' && diff !== null && !Array.isArray(diff) && 'to' in diff && 'from' in diff;
                    return (
                      <li key={field}>
                        <span className="muted">
                          {fieldName(field)}
                          {t('common.colon')}
                        </span>
                        {isDiff ? `${show(entry.entityType, field, diff.from)} → ${show(entry.entityType, field, diff.to)}` : show(entry.entityType, field, value)}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
      {error ? <LoadError error={error} /> : null}
      {cursor ? (
        <div className="load-more">
          <button type="button" className="button button--secondary" onClick={() => void load(cursor, false)} disabled={loading}>
            {loading ? t('common.loading') : t('activity.loadMore')}
          </button>
        </div>
      ) : null}
    </>
  );
}
