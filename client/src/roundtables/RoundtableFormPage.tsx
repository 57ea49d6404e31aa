import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { ROUNDTABLE_VISIBILITIES, type LocalizedText, type Roundtable, type RoundtableInput, type RoundtableVisibility } from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { CheckboxField, optionsOf, SelectField, TextField } from '../components/Field';
import { FormPage, RecordToEdit } from '../components/FormCard';
import { readerTimeZone, timeZones, utcOffset } from '../lib/venueTime';
import { fromZonedInput, toZonedInput } from './zonedInput';
import { message, type Message } from '../lib/message';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useWording } from '../lib/useWording';

const FIELDS = ['title', 'description', 'startsAt', 'endsAt', 'timeZone', 'location', 'visibility'] as const;

interface Draft {
  title: LocalizedText;
  description: LocalizedText;
  startsAt: string;
  endsAt: string;
  /** The venue's IANA zone: startsAt and endsAt are wall times there. */
  timeZone: string;
  city: string;
  venue: string;
  online: boolean;
  url: string;
  visibility: RoundtableVisibility;
}

const emptyDraft: Draft = {
  title: { en: '', zh: '' },
  description: { en: '', zh: '' },
  startsAt: '',
  endsAt: '',
  timeZone: 'UTC',
  city: '',
  venue: '',
  online: false,
  url: '',
  visibility: 'participants',
};

const draftOf = (r: Roundtable): Draft => ({
  title: { en: r.title.en ?? '', zh: r.title.zh ?? '' },
  description: { en: r.description.en ?? '', zh: r.description.zh ?? '' },
  startsAt: toZonedInput(r.startsAt, r.timeZone),
  endsAt: toZonedInput(r.endsAt, r.timeZone),
  timeZone: r.timeZone,
  city: r.location.city ?? '',
  venue: r.location.venue ?? '',
  online: r.location.online,
  url: r.location.url ?? '',
  visibility: r.visibility,
});

/** Creates a roundtable (/roundtables/new) or edits one (/roundtables/:id/edit). */
export default function RoundtableFormPage() {
  const { id } = useParams();
  return (
    <RecordToEdit id={id} load={(ref) => api.roundtables.get(ref)}>
      {(roundtable) => <RoundtableForm key={id ?? 'new'} roundtable={roundtable} />}
    </RecordToEdit>
  );
}

function RoundtableForm({ roundtable }: { roundtable: Roundtable | null }) {
  const { t, msg, label } = useWording();
  const navigate = useNavigate();
  // A new roundtable's zone defaults to the facilitator's own (the browser's).
  const [draft, setDraft] = useState<Draft>(roundtable ? draftOf(roundtable) : { ...emptyDraft, timeZone: readerTimeZone() });
  const [zones] = useState(timeZones);
  const { errors, formError, saving, check, save } = useFormSubmission(FIELDS);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const title = roundtable ? t('roundtables.editTitle', { name: label(roundtable.title) }) : t('roundtables.new');

  useEffect(() => {
    if (roundtable && !roundtable.canManage) void navigate(`/roundtables/${roundtable.id}`, { replace: true });
  }, [roundtable, navigate]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(draft.title)) local.title = message('errors.field.oneLanguage');
    const startsAt = fromZonedInput(draft.startsAt, draft.timeZone);
    const endsAt = fromZonedInput(draft.endsAt, draft.timeZone);
    if (!startsAt) local.startsAt = message('errors.field.required');
    if (!endsAt) local.endsAt = message('errors.field.required');
    else if (startsAt && endsAt <= startsAt) local.endsAt = message('roundtables.endsBeforeStart');
    if (!check(local, message('errors.validation')) || !startsAt || !endsAt) return;
    const body: RoundtableInput = {
      title: cleanBilingual(draft.title),
      description: cleanBilingual(draft.description),
      startsAt,
      endsAt,
      timeZone: draft.timeZone,
      location: {
        online: draft.online,
        ...(draft.city.trim() ? { city: draft.city.trim() } : {}),
        ...(draft.venue.trim() ? { venue: draft.venue.trim() } : {}),
        ...(draft.url.trim() ? { url: draft.url.trim() } : {}),
      },
      visibility: draft.visibility,
    };
    await save(async () => {
      const saved = roundtable ? await api.roundtables.update(roundtable.id, body) : await api.roundtables.create(body);
      void navigate(`/roundtables/${saved.id}`, { state: { notice: roundtable ? 'saved' : 'created' } });
    });
  };

  return (
    <FormPage
      title={title}
      description={roundtable ? undefined : t('roundtables.newIntro')}
      error={msg(formError)}
      onSubmit={onSubmit}
      saving={saving}
      submitLabel={roundtable ? t('common.save') : t('roundtables.create')}
      cancelTo={roundtable ? `/roundtables/${roundtable.id}` : '/roundtables'}
    >
      <BilingualTextInput
        legend={t('roundtables.fieldTitle')}
        value={draft.title}
        onChange={(v) => set('title', v)}
        error={msg(errors.title)}
        maxLength={300}
      />
      <BilingualTextInput
        legend={t('roundtables.description')}
        value={draft.description}
        onChange={(v) => set('description', v)}
        error={msg(errors.description)}
        required={false}
        maxLength={5000}
        rows={4}
      />
      <SelectField
        label={t('record.timeZone')}
        value={draft.timeZone}
        onChange={(v) => set('timeZone', v)}
        options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
        hint={t('record.timeZoneHint', {
          offset: `${draft.timeZone}, ${utcOffset(fromZonedInput(draft.startsAt, draft.timeZone) ?? new Date(), draft.timeZone)}`,
        })}
        error={msg(errors.timeZone)}
      />
      <div className="form-row">
        <TextField
          label={t('roundtables.startsAt')}
          type="datetime-local"
          value={draft.startsAt}
          onChange={(v) => set('startsAt', v)}
          error={msg(errors.startsAt)}
          required
        />
        <TextField
          label={t('roundtables.endsAt')}
          type="datetime-local"
          value={draft.endsAt}
          min={draft.startsAt || undefined}
          onChange={(v) => set('endsAt', v)}
          error={msg(errors.endsAt)}
          required
        />
      </div>
      <fieldset className="fieldset">
        <legend>{t('roundtables.location')}</legend>
        <div className="form-row">
          <TextField label={t('roundtables.city')} value={draft.city} onChange={(v) => set('city', v)} maxLength={120} />
          <TextField label={t('roundtables.venue')} value={draft.venue} onChange={(v) => set('venue', v)} maxLength={200} />
        </div>
        <CheckboxField label={t('roundtables.onlineLabel')} checked={draft.online} onChange={(v) => set('online', v)} />
        <TextField
          label={t('roundtables.url')}
          type="url"
          inputMode="url"
          value={draft.url}
          onChange={(v) => set('url', v)}
          maxLength={500}
          placeholder="https://"
          hint={t('roundtables.urlHint')}
          error={msg(errors.location)}
        />
      </fieldset>
      <SelectField
        label={t('roundtables.visibility')}
        value={draft.visibility}
        onChange={(v) => set('visibility', v)}
        options={optionsOf(ROUNDTABLE_VISIBILITIES, (v) => t(`visibility.${v}`))}
        hint={t(`visibilityHint.${draft.visibility}`)}
        error={msg(errors.visibility)}
      />
    </FormPage>
  );
}
