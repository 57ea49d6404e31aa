import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { FollowUpItem } from '../api/types';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading, Notice } from '../components/Feedback';
import { TextField } from '../components/Field';
import { formatDateTime } from '../i18n/format';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { PeriodText, ScopeName, useDisaggregationLabel, useFormatValue } from './parts';
import { formatPeriod } from './periods';

const RULE_KEYS = {
  history: 'import.warningRules.history',
  peers: 'import.warningRules.peers',
  relation: 'import.warningRules.relation',
} as const;

/**
 * The values the validation rules let in flagged, oldest first, with the values before each: a facilitator confirms
 * each with a comment, or sends it back to the park (a value awaiting verification is then rejected).
 */
export default function FollowUpPage() {
  const { t, msg } = useWording();
  const list = useResource((signal) => api.observations.followUp(signal), []);
  const [note, setNote] = useState<Message | null>(null);

  return (
    <section aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">{t('followUp.title')}</h2>
      <p className="muted">{t('followUp.intro')}</p>
      <div aria-live="polite">{note ? <Notice>{msg(note)}</Notice> : null}</div>
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : !list.data.items.length ? (
        <EmptyState>{t('followUp.empty')}</EmptyState>
      ) : (
        <TableFrame
          caption={t('followUp.title')}
          headers={[
            t('indicators.indicator'),
            t('indicators.scope'),
            t('indicators.period'),
            t('indicators.value'),
            t('followUp.warnings'),
            t('common.actions'),
          ]}
        >
          {list.data.items.map((o) => (
            <FollowUpRow
              key={o.id}
              item={o}
              onDone={(m) => {
                setNote(m);
                list.setData((page) => (page ? { ...page, items: page.items.filter((x) => x.id !== o.id) } : page));
              }}
            />
          ))}
        </TableFrame>
      )}
    </section>
  );
}

function FollowUpRow({ item: o, onDone }: { item: FollowUpItem; onDone: (note: Message) => void }) {
  const { t, i18n, msg } = useWording();
  const formatValue = useFormatValue();
  const disaggregationLabel = useDisaggregationLabel();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const what = `${o.indicator.code} ${formatPeriod(o.period, i18n.language)}`;

  const act = (kind: 'confirm' | 'sendBack') => async (e?: FormEvent) => {
    e?.preventDefault();
    if (!comment.trim()) {
      setError(message('errors.field.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (kind === 'confirm') await api.observations.confirmFollowUp(o.id, comment.trim());
      else await api.observations.sendBack(o.id, comment.trim());
      onDone(message(kind === 'confirm' ? 'followUp.confirmed' : 'followUp.sentBack', { what }));
    } catch (err) {
      const result = formErrorsFrom(err, ['comment']);
      setError(result.fields.comment ?? result.form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <th scope="row" data-label={t('indicators.indicator')}>
        <Link to={`/observations/${o.id}`}>
          <code>{o.indicator.code}</code>
        </Link>
      </th>
      <td data-label={t('indicators.scope')}>
        <ScopeName scope={o.scope} withType />
      </td>
      <td data-label={t('indicators.period')}>
        <PeriodText period={o.period} />
        {o.disaggregation ? <span className="muted small block">{disaggregationLabel(o.disaggregation)}</span> : null}
      </td>
      <td data-label={t('indicators.value')}>
        <strong>{formatValue(o.value, o.indicator.unit)}</strong>
        <span className="muted small block">
          {o.reportedBy?.displayName ?? t('history.someone')} · {formatDateTime(o.reportedAt, i18n.language)}
        </span>
        {o.previous.length ? (
          <span className="small block">
            {t('followUp.before')}
            {t('common.colon')}
            {o.previous.map((p) => `${formatPeriod(p.period, i18n.language)} ${formatValue(p.value, o.indicator.unit)}`).join(t('common.listSeparator'))}
          </span>
        ) : null}
      </td>
      <td data-label={t('followUp.warnings')}>
        <ul className="plain-list">
          {o.warnings.map((w, i) => (
            <li key={i}>
              {t(RULE_KEYS[w.rule])}
              <span className="muted small block">{t('followUp.expected', { min: w.expected.min ?? '…', max: w.expected.max ?? '…' })}</span>
            </li>
          ))}
        </ul>
      </td>
      <td data-label={t('common.actions')}>
        <form onSubmit={(e) => void act('confirm')(e)} noValidate aria-label={t('followUp.formFor', { what })}>
          <TextField label={t('followUp.comment')} value={comment} onChange={setComment} maxLength={2000} error={msg(error)} />
          <div className="button-row">
            <button type="submit" className="button button--small" disabled={busy}>
              {t('followUp.confirm')}
            </button>
            <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void act('sendBack')()}>
              {t('followUp.sendBack')}
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}
