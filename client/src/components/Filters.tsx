import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField, type SelectFieldProps } from './Field';

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

/** A filter's choice of one value; its first option, "All", leaves the list unfiltered. */
export function FilterSelect<V extends string>(props: Omit<SelectFieldProps<V | ''>, 'emptyLabel'>) {
  const { t } = useTranslation();
  return <SelectField<V | ''> {...props} emptyLabel={t('common.all')} />;
}
