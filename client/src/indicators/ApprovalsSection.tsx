import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../api';
import type { PeriodApproval } from '../api/types';
import { TableFrame } from '../components/DataTable';
import { EmptyState, ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { TextField } from '../components/Field';
import { ReasonDialog } from '../components/ReasonDialog';
import { formatDateTime } from '../i18n/format';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useIsStaff } from '../lib/useStaff';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { formatPeriod } from './periods';

/**
 * A park's reporting periods on their way up: its officer submits a period, a city-level then a province-level
 * approver approves it, which locks it (values for it are then refused until an admin unlocks it, saying why).
 * The server says, row by row, whether the reader may approve or unlock it.
 */
export function ApprovalsSection({ parkId, reporter }: { parkId: string; reporter: boolean }) {
  const { t, i18n, msg } = useWording();
  const staff = useIsStaff();
  const approvals = useResource((signal) => api.approvals.list(parkId, signal), [parkId]);
  const [period, setPeriod] = useState('');
  const [periodError, setPeriodError] = useState<Message | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [note, setNote] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [unlocking, setUnlocking] = useState<PeriodApproval | null>(null);
  const [unlockError, setUnlockError] = useState<{ form: Message | null; reason: Message | null }>({ form: null, reason: null });

  const replace = (updated: PeriodApproval) =>
    approvals.setData((list) =>
      list
        ? {
            ...list,
            items: list.items.some((a) => a.id === updated.id) ? list.items.map((a) => (a.id === updated.id ? updated : a)) : [updated, ...list.items],
          }
        : list,
    );

  const run = async (work: () => Promise<PeriodApproval>, done: (a: PeriodApproval) => Message, refused?: Message) => {
    setBusy(true);
    setError(null);
    setPeriodError(null);
    try {
      const updated = await work();
      replace(updated);
      setNote(done(updated));
    } catch (e) {
      const result = formErrorsFrom(e, ['period']);
      setPeriodError(result.fields.period ?? null);
      // An approver of another level (or none) is told whose approval the period awaits.
      setError(refused && isApiError(e) && e.status === 403 ? refused : result.form);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!period.trim()) {
      setPeriodError(message('errors.field.required'));
      return;
    }
    await run(
      () => api.approvals.submit(parkId, period.trim()),
      (a) => message('approvals.submitted', { period: formatPeriod(a.period, i18n.language) }),
    );
  };

  const approve = (a: PeriodApproval) =>
    run(
      () => api.approvals.approve(parkId, a.period),
      (updated) => message(updated.locked ? 'approvals.approvedLocked' : 'approvals.approved', { period: formatPeriod(updated.period, i18n.language) }),
      a.awaiting ? message(`approvals.notYours.${a.awaiting}`) : undefined,
    );

  const unlock = async (reason: string) => {
    if (!unlocking) return;
    setBusy(true);
    setUnlockError({ form: null, reason: null });
    try {
      const updated = await api.approvals.unlock(parkId, unlocking.period, reason);
      replace(updated);
      setUnlocking(null);
      setError(null);
      setNote(message('approvals.unlocked', { period: formatPeriod(updated.period, i18n.language) }));
    } catch (e) {
      const result = formErrorsFrom(e, ['reason']);
      setUnlockError({ form: result.form, reason: result.fields.reason ?? null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="park-approvals">
      <h2 id="park-approvals">{t('approvals.title')}</h2>
      <p className="muted small">
        {t('approvals.intro')}
        {staff ? (
          <>
            {' '}
            <Link to="/admin/approvers">{t('approvals.whoApproves')}</Link>
          </>
        ) : null}
      </p>
      <div aria-live="polite">
        {note ? <Notice>{msg(note)}</Notice> : null}
        {error ? <ErrorAlert>{msg(error)}</ErrorAlert> : null}
      </div>
      {reporter ? (
        <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('approvals.submitTitle')}>
          <TextField
            label={t('approvals.period')}
            value={period}
            onChange={setPeriod}
            hint={t('approvals.periodHint')}
            error={msg(periodError)}
            maxLength={10}
          />
          <button type="submit" className="button button--small" disabled={busy}>
            {t('approvals.submit')}
          </button>
        </form>
      ) : null}
      {approvals.error ? (
        <LoadError error={approvals.error} onRetry={approvals.reload} />
      ) : !approvals.data ? (
        <Loading />
      ) : !approvals.data.items.length ? (
        <EmptyState>{t('approvals.none')}</EmptyState>
      ) : (
        <TableFrame caption={t('approvals.title')} headers={[t('approvals.period'), t('approvals.state'), t('approvals.steps'), t('common.actions')]}>
          {approvals.data.items.map((a) => {
            const when = formatPeriod(a.period, i18n.language);
            return (
              <tr key={a.id}>
                <th scope="row">{when}</th>
                <td>
                  <span className={`badge approval-state approval-state--${a.state}`}>{t(`approvals.stateName.${a.state}`)}</span>
                  {a.awaiting ? <span className="muted small block">{t(`approvals.awaiting.${a.awaiting}`)}</span> : null}
                </td>
                <td>
                  <ol className="plain-list small">
                    {a.steps.map((s, i) => (
                      <li key={i}>
                        {t(`approvals.step.${s.step}`)} · {s.actor?.displayName ?? t('history.someone')} · {formatDateTime(s.at, i18n.language)}
                        {s.reason ? ` · ${s.reason}` : null}
                      </li>
                    ))}
                  </ol>
                </td>
                <td>
                  {a.awaiting && a.canApprove ? (
                    <button type="button" className="button button--small" disabled={busy} onClick={() => void approve(a)}>
                      {t(`approvals.approveAs.${a.awaiting}`, { period: when })}
                    </button>
                  ) : null}
                  {a.canUnlock ? (
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      disabled={busy}
                      aria-label={t('approvals.unlockNamed', { period: when })}
                      onClick={() => {
                        setUnlockError({ form: null, reason: null });
                        setUnlocking(a);
                      }}
                    >
                      {t('approvals.unlock')}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </TableFrame>
      )}
      <ReasonDialog
        open={unlocking !== null}
        title={unlocking ? t('approvals.unlockTitle', { period: formatPeriod(unlocking.period, i18n.language) }) : ''}
        confirmLabel={t('approvals.unlock')}
        required
        reasonLabel={t('approvals.unlockReason')}
        busy={busy}
        error={msg(unlockError.form)}
        reasonError={msg(unlockError.reason)}
        onConfirm={(reason) => void unlock(reason)}
        onCancel={() => setUnlocking(null)}
      >
        <p>{t('approvals.unlockText')}</p>
      </ReasonDialog>
    </section>
  );
}
