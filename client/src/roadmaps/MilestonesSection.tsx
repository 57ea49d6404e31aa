import { useState, type FormEvent } from 'react';
import { api } from '../api';
import type { ActionItemDetail, LocalizedText, Milestone } from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ErrorAlert } from '../components/Feedback';
import { TextField } from '../components/Field';
import { formatDate } from '../i18n/format';
import { todayIso } from '../lib/datetime';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { SubmitButton } from '../components/FormCard';
import { useWording } from '../lib/useWording';
import { SectionHeader } from '../components/SectionHeader';

/** Milestones of a commitment; whoever may move it (staff, the lead organization) adds and completes them. */
export function MilestonesSection({ item, onChanged }: { item: ActionItemDetail; onChanged: () => void }) {
  const { t, i18n, msg, label } = useWording();
  const edit = item.can.changeStatus;
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState<LocalizedText>({ en: '', zh: '' });
  const [dueDate, setDueDate] = useState('');
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const today = todayIso();

  /** Changes one milestone; the section waits on it meanwhile and says what went wrong, if anything. */
  const change = async (m: Milestone, send: () => Promise<unknown>) => {
    setBusy(m.id);
    setError(null);
    try {
      await send();
      onChanged();
    } catch (e) {
      setError(formErrorsFrom(e, []).form);
    } finally {
      setBusy(null);
    }
  };

  const toggle = (m: Milestone, completed: boolean) => change(m, () => api.actionItems.updateMilestone(item.id, m.id, { completed }));

  const remove = (m: Milestone) => change(m, () => api.actionItems.removeMilestone(item.id, m.id));

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (isBilingualEmpty(title)) {
      setErrors({ title: message('errors.field.oneLanguage') });
      return;
    }
    setBusy('new');
    setErrors({});
    try {
      await api.actionItems.addMilestone(item.id, { title: cleanBilingual(title), ...(dueDate ? { dueDate } : {}) });
      setTitle({ en: '', zh: '' });
      setDueDate('');
      setAdding(false);
      onChanged();
    } catch (err) {
      const result = formErrorsFrom(err, ['title', 'dueDate']);
      setErrors(result.fields);
      setError(result.form);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="milestones-title">
      <SectionHeader id="milestones-title" title={t('milestones.title')}>
        <span className="muted small">{t('milestones.done', { done: item.milestones.done, total: item.milestones.total })}</span>
      </SectionHeader>
      {error ? <ErrorAlert>{msg(error)}</ErrorAlert> : null}
      {item.milestoneList.length ? (
        <ol className="milestone-list">
          {item.milestoneList.map((m) => {
            const name = label(m.title);
            const late = !m.completedAt && m.dueDate && m.dueDate < today;
            return (
              <li key={m.id} className={`milestone${m.completedAt ? ' milestone--done' : ''}`}>
                {edit ? (
                  <label className="toggle">
                    <input type="checkbox" checked={m.completedAt !== null} disabled={busy === m.id} onChange={(e) => void toggle(m, e.target.checked)} />
                    <span>{name}</span>
                  </label>
                ) : (
                  <span>
                    <span aria-hidden="true">{m.completedAt ? '☑ ' : '☐ '}</span>
                    <span className="visually-hidden">
                      {m.completedAt ? t('milestones.completedLabel') : t('milestones.openLabel')}
                      {t('common.colon')}
                    </span>
                    {name}
                  </span>
                )}
                <span className="muted small">
                  {m.dueDate ? ` · ${t('actionItem.dueOn', { date: formatDate(m.dueDate, i18n.language) })}` : ''}
                  {m.completedAt ? ` · ${t('milestones.completedOn', { date: formatDate(m.completedAt, i18n.language) })}` : ''}
                </span>
                {late ? <span className="badge overdue">{t('actionItem.overdue')}</span> : null}
                {edit ? (
                  <button
                    type="button"
                    className="link-button link-button--danger"
                    disabled={busy === m.id}
                    onClick={() => void remove(m)}
                    aria-label={t('common.deleteNamed', { name })}
                  >
                    {t('common.delete')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">{t('milestones.none')}</p>
      )}
      {edit ? (
        adding ? (
          <form className="inline-form" onSubmit={add} noValidate aria-labelledby="milestone-add">
            <h3 id="milestone-add">{t('milestones.add')}</h3>
            <BilingualTextInput legend={t('milestones.name')} value={title} onChange={setTitle} error={msg(errors.title)} maxLength={300} />
            <TextField label={t('actionItem.dueDate')} type="date" value={dueDate} onChange={setDueDate} error={msg(errors.dueDate)} />
            <div className="form-actions">
              <button type="button" className="button button--secondary" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </button>
              <SubmitButton busy={busy === 'new'} label={t('milestones.addButton')} />
            </div>
          </form>
        ) : (
          <div className="button-row">
            <button type="button" className="button button--small button--secondary" onClick={() => setAdding(true)}>
              {t('milestones.add')}
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}
