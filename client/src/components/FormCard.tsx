import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../lib/useResource';
import { ErrorAlert, LoadError, Loading } from './Feedback';
import { PageHeader } from './PageHeader';

interface SubmitButtonProps {
  /** The form is being sent: the button says busyLabel ("Saving…" unless told) and waits. */
  busy: boolean;
  label: string;
  busyLabel?: string;
  /** Waits for more than this form's own sending (e.g. another form of the section); `busy` unless told. */
  disabled?: boolean;
  /** As wide as the form (the sign-in forms). */
  wide?: boolean;
}

/** A form's submit button, which says that the form is being sent and waits meanwhile. */
export function SubmitButton({ busy, label, busyLabel, disabled = busy, wide = false }: SubmitButtonProps) {
  const { t } = useTranslation();
  return (
    <button type="submit" className={wide ? 'button button--wide' : 'button'} disabled={disabled}>
      {busy ? (busyLabel ?? t('common.saving')) : label}
    </button>
  );
}

/** The row under a form that has only its submit button. */
export function SubmitRow(props: SubmitButtonProps) {
  return (
    <div className="form-actions">
      <SubmitButton {...props} />
    </div>
  );
}

/** Cancel and save under a form; both wait while it saves. */
export function FormActions({ saving, onCancel, submitLabel }: { saving: boolean; onCancel: () => void; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="button button--secondary" onClick={onCancel} disabled={saving}>
        {t('common.cancel')}
      </button>
      <SubmitButton busy={saving} label={submitLabel ?? t('common.save')} />
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

interface FormPageProps {
  /** The page's heading, which also names the form's card. */
  title: string;
  description?: ReactNode;
  /** The message for the whole form, above its fields. */
  error?: string;
  onSubmit: (e: FormEvent) => void;
  saving: boolean;
  submitLabel: string;
  /** Where Cancel leads: the record, or the list a new one would join. */
  cancelTo: string;
  children: ReactNode;
}

/** A page that is one form (a new record or an edit of one); Cancel leaves without saving. */
export function FormPage({ title, description, error, onSubmit, saving, submitLabel, cancelTo, children }: FormPageProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} description={description} />
      <section className="card form-card" aria-label={title}>
        {error ? <ErrorAlert>{error}</ErrorAlert> : null}
        <form onSubmit={onSubmit} noValidate>
          {children}
          <div className="form-actions">
            <Link to={cancelTo} className="button button--secondary">
              {t('common.cancel')}
            </Link>
            <SubmitButton busy={saving} label={submitLabel} />
          </div>
        </form>
      </section>
    </>
  );
}

/** Loads the record a form page edits before the form shows; a new record (no id) has none. */
export function RecordToEdit<T>({
  id,
  load,
  children,
}: {
  id: string | undefined;
  load: (id: string) => Promise<T>;
  children: (record: T | null) => ReactNode;
}) {
  const existing = useResource(() => (id ? load(id) : Promise.resolve(null)), [id]);
  if (id && existing.error) return <LoadError error={existing.error} onRetry={existing.reload} />;
  if (id && !existing.data) return <Loading />;
  return children(existing.data ?? null);
}
