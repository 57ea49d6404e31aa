import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../lib/useResource';
import { EmptyState, LoadError, Loading } from './Feedback';

/** A list's load states: the error with a retry, the first load, the empty list, then the items. */
export function ResourceContent<T>({ resource, empty, children }: { resource: Resource<T[]>; empty: ReactNode; children: (items: T[]) => ReactNode }) {
  if (resource.error) return <LoadError error={resource.error} onRetry={resource.reload} />;
  if (resource.loading && !resource.data) return <Loading />;
  if (!resource.data?.length) return <EmptyState>{empty}</EmptyState>;
  return <>{children(resource.data)}</>;
}

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

interface DataTableProps<T> {
  caption: string;
  rows: readonly T[];
  /** The first column heads its row (th scope="row"); every cell carries its header for the small-screen layout. */
  columns: readonly Column<T>[];
  /** Buttons in a last column with a visually hidden header. */
  actions?: (row: T) => ReactNode;
  /** The row's React key; its `id` unless told. */
  rowKey?: (row: T) => string;
  rowClassName?: (row: T) => string;
}

const byId = (row: unknown) => (row as { id: string }).id;

export function DataTable<T>({ caption, rows, columns, actions, rowKey = byId, rowClassName }: DataTableProps<T>) {
  const { t } = useTranslation();
  const [first, ...rest] = columns;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              <th scope="row" data-label={first.header}>
                {first.cell(row)}
              </th>
              {rest.map((c) => (
                <td key={c.header} data-label={c.header}>
                  {c.cell(row)}
                </td>
              ))}
              {actions ? <td className="row-actions">{actions(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ROW_BUTTONS = {
  edit: { variant: 'button--secondary', text: 'common.edit', named: 'common.editNamed' },
  delete: { variant: 'button--danger-outline', text: 'common.delete', named: 'common.deleteNamed' },
} as const;

/** "Edit" or "Delete" in a table row, named after the row for screen readers. */
export function RowButton({ action, name, onClick }: { action: keyof typeof ROW_BUTTONS; name: string; onClick: () => void }) {
  const { t } = useTranslation();
  const { variant, text, named } = ROW_BUTTONS[action];
  return (
    <button type="button" className={`button button--small ${variant}`} onClick={onClick} aria-label={t(named, { name })}>
      {t(text)}
    </button>
  );
}
