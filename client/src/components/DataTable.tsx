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

/** A loaded list as a data table, with the list's load states (see ResourceContent) before it. */
export function ResourceTable<T>({ resource, empty, ...table }: Omit<DataTableProps<T>, 'rows'> & { resource: Resource<T[]>; empty: ReactNode }) {
  return (
    <ResourceContent resource={resource} empty={empty}>
      {(rows) => <DataTable {...table} rows={rows} />}
    </ResourceContent>
  );
}

const byId = (row: unknown) => (row as { id: string }).id;

export function DataTable<T>({ caption, rows, columns, actions, rowKey = byId, rowClassName }: DataTableProps<T>) {
  const { t } = useTranslation();
  const [first, ...rest] = columns;
  const headers = columns.map((c) => c.header);
  return (
    <TableFrame caption={caption} headers={actions ? [...headers, <span className="visually-hidden">{t('common.actions')}</span>] : headers}>
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
    </TableFrame>
  );
}

interface TableFrameProps {
  caption: string;
  /** Shows the caption (most tables name themselves for screen readers only). */
  captionVisible?: boolean;
  /** The column headers; a null one is left out. */
  headers: readonly ReactNode[];
  /** Classes besides data-table, e.g. compact-table. */
  className?: string;
  /** The rows. */
  children: ReactNode;
}

/** A data table that scrolls sideways on small screens, with its caption and one row of column headers. */
export function TableFrame({ caption, captionVisible = false, headers, className, children }: TableFrameProps) {
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption className={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header, i) =>
              header === null ? null : (
                <th key={i} scope="col">
                  {header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
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
