import type { ReactNode } from 'react';
import type { Organization } from '../api/types';
import { ConstituencyBadge } from './Badges';
import { LocalizedName } from './LocalizedName';

/** A record's facts as a description list, one SummaryItem a row. */
export function SummaryList({ className = 'summary-list', children }: { className?: string; children: ReactNode }) {
  return <dl className={className}>{children}</dl>;
}

/** One row of a summary list: the term, then its value (the className is the value's). */
export function SummaryItem({ term, className, children }: { term: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}

/** The rows naming an organization (a person's, an invitation's) and its constituency. */
export function OrganizationItems({
  organization,
  labels,
}: {
  organization: Pick<Organization, 'name' | 'constituency'>;
  labels: { organization: string; constituency: string };
}) {
  return (
    <>
      <SummaryItem term={labels.organization}>
        <LocalizedName value={organization.name} />
      </SummaryItem>
      <SummaryItem term={labels.constituency}>
        <ConstituencyBadge constituency={organization.constituency} />
      </SummaryItem>
    </>
  );
}
