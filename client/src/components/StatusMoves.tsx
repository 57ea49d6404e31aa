import { useState } from 'react';
import { isApiError } from '../api/errors';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { ReasonDialog } from './ReasonDialog';
import { useWording } from '../lib/useWording';

export interface StatusMove<S extends string> {
  to: S;
  /** The button's text, e.g. "Open the roundtable". */
  label: string;
  /** required: the server refuses the move without a reason; optional: kept in the history if given. */
  reason: 'required' | 'optional' | 'none';
  danger?: boolean;
}

interface StatusMovesProps<S extends string> {
  moves: readonly StatusMove<S>[];
  /** The name of a status in the reader's language. */
  statusName: (status: S) => string;
  onMove: (to: S, reason?: string) => Promise<unknown>;
  /** Called after a 409, so the page reloads the thing that moved meanwhile. */
  onConflict?: () => void;
  className?: string;
}

/**
 * Buttons for the status moves allowed from here. A move that needs (or may take) a reason asks for it in a dialog;
 * when the server answers 409 the dialog names the moves it allows now.
 */
export function StatusMoves<S extends string>({ moves, statusName, onMove, onConflict, className }: StatusMovesProps<S>) {
  const { t, msg } = useWording();
  const [asking, setAsking] = useState<StatusMove<S> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);

  const run = async (move: StatusMove<S>, reason?: string) => {
    setBusy(true);
    setError(null);
    try {
      await onMove(move.to, reason || undefined);
      setAsking(null);
    } catch (e) {
      if (isApiError(e) && e.status === 409 && e.allowed) {
        setError(
          e.allowed.length
            ? message('status.conflictAllowed', { allowed: e.allowed.map((s) => statusName(s as S)).join(', ') })
            : message('status.conflictNone'),
        );
        onConflict?.();
      } else {
        const result = formErrorsFrom(e, ['reason']);
        setError(result.fields.reason ? message(result.fields.reason.key, result.fields.reason.values) : result.form);
      }
      // Moves without a dialog show their error in one.
      if (!asking) setAsking(move);
    } finally {
      setBusy(false);
    }
  };

  if (!moves.length) return null;
  return (
    <div className={`status-moves ${className ?? ''}`} role="group" aria-label={t('status.movesLabel')}>
      {moves.map((move) => (
        <button
          key={move.to}
          type="button"
          className={`button button--small ${move.danger ? 'button--danger-outline' : 'button--secondary'}`}
          disabled={busy}
          onClick={() => {
            setError(null);
            if (move.reason === 'none') void run(move);
            else setAsking(move);
          }}
        >
          {move.label}
        </button>
      ))}
      <ReasonDialog
        open={asking !== null}
        title={asking ? t('status.confirmTitle', { status: statusName(asking.to) }) : ''}
        confirmLabel={asking?.label ?? ''}
        required={asking?.reason === 'required'}
        busy={busy}
        danger={asking?.danger}
        error={msg(error)}
        onConfirm={(reason) => asking && void run(asking, reason)}
        onCancel={() => {
          setAsking(null);
          setError(null);
        }}
      >
        {asking?.reason === 'required' ? <p>{t('status.reasonRequired')}</p> : null}
      </ReasonDialog>
    </div>
  );
}
