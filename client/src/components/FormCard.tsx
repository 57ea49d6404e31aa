import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './Feedback';

/** Cancel and save under a form; both wait while it saves. */
export function FormActions({ saving, onCancel, submitLabel }: { saving: boolean; onCancel: () => void; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="button button--secondary" onClick={onCancel} disabled={saving}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button" disabled={saving}>
        {saving ? t('common.saving') : (submitLabel ?? t('common.save'))}
      </button>
    </div>
  );
}

interface FormCardProps {
  /** The id of the heading, which names the section. */
  titleId: string;
  title: string;
  /** Shown under the heading. */
  intro?: ReactNode;
  /** The message for the whole form, above its fields. */
  error?: string;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
  /** The buttons under the fields. */
  actions: ReactNode;
}

/** A form in its own card, titled, with its form-wide error on top; the browser's own validation is off. */
export function FormCard({ titleId, title, intro, error, onSubmit, children, actions }: FormCardProps) {
  return (
    <section className="card form-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {intro}
      {error ? <ErrorAlert>{error}</ErrorAlert> : null}
      <form onSubmit={onSubmit} noValidate>
        {children}
        {actions}
      </form>
    </section>
  );
}
