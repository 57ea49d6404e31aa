import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { AgendaItem, AgendaItemInput, LocalizedText, Minutes, MinutesRecord, Participant, Roundtable } from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { FormActions } from '../components/FormCard';
import { formatDateTime } from '../i18n/format';
import { htmlLangOf, localized } from '../i18n/localized';
import { utcOffset } from '../lib/venueTime';
import { fromZonedInput, toZonedInput } from './zonedInput';
import { VenueTime } from '../components/VenueTime';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { ResourceContent } from '../components/DataTable';
import { AddButton, SectionHeader } from '../components/SectionHeader';
import { MinutesComments, MinutesWorkflow } from './MinutesWorkflow';
import { AttachedDocuments } from '../documents/DocumentsPanel';
import { useAuth } from '../auth/AuthContext';

const OTHER_PRESENTER = '__other__';

/** Text in the reader's language (or the other, marked with lang), keeping line breaks. */
function LocalizedParagraphs({ value }: { value: LocalizedText }) {
  const { i18n } = useTranslation();
  const result = localized(value, i18n.language);
  return (
    <p className="prewrap" lang={result.fallback && result.language ? htmlLangOf(result.language) : undefined}>
      {result.text}
    </p>
  );
}

/** The ordered agenda: presenter and time slot per item, minutes per item with their revisions. */
export function AgendaSection({ roundtable, participants }: { roundtable: Roundtable; participants: Participant[] }) {
  const { t, i18n, msg, label } = useWording();
  const manage = roundtable.canManage;
  const agenda = useResource(() => api.roundtables.agenda(roundtable.id).then((r) => r.items), [roundtable.id]);
  const record = useResource(() => api.roundtables.minutesRecord(roundtable.id), [roundtable.id]);
  const [notice, setNotice] = useState<Message | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [editing, setEditing] = useState<string | null>(null); // an item's id, or 'new'

  /** Closes the open form; a new item is added to the agenda, an edited one put in place of the old. */
  const closeForm = (saved: AgendaItem | null) => {
    setEditing(null);
    if (!saved) return;
    if (editing === 'new') {
      setNotice(message('agenda.added', { title: saved.title }));
      agenda.reload();
    } else {
      agenda.setData((list) => list?.map((i) => (i.id === saved.id ? saved : i)));
      setNotice(message('agenda.saved', { title: saved.title }));
    }
  };
  const [deleting, setDeleting] = useState<AgendaItem | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const { user } = useAuth();
  const [circulating, setCirculating] = useState(false);
  const [circulateError, setCirculateError] = useState<Message | null>(null);
  const [circulatedAt, setCirculatedAt] = useState<string | null>(roundtable.agendaCirculatedAt);

  const items = agenda.data ?? [];
  const recipients = participants.filter((p) => p.userId !== user?.id).length;
  const canCirculate = manage && roundtable.status !== 'concluded' && items.length > 0;

  const confirmCirculate = async () => {
    setBusy(true);
    setCirculateError(null);
    try {
      const result = await api.roundtables.circulateAgenda(roundtable.id);
      setCirculatedAt(result.agendaCirculatedAt);
      setNotice(message('agenda.circulated', { count: result.notified, mailed: result.mailed }));
      setCirculating(false);
    } catch (e) {
      setCirculateError(formErrorsFrom(e, []).form);
    } finally {
      setBusy(false);
    }
  };

  const move = async (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    const order = items.map((i) => i.id);
    [order[index], order[target]] = [order[target], order[index]];
    const moved = items[index];
    setBusy(true);
    setError(null);
    try {
      const result = await api.roundtables.reorderAgenda(roundtable.id, order);
      agenda.setData(() => result.items);
      setNotice(message('agenda.moved', { title: moved.title, position: target + 1, count: items.length }));
      // Keep the keyboard where it was: on the same button of the item that moved (or its other one at the edges).
      requestAnimationFrame(() => {
        const root = listRef.current;
        const wanted = root?.querySelector<HTMLButtonElement>(`[data-move="${moved.id}:${delta}"]:not(:disabled)`);
        (wanted ?? root?.querySelector<HTMLButtonElement>(`[data-move^="${moved.id}:"]:not(:disabled)`))?.focus();
      });
    } catch (e) {
      setError(formErrorsFrom(e, []).form);
      agenda.reload();
    } finally {
      setBusy(false);
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      await api.roundtables.removeAgendaItem(roundtable.id, deleting.id);
      setNotice(message('agenda.deleted', { title: deleting.title }));
      setDeleting(null);
      agenda.reload();
    } catch (e) {
      setError(formErrorsFrom(e, []).form);
      setDeleting(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="rt-agenda">
      <SectionHeader id="rt-agenda" title={t('agenda.title')}>
        <AddButton label={t('agenda.add')} onAdd={manage && editing !== 'new' && (() => setEditing('new'))} />
        {canCirculate ? (
          <button type="button" className="button button--secondary" onClick={() => setCirculating(true)}>
            {t('agenda.circulate')}
          </button>
        ) : null}
      </SectionHeader>
      {circulatedAt ? <p className="muted">{t('agenda.circulatedAt', { date: formatDateTime(circulatedAt, i18n.language) })}</p> : null}
      <div aria-live="polite">
        {notice ? <Notice>{msg(notice)}</Notice> : null}
        {error ? <ErrorAlert>{msg(error)}</ErrorAlert> : null}
      </div>
      {record.data ? (
        <MinutesWorkflow
          roundtable={roundtable}
          record={record.data}
          items={items}
          participants={participants}
          onChanged={(next, done) => {
            record.setData(() => next);
            setNotice(done);
          }}
        />
      ) : null}
      {editing === 'new' ? <AgendaItemForm roundtable={roundtable} participants={participants} item={null} onDone={closeForm} /> : null}
      <ResourceContent resource={agenda} empty={t('agenda.empty')}>
        {() => (
          <ol className="agenda-list" ref={listRef}>
            {items.map((item, index) => {
              const title = label(item.title);
              const presenter = item.presenter?.displayName ?? item.presenterName;
              return (
                <li key={item.id} className="agenda-item card">
                  <div className="agenda-item-head">
                    <span className="agenda-number" aria-hidden="true">
                      {index + 1}
                    </span>
                    <div className="agenda-item-title">
                      <h3>
                        <span className="visually-hidden">{t('agenda.itemNumber', { number: index + 1 })} </span>
                        {title}
                      </h3>
                      <p className="muted small">
                        {item.startsAt ? (
                          <VenueTime start={item.startsAt} end={item.endsAt} timeZone={roundtable.timeZone} place={roundtable.location.city} />
                        ) : (
                          <span>{t('agenda.noTime')}</span>
                        )}
                        {' · '}
                        {presenter ? t('agenda.presentedBy', { name: presenter }) : t('agenda.noPresenter')}
                      </p>
                    </div>
                    {manage ? (
                      <div className="agenda-controls" role="group" aria-label={t('agenda.controlsFor', { title })}>
                        <button
                          type="button"
                          className="button button--small button--secondary icon-button"
                          data-move={`${item.id}:-1`}
                          disabled={busy || index === 0}
                          onClick={() => void move(index, -1)}
                          aria-label={t('agenda.moveUp', { title })}
                        >
                          <span aria-hidden="true">↑</span>
                        </button>
                        <button
                          type="button"
                          className="button button--small button--secondary icon-button"
                          data-move={`${item.id}:1`}
                          disabled={busy || index === items.length - 1}
                          onClick={() => void move(index, 1)}
                          aria-label={t('agenda.moveDown', { title })}
                        >
                          <span aria-hidden="true">↓</span>
                        </button>
                        <button
                          type="button"
                          className="button button--small button--secondary"
                          onClick={() => setEditing(item.id)}
                          aria-label={t('common.editNamed', { name: title })}
                        >
                          {t('common.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger-outline"
                          onClick={() => setDeleting(item)}
                          aria-label={t('common.deleteNamed', { name: title })}
                        >
                          {t('common.delete')}
                        </button>
                      </div>
                    ) : null}
                  </div>
                  {editing === item.id ? <AgendaItemForm roundtable={roundtable} participants={participants} item={item} onDone={closeForm} /> : null}
                  <MinutesBlock
                    roundtable={roundtable}
                    item={item}
                    record={record.data ?? null}
                    onCommented={record.reload}
                    onSaved={(minutes) => {
                      agenda.setData((list) => list?.map((i) => (i.id === item.id ? { ...i, minutes } : i)));
                      setNotice(message('minutes.saved', { title: item.title }));
                    }}
                  />
                  <AttachedDocuments targetType="agenda_item" targetId={item.id} />
                </li>
              );
            })}
          </ol>
        )}
      </ResourceContent>
      <ConfirmDialog
        open={deleting !== null}
        title={t('agenda.deleteTitle')}
        confirmLabel={t('common.delete')}
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>{deleting ? t('agenda.deleteText', { title: label(deleting.title) }) : null}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={circulating}
        title={t('agenda.circulateTitle')}
        confirmLabel={t('agenda.circulate')}
        danger={false}
        busy={busy}
        error={msg(circulateError)}
        onConfirm={() => void confirmCirculate()}
        onCancel={() => {
          setCirculating(false);
          setCirculateError(null);
        }}
      >
        <p>{t('agenda.circulateText', { count: recipients })}</p>
      </ConfirmDialog>
    </section>
  );
}

const AGENDA_FIELDS = ['title', 'presenterId', 'presenterName', 'startsAt', 'endsAt'] as const;

function AgendaItemForm({
  roundtable,
  participants,
  item,
  onDone,
}: {
  roundtable: Roundtable;
  participants: Participant[];
  item: AgendaItem | null;
  onDone: (saved: AgendaItem | null) => void;
}) {
  const { t, msg } = useWording();
  const [title, setTitle] = useState<LocalizedText>({ en: item?.title.en ?? '', zh: item?.title.zh ?? '' });
  const [presenter, setPresenter] = useState(item?.presenter?.id ?? (item?.presenterName ? OTHER_PRESENTER : ''));
  const [presenterName, setPresenterName] = useState(item?.presenterName ?? '');
  // Times are entered as wall time at the venue.
  const zone = roundtable.timeZone;
  const [startsAt, setStartsAt] = useState(toZonedInput(item?.startsAt ?? null, zone) || (item ? '' : toZonedInput(roundtable.startsAt, zone)));
  const [endsAt, setEndsAt] = useState(toZonedInput(item?.endsAt ?? null, zone));
  const { errors, formError, saving, check, save } = useFormSubmission(AGENDA_FIELDS);
  const options = [
    ...participants
      .filter((p) => p.role !== 'observer')
      .map((p) => ({ value: p.userId, label: p.displayName }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    { value: OTHER_PRESENTER, label: t('agenda.otherPresenter') },
  ];

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(title)) local.title = message('errors.field.oneLanguage');
    if (presenter === OTHER_PRESENTER && !presenterName.trim()) local.presenterName = message('errors.field.required');
    const start = fromZonedInput(startsAt, zone);
    const end = fromZonedInput(endsAt, zone);
    if (end && !start) local.startsAt = message('agenda.endNeedsStart');
    if (end && start && end <= start) local.endsAt = message('roundtables.endsBeforeStart');
    if (!check(local)) return;
    const body: AgendaItemInput = {
      title: cleanBilingual(title),
      ...(presenter === OTHER_PRESENTER
        ? { presenterName: presenterName.trim(), ...(item ? { presenterId: null } : {}) }
        : presenter
          ? { presenterId: presenter, ...(item ? { presenterName: null } : {}) }
          : item
            ? { presenterId: null, presenterName: null }
            : {}),
      ...(start ? { startsAt: start } : item ? { startsAt: null } : {}),
      ...(end ? { endsAt: end } : item ? { endsAt: null } : {}),
    };
    await save(async () => {
      const saved = item ? await api.roundtables.updateAgendaItem(roundtable.id, item.id, body) : await api.roundtables.addAgendaItem(roundtable.id, body);
      onDone(saved);
    });
  };

  const heading = item ? t('agenda.editTitle') : t('agenda.add');
  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label={heading}>
      <h4>{heading}</h4>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      <BilingualTextInput legend={t('agenda.itemTitle')} value={title} onChange={setTitle} error={msg(errors.title)} maxLength={300} />
      <div className="form-row">
        <SelectField
          label={t('agenda.presenter')}
          value={presenter}
          onChange={setPresenter}
          emptyLabel={t('agenda.noPresenter')}
          options={options}
          error={msg(errors.presenterId)}
        />
        {presenter === OTHER_PRESENTER ? (
          <TextField
            label={t('agenda.presenterName')}
            value={presenterName}
            onChange={setPresenterName}
            maxLength={200}
            error={msg(errors.presenterName)}
            required
          />
        ) : null}
      </div>
      <div className="form-row">
        <TextField
          label={t('agenda.startsAt')}
          type="datetime-local"
          value={startsAt}
          onChange={setStartsAt}
          error={msg(errors.startsAt)}
          hint={t('record.timeZoneHint', { offset: `${zone}, ${utcOffset(roundtable.startsAt, zone)}` })}
        />
        <TextField
          label={t('agenda.endsAt')}
          type="datetime-local"
          value={endsAt}
          min={startsAt || undefined}
          onChange={setEndsAt}
          error={msg(errors.endsAt)}
        />
      </div>
      <FormActions saving={saving} onCancel={() => onDone(null)} />
    </form>
  );
}

/** The minutes of one agenda item: read by all; written by managers; every revision kept and viewable. */
function MinutesBlock({
  roundtable,
  item,
  record,
  onCommented,
  onSaved,
}: {
  roundtable: Roundtable;
  item: AgendaItem;
  record: MinutesRecord | null;
  onCommented: () => void;
  onSaved: (minutes: Minutes) => void;
}) {
  const { t, msg } = useWording();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState<LocalizedText>({});
  const [error, setError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [history, setHistory] = useState<Minutes[] | null>(null);
  const [historyError, setHistoryError] = useState<unknown>(null);
  const minutes = item.minutes;

  const openHistory = async () => {
    const next = !historyOpen;
    setHistoryOpen(next);
    if (!next) return;
    setHistoryError(null);
    try {
      setHistory((await api.roundtables.minutesHistory(roundtable.id, item.id)).items);
    } catch (e) {
      setHistoryError(e);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (isBilingualEmpty(text)) {
      setError(message('errors.field.oneLanguage'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.roundtables.putMinutes(roundtable.id, item.id, cleanBilingual(text));
      onSaved(saved);
      setEditing(false);
      setHistory(null);
      setHistoryOpen(false);
    } catch (err) {
      const result = formErrorsFrom(err, ['text']);
      setError(result.fields.text ?? result.form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="minutes">
      <h4 className="minutes-title">{t('minutes.title')}</h4>
      {editing ? (
        <form onSubmit={save} noValidate>
          <BilingualTextInput
            legend={t('minutes.editLegend')}
            value={text}
            onChange={setText}
            error={msg(error)}
            maxLength={100_000}
            rows={8}
            hint={t('minutes.hint')}
          />
          <FormActions saving={saving} onCancel={() => setEditing(false)} submitLabel={t('minutes.save')} />
        </form>
      ) : minutes ? (
        <>
          <LocalizedParagraphs value={minutes.text} />
          <RevisionNote minutes={minutes} />
        </>
      ) : (
        <p className="muted">{t('minutes.none')}</p>
      )}
      {!editing ? (
        <div className="button-row">
          {roundtable.canManage && (record?.status ?? 'draft') !== 'adopted' && record?.status !== 'locked' ? (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                setText({ en: minutes?.text.en ?? '', zh: minutes?.text.zh ?? '' });
                setEditing(true);
                setError(null);
              }}
            >
              {minutes ? t('minutes.edit') : t('minutes.write')}
            </button>
          ) : null}
          {minutes && minutes.revision > 1 ? (
            <button type="button" className="button button--small button--secondary" aria-expanded={historyOpen} onClick={() => void openHistory()}>
              {t('minutes.history', { count: minutes.revision })}
            </button>
          ) : null}
        </div>
      ) : null}
      {record ? <MinutesComments roundtable={roundtable} item={item} record={record} onCommented={onCommented} /> : null}
      {historyOpen ? (
        historyError ? (
          <LoadError error={historyError} />
        ) : !history ? (
          <Loading />
        ) : (
          <ol className="minutes-history" aria-label={t('minutes.historyLabel')}>
            {history.map((rev) => (
              <li key={rev.revision}>
                <RevisionNote minutes={rev} />
                <LocalizedParagraphs value={rev.text} />
              </li>
            ))}
          </ol>
        )
      ) : null}
    </div>
  );
}

/** Which revision of the minutes this is, who wrote it and when. */
function RevisionNote({ minutes }: { minutes: Minutes }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="muted small">
      {t('minutes.revision', {
        revision: minutes.revision,
        name: minutes.author?.displayName ?? t('activity.system'),
        date: formatDateTime(minutes.createdAt, i18n.language),
      })}
    </p>
  );
}
