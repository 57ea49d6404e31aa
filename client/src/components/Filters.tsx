import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './Field';

/** The filters above a list: a search landmark whose fields apply as they change. */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <form className="filters" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}

export function SearchField({ value, onChange, hint }: { value: string; onChange: (value: string) => void; hint?: ReactNode }) {
  const { t } = useTranslation();
  return <TextField label={t('common.search')} type="search" value={value} onChange={onChange} hint={hint} />;
}
