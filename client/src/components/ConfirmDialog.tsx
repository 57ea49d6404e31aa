import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '../lib/message';
import type { Confirmation } from '../lib/useConfirmation';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** Shown inside the dialog (e.g. a 409 from the server), so the user sees why nothing happened. */
  error?: string | null;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation on the native <dialog>: focus is trapped, Escape cancels. */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, error, danger = true, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Opened and closed in the commit itself, so the page can move the focus right after (a passive effect may run later).
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className={`button${danger ? ' button--danger' : ''}`} onClick={onConfirm} disabled={busy}>
          {busy ? t('common.working') : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

interface ConfirmationDialogProps<T> {
  /** What useConfirmation keeps: the item waiting for the answer, whether the action runs, its refusal. */
  confirmation: Confirmation<T>;
  title: string;
  confirmLabel: string;
  /** The action, once confirmed; the dialog closes when it succeeds. */
  onConfirm: (item: T) => Promise<void>;
  children?: ReactNode;
}

/** The confirmation dialog of an action on one item, asked with useConfirmation. */
export function ConfirmationDialog<T>({ confirmation, title, confirmLabel, onConfirm, children }: ConfirmationDialogProps<T>) {
  const msg = useMessage();
  return (
    <ConfirmDialog
      open={confirmation.target !== null}
      title={title}
      confirmLabel={confirmLabel}
      busy={confirmation.busy}
      error={msg(confirmation.error)}
      onConfirm={() => void confirmation.confirm(onConfirm)}
      onCancel={confirmation.cancel}
    >
      {children}
    </ConfirmDialog>
  );
}
