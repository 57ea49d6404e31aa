import { useState, type FormEvent } from 'react';
import { api } from '../api';
import type { AgendaItem, LocalizedText, MinutesRecord, MinutesStatus, Participant, Roundtable } from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ErrorAlert } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { FormActions } from '../components/FormCard';
import { formatDateTime } from '../i18n/format';
import { fromLocalInput } from '../lib/datetime';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useWording } from '../lib/useWording';

/** Where the minutes stand: draft, circulated for comment, adopted, or locked. */
export function MinutesStatusBadge({ status }: { status: MinutesStatus }) {
  const { t } = useWording();
  return <span className={`badge badge--state minutes-status minutes-status--${status}`}>{t(`record.status.${status}`)}</span>;
}

/**
 * The adoption of the minutes, above the agenda: their state, the facilitator's moves (circulate with a comment
 * deadline, withdraw, adopt with the objections of attendees, lock), the objections and the numbered corrigenda.
 */
export function MinutesWorkflow({
  roundtable,
  record,
  items,
  participants,
  onChanged,
}: {
  roundtable: Roundtable;
  record: MinutesRecord;
  items: AgendaItem[];
  participants: Participant[];
  onChanged: (record: MinutesRecord, notice: Message) => void;
}) {
  const { t, i18n, msg, label } = useWording();
  const [open, setOpen] = useState<MinutesStatus | 'corrigendum' | null>(null);
  const [deadline, setDeadline] = useState('');
  const [objections, setObjections] = useState<{ userId: string; statement: string }[]>([]);
  const [correction, setCorrection] = useState<LocalizedText>({});
  const [correctionItem, setCorrectionItem] = useState('');
  const [error, setError] = useState<Message | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, Message | undefined>>({});
  const [busy, setBusy] = useState(false);
  const attendees = participants.filter((p) => p.attended !== false);

  const run = async (work: () => Promise<void>, fields: string[]) => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await work();
      setOpen(null);
    } catch (e) {
      const result = formErrorsFrom(e, fields);
      setFieldErrors(result.fields);
      setError(result.form);
    } finally {
      setBusy(false);
    }
  };

  const move = (to: MinutesStatus) => async (e?: FormEvent) => {
    e?.preventDefault();
    if (to === 'circulated') {
      const iso = fromLocalInput(deadline);
      if (!iso) {
        setFieldErrors({ commentDeadline: message('errors.field.required') });
        return;
      }
      await run(
        async () => onChanged(await api.roundtables.moveMinutes(roundtable.id, { status: to, commentDeadline: iso }), message('record.moved.circulated')),
        ['commentDeadline'],
      );
      return;
    }
    const body =
      to === 'adopted'
        ? { status: to, objections: objections.filter((o) => o.userId).map((o) => ({ userId: o.userId, statement: o.statement.trim() })) }
        : { status: to };
    await run(async () => onChanged(await api.roundtables.moveMinutes(roundtable.id, body), message(`record.moved.${to}`)), ['objections']);
  };

  const addCorrigendum = async (e: FormEvent) => {
    e.preventDefault();
    if (isBilingualEmpty(correction)) {
      setFieldErrors({ text: message('errors.field.oneLanguage') });
      return;
    }
    await run(async () => {
      await api.roundtables.addCorrigendum(roundtable.id, { text: cleanBilingual(correction), ...(correctionItem ? { agendaItemId: correctionItem } : {}) });
      setCorrection({});
      onChanged(await api.roundtables.minutesRecord(roundtable.id), message('record.corrigendumAdded'));
    }, ['text', 'agendaItemId']);
  };

  const itemTitle = (id: string | null) => {
    const item = id ? items.find((i) => i.id === id) : null;
    return item ? label(item.title) : null;
  };

  return (
    <section className="card minutes-workflow" aria-labelledby="rt-minutes-state">
      <h3 id="rt-minutes-state">
        {t('record.title')} <MinutesStatusBadge status={record.status} />
      </h3>
      <p className="muted small">
        {record.status === 'draft' ? t('record.explain.draft') : null}
        {record.status === 'circulated' && record.commentDeadline
          ? t('record.explain.circulated', { date: formatDateTime(record.commentDeadline, i18n.language) })
          : null}
        {record.status === 'adopted' || record.status === 'locked'
          ? t('record.explain.adopted', {
              name: record.adoptedBy?.displayName ?? t('activity.system'),
              date: record.adoptedAt ? formatDateTime(record.adoptedAt, i18n.language) : '',
            })
          : null}
        {record.status === 'locked' ? ` ${t('record.explain.locked')}` : null}
      </p>
      {error ? <ErrorAlert>{msg(error)}</ErrorAlert> : null}

      {record.allowed.length && !open ? (
        <div className="button-row no-print">
          {record.allowed.map((to) => (
            <button
              key={to}
              type="button"
              className={`button button--small ${to === 'draft' ? 'button--secondary' : ''}`}
              onClick={() => (to === 'draft' || to === 'locked' ? void move(to)() : setOpen(to))}
              disabled={busy}
            >
              {t(`record.move.${to}`)}
            </button>
          ))}
          {record.status === 'adopted' ? (
            <button type="button" className="button button--small button--secondary" onClick={() => setOpen('corrigendum')}>
              {t('record.addCorrigendum')}
            </button>
          ) : null}
        </div>
      ) : null}

      {open === 'circulated' ? (
        <form className="inline-form" onSubmit={(e) => void move('circulated')(e)} noValidate aria-label={t('record.move.circulated')}>
          <TextField
            label={t('record.deadline')}
            type="datetime-local"
            value={deadline}
            onChange={setDeadline}
            hint={t('record.deadlineHint')}
            error={msg(fieldErrors.commentDeadline)}
            required
          />
          <FormActions saving={busy} onCancel={() => setOpen(null)} submitLabel={t('record.move.circulated')} />
        </form>
      ) : null}

      {open === 'adopted' ? (
        <form className="inline-form" onSubmit={(e) => void move('adopted')(e)} noValidate aria-label={t('record.move.adopted')}>
          <p className="small">{t('record.objectionsHint')}</p>
          {objections.map((o, index) => (
            <div className="form-row" key={index}>
              <SelectField
                label={t('record.objector')}
                value={o.userId}
                onChange={(userId) => setObjections((list) => list.map((x, i) => (i === index ? { ...x, userId } : x)))}
                emptyLabel={t('record.chooseAttendee')}
                options={attendees.map((p) => ({ value: p.userId, label: p.displayName }))}
                error={msg(fieldErrors[`objections.${index}.userId`])}
              />
              <TextField
                label={t('record.statement')}
                value={o.statement}
                onChange={(statement) => setObjections((list) => list.map((x, i) => (i === index ? { ...x, statement } : x)))}
                maxLength={5000}
                error={msg(fieldErrors[`objections.${index}.statement`])}
              />
            </div>
          ))}
          {fieldErrors.objections ? <ErrorAlert>{msg(fieldErrors.objections)}</ErrorAlert> : null}
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => setObjections((list) => [...list, { userId: '', statement: '' }])}
          >
            {t('record.addObjection')}
          </button>
          <FormActions saving={busy} onCancel={() => setOpen(null)} submitLabel={t('record.move.adopted')} />
        </form>
      ) : null}

      {open === 'corrigendum' ? (
        <form className="inline-form" onSubmit={(e) => void addCorrigendum(e)} noValidate aria-label={t('record.addCorrigendum')}>
          <SelectField
            label={t('record.correctsItem')}
            value={correctionItem}
            onChange={setCorrectionItem}
            emptyLabel={t('record.wholeMinutes')}
            options={items.map((i, index) => ({ value: i.id, label: `${index + 1}. ${label(i.title)}` }))}
            error={msg(fieldErrors.agendaItemId)}
          />
          <BilingualTextInput
            legend={t('record.correction')}
            value={correction}
            onChange={setCorrection}
            error={msg(fieldErrors.text)}
            maxLength={20_000}
            rows={4}
          />
          <FormActions saving={busy} onCancel={() => setOpen(null)} submitLabel={t('record.addCorrigendum')} />
        </form>
      ) : null}

      {record.status === 'adopted' || record.status === 'locked' ? (
        <>
          <h4>{t('record.objections')}</h4>
          {record.objections.length ? (
            <ul>
              {record.objections.map((o, i) => (
                <li key={i}>
                  <strong>{o.person?.displayName ?? t('activity.system')}</strong>
                  {t('common.colon')}
                  {o.statement}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('record.noObjections')}</p>
          )}
        </>
      ) : null}

      {record.corrigenda.length ? (
        <>
          <h4>{t('record.corrigenda')}</h4>
          <ol className="corrigenda">
            {record.corrigenda.map((c) => (
              <li key={c.id} value={c.number}>
                <p className="small muted">
                  {t('record.corrigendumNote', {
                    number: c.number,
                    item: itemTitle(c.agendaItemId) ?? t('record.wholeMinutes'),
                    date: formatDateTime(c.createdAt, i18n.language),
                  })}
                </p>
                <p className="prewrap">{label(c.text)}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** Attendees' comments on one item's minutes, and the comment form while the minutes circulate. */
export function MinutesComments({
  roundtable,
  item,
  record,
  onCommented,
}: {
  roundtable: Roundtable;
  item: AgendaItem;
  record: MinutesRecord;
  onCommented: () => void;
}) {
  const { t, i18n, msg } = useWording();
  const [text, setText] = useState('');
  const [error, setError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const comments = record.comments.filter((c) => c.agendaItemId === item.id);
  if (!comments.length && !record.canComment) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(message('errors.field.required'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.roundtables.commentMinutes(roundtable.id, item.id, text.trim());
      setText('');
      onCommented();
    } catch (err) {
      const result = formErrorsFrom(err, ['text']);
      setError(result.fields.text ?? result.form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="minutes-comments">
      <h5>{t('record.comments')}</h5>
      {comments.length ? (
        <ul>
          {comments.map((c) => (
            <li key={c.id}>
              <p className="small muted">
                {c.author?.displayName ?? t('activity.system')} · {formatDateTime(c.createdAt, i18n.language)}
              </p>
              <p className="prewrap">{c.text}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {record.canComment ? (
        <form onSubmit={(e) => void submit(e)} noValidate className="no-print" aria-label={t('record.commentOn', { number: item.position + 1 })}>
          <TextField label={t('record.yourComment')} value={text} onChange={setText} maxLength={10_000} error={msg(error)} />
          <button type="submit" className="button button--small" disabled={saving}>
            {t('record.sendComment')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
