import { useState } from 'react';
import { api } from '../api';
import { isApiError } from '../api/errors';
import type { Observation } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ReasonDialog } from '../components/ReasonDialog';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { verifyBlockReason } from '@shared/indicator-access';
import { formatPeriod } from './periods';
import { useWording } from '../lib/useWording';

/** Verify and reject buttons for a submitted value; for the reporter, the reason they cannot. */
export function VerifyActions({ observation, onDone }: { observation: Observation; onDone: (updated: Observation | null, note: Message) => void }) {
  const { t, i18n, msg } = useWording();
  const user = useCurrentUser();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [rejectError, setRejectError] = useState<Message | null>(null);
  const block = verifyBlockReason(user, observation);
  const what = `${observation.indicator.code} ${formatPeriod(observation.period, i18n.language)}`;
  if (block === 'notStaff' || block === 'notSubmitted') return null;
  if (block === 'ownValue') return <p className="muted small own-value-note">{t('verification.ownValue')}</p>;

  // A 409 naming the id: a correction replaced the value meanwhile; otherwise someone else reviewed it.
  const conflictNote = (e: unknown): Message | null =>
    isApiError(e) && e.status === 409
      ? message(e.details.some((d) => d.field === 'id') ? 'verification.supersededMeanwhile' : 'verification.alreadyHandled')
      : isApiError(e) && e.status === 403
        ? message('verification.ownValueRefused')
        : null;

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.observations.verify(observation.id);
      onDone(updated, message('verification.verified', { what }));
    } catch (e) {
      const note = conflictNote(e);
      if (note && isApiError(e) && e.status === 409) onDone(null, note);
      else setError(note ?? formErrorsFrom(e, []).form);
    } finally {
      setBusy(false);
    }
  };

  const reject = async (reason: string) => {
    setBusy(true);
    setRejectError(null);
    try {
      const updated = await api.observations.reject(observation.id, reason);
      setRejecting(false);
      onDone(updated, message('verification.rejected', { what }));
    } catch (e) {
      setRejectError(conflictNote(e) ?? formErrorsFrom(e, ['reason']).form ?? message('errors.field.required'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="button-row">
      <button type="button" className="button button--small" onClick={() => void verify()} disabled={busy} aria-label={t('verification.verifyNamed', { what })}>
        {t('verification.verify')}
      </button>
      <button
        type="button"
        className="button button--small button--danger-outline"
        onClick={() => {
          setRejecting(true);
          setRejectError(null);
        }}
        disabled={busy}
        aria-label={t('verification.rejectNamed', { what })}
      >
        {t('verification.reject')}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {msg(error)}
        </p>
      ) : null}
      <ReasonDialog
        open={rejecting}
        title={t('verification.rejectTitle', { what })}
        confirmLabel={t('verification.reject')}
        required
        reasonLabel={t('verification.reasonLabel')}
        busy={busy}
        error={msg(rejectError)}
        danger
        onConfirm={(reason) => void reject(reason)}
        onCancel={() => setRejecting(false)}
      >
        <p>{t('verification.rejectText')}</p>
      </ReasonDialog>
    </div>
  );
}
