import type { ReactNode } from 'react';

/** A section's heading (its id names the section), with what stands beside it: a count, a badge, an add button. */
export function SectionHeader({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <div className="section-header">
      <h2 id={id}>{title}</h2>
      {children}
    </div>
  );
}

/** The button beside a section's heading that opens the form for a new entry; nothing while `onAdd` is absent. */
export function AddButton({ label, onAdd, small = false }: { label: string; onAdd: (() => void) | undefined | false; small?: boolean }) {
  if (!onAdd) return null;
  return (
    <button type="button" className={small ? 'button button--small button--secondary' : 'button button--secondary'} onClick={onAdd}>
      {label}
    </button>
  );
}
