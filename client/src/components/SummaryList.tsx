import type { ReactNode } from 'react';

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
