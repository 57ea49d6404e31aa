import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Constituency, Organization } from '../api/types';
import { ConstituencyBadge } from './Badges';
import { type Column, DataTable } from './DataTable';
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
  const all: Column<P>[] = [
    {
      header: t('participants.name'),
      cell: (p) => (
        <>
          <span className="row-swatch" aria-hidden="true" />
          {p.displayName}
          {afterName ? <> {afterName(p)}</> : null}
        </>
      ),
    },
    { header: t('participants.organization'), cell: (p) => <LocalizedName value={p.organization.name} /> },
    { header: t('participants.constituency'), cell: (p) => <ConstituencyBadge constituency={p.constituency} /> },
    ...columns,
  ];
  return (
    <DataTable
      caption={caption}
      rows={people}
      columns={all}
      actions={actions}
      rowKey={(p) => p.userId}
      rowClassName={(p) => `constituency--${p.constituency} participant-row`}
    />
  );
}
