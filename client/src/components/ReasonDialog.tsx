import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './ConfirmDialog';
import { FieldNote } from './Field';

interface ReasonDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** When true the confirm button waits for some text. */
  required: boolean;
  reasonLabel?: string;
  busy?: boolean;
  error?: string | null;
  /** The server's refusal of the reason itself (a 400 naming it), shown at the field. */
  reasonError?: string | null;
  danger?: boolean;
  children?: ReactNode;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** A confirmation that asks why (a status move that needs a reason, removing a message). */
export function ReasonDialog({
  open,
  title,
  confirmLabel,
  required,
  reasonLabel,
  busy,
  error,
  reasonError,
  danger = false,
  children,
  onConfirm,
  onCancel,
}: ReasonDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (open) {
      setReason('');
      setTouched(false);
    }
  }, [open]);
  const missing = required && !reason.trim();
  const fieldError = touched && missing ? t('errors.field.required') : (reasonError ?? null);
  return (
    <ConfirmDialog
      open={open}
      title={title}
      confirmLabel={confirmLabel}
      busy={busy}
      error={error}
      danger={danger}
      onConfirm={() => {
        setTouched(true);
        if (!missing) onConfirm(reason.trim());
      }}
      onCancel={onCancel}
    >
      {children}
      <div className={`field${fieldError ? ' field--invalid' : ''}`}>
        <label htmlFor={`${id}-reason`}>
          {reasonLabel ?? t('common.reason')}
          {required ? (
            <span className="required-mark" aria-hidden="true">
              {' '}
              *
            </span>
          ) : (
            <span className="muted small"> {t('common.optional')}</span>
          )}
        </label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={1000}
          value={reason}
          required={required}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-error` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        <FieldNote kind="error" id={`${id}-error`}>
          {fieldError}
        </FieldNote>
      </div>
    </ConfirmDialog>
  );
}
