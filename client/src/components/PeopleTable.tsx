import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Constituency, Organization } from '../api/types';
import { ConstituencyBadge } from './Badges';
import type { Column } from './DataTable';
import { LocalizedName } from './LocalizedName';

interface Person {
  userId: string;
  displayName: string;
  organization: Organization;
  constituency: Constituency;
}

interface PeopleTableProps<P extends Person> {
  caption: string;
  people: readonly P[];
  /** Shown after the name, e.g. a role badge. */
  afterName?: (person: P) => ReactNode;
  /** Columns after name, organization and constituency. */
  columns?: readonly Column<P>[];
  /** Buttons in a last column with a visually hidden header. */
  actions?: (person: P) => ReactNode;
}

/** The people taking part in something, each row marked with their constituency's colour. */
export function PeopleTable<P extends Person>({ caption, people, afterName, columns = [], actions }: PeopleTableProps<P>) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('participants.name')}</th>
            <th scope="col">{t('participants.organization')}</th>
            <th scope="col">{t('participants.constituency')}</th>
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
          {people.map((p) => (
            <tr key={p.userId} className={`constituency--${p.constituency} participant-row`}>
              <th scope="row" data-label={t('participants.name')}>
                <span className="row-swatch" aria-hidden="true" />
                {p.displayName}
                {afterName ? <> {afterName(p)}</> : null}
              </th>
              <td data-label={t('participants.organization')}>
                <LocalizedName value={p.organization.name} />
              </td>
              <td data-label={t('participants.constituency')}>
                <ConstituencyBadge constituency={p.constituency} />
              </td>
              {columns.map((c) => (
                <td key={c.header} data-label={c.header}>
                  {c.cell(p)}
                </td>
              ))}
              {actions ? <td className="row-actions">{actions(p)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
