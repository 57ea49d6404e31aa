import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../api/types';
import { formatDate, formatDateTime } from '../i18n/format';
import { localizedString } from '../i18n/localized';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';

/** Fields whose values are status or role names, translated with the given key prefix. */
const VALUE_KEYS: Record<string, Record<string, string>> = {
  roundtable: { status: 'roundtableStatus', role: 'roundtableRole', visibility: 'visibility', adoption: 'adoption' },
  working_group: { status: 'workingGroupStatus' },
  action_item: { status: 'actionItemStatus', priority: 'priority', policyArea: 'policyArea', stance: 'stance' },
  organization: { constituency: 'constituency' },
  user: { role: 'role', password: 'historyValue.password' },
  invitation: { role: 'role' },
  park: { level: 'parkLevel' },
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Values made only of ids (e.g. the new agenda order) say nothing to a reader. */
function onlyIds(value: unknown): boolean {
  if (typeof value === 'string') return UUID.test(value);
  if (Array.isArray(value)) return value.length > 0 && value.every(onlyIds);
  if (typeof value === 'object' && value !== null && 'to' in value) return onlyIds(value.to);
  return false;
}

const isLocalizedText = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k === 'en' || k === 'zh');

interface ChangeListProps {
  /** The audited entity's type, which says how its status and role values are named. */
  entityType: string;
  changes: Record<string, unknown> | null;
  /** Names for user ids that appear in the changes (participants, members). */
  nameOf?: (userId: string) => string | undefined;
  /** Keeps id fields for those who look records up by id (the activity log); otherwise they are left out. */
  keepIds?: boolean;
}

/** "Field: before → after" lines for what an audit entry changed, with field names and values in the reader's language. */
export function ChangeList({ entityType, changes, nameOf, keepIds = false }: ChangeListProps) {
  const { t, i18n } = useTranslation();
  const tr = useDynamicTranslate();

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
    if (field === 'constituencies' && Array.isArray(value))
      return value.map((c) => tr(`constituency.${String(c)}`, { defaultValue: String(c) })).join(t('common.listSeparator'));
    if (field === 'position' && typeof value === 'number') return String(value + 1);
    if (typeof value === 'object' && value !== null && 'value' in value && 'date' in value) {
      const v = value;
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
    if ((field === 'userId' || field.endsWith('UserId')) && typeof value === 'string') return nameOf?.(value) ?? (keepIds ? value : t('history.someone'));
    if (Array.isArray(value)) return value.map((v) => show(field, v)).join(', ');
    if (typeof value === 'object') {
      const text = JSON.stringify(value);
      return text.length > 120 ? `${text.slice(0, 117)}…` : text;
    }
    // Decoded JSON leaves only strings and numbers here.
    const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
    return text.length > 160 ? `${text.slice(0, 157)}…` : text;
  };

  // Ids mean nothing to a reader; people are named where the page knows them.
  const entries = Object.entries(changes ?? {}).filter(([field, value]) => keepIds || field === 'userId' || (!/Ids?$/.test(field) && !onlyIds(value)));
  if (!entries.length) return null;
  return (
    <ul className="change-list">
      {entries.map(([field, value]) => {
        const diff = value as { from?: unknown; to?: unknown } | null;
        const isDiff = typeof diff === 'object' && diff !== null && !Array.isArray(diff) && 'to' in diff && 'from' in diff;
        return (
          <li key={field}>
            <span className="muted">
              {tr(`historyField.${field}`, { defaultValue: field })}
              {t('common.colon')}
            </span>
            {isDiff ? `${show(field, diff.from)} → ${show(field, diff.to)}` : show(field, value)}
          </li>
        );
      })}
    </ul>
  );
}
