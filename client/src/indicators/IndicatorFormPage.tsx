import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { isApiError } from '../api/errors';
import {
  AGGREGATIONS,
  DIRECTIONS,
  DISAGGREGATION_KEYS,
  INDICATOR_CATEGORIES,
  INDICATOR_UNITS,
  type Aggregation,
  type Direction,
  type Indicator,
  type IndicatorCategory,
  type IndicatorInput,
  type IndicatorUnit,
  type LocalizedText,
} from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ErrorAlert, LoadError, Loading } from '../components/Feedback';
import { CheckboxField, optionsOf, SelectField, TextField } from '../components/Field';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { useResource } from '../lib/useResource';
import { SubmitButton } from '../components/FormCard';
import { useWording } from '../lib/useWording';

const FIELDS = ['code', 'category', 'dimension', 'name', 'definition', 'unit', 'direction', 'aggregation', 'disaggregations', 'source'] as const;
const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$/;
const DIMENSION = /^[a-z][a-z0-9_]*$/;

interface Draft {
  code: string;
  category: IndicatorCategory | '';
  dimension: string;
  name: LocalizedText;
  definition: LocalizedText;
  unit: IndicatorUnit | '';
  direction: Direction | '';
  aggregation: Aggregation | '';
  disaggregations: string[];
  source: string;
}

const empty: Draft = {
  code: '',
  category: '',
  dimension: '',
  name: { en: '', zh: '' },
  definition: { en: '', zh: '' },
  unit: '',
  direction: 'higher',
  aggregation: '',
  disaggregations: [],
  source: '',
};

const draftOf = (i: Indicator): Draft => ({
  code: i.code,
  category: i.category,
  dimension: i.dimension,
  name: { en: i.name.en ?? '', zh: i.name.zh ?? '' },
  definition: { en: i.definition?.en ?? '', zh: i.definition?.zh ?? '' },
  unit: i.unit,
  direction: i.direction,
  aggregation: i.aggregation,
  disaggregations: [...i.disaggregations],
  source: i.source,
});

/** Admins add an indicator to the catalogue or edit one; code and unit are locked once values exist. */
export default function IndicatorFormPage() {
  const { ref } = useParams();
  const { t, msg } = useWording();
  const tr = useDynamicTranslate();
  const navigate = useNavigate();
  const existing = useResource(() => (ref ? api.indicators.get(ref) : Promise.resolve(null)), [ref]);
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (existing.data) setDraft(draftOf(existing.data));
  }, [existing.data]);

  if (ref && existing.error) return <LoadError error={existing.error} onRetry={existing.reload} />;
  if (ref && !existing.data) return <Loading />;
  const indicator = existing.data ?? null;
  const locked = indicator?.hasObservations ?? false;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (!CODE.test(draft.code.trim())) local.code = message(draft.code.trim() ? 'errors.field.indicatorCode' : 'errors.field.required');
    if (!draft.category) local.category = message('errors.field.required');
    if (!DIMENSION.test(draft.dimension.trim())) local.dimension = message(draft.dimension.trim() ? 'errors.field.dimension' : 'errors.field.required');
    if (isBilingualEmpty(draft.name)) local.name = message('errors.field.oneLanguage');
    if (!draft.unit) local.unit = message('errors.field.required');
    if (!draft.direction) local.direction = message('errors.field.required');
    if (!draft.aggregation) local.aggregation = message('errors.field.required');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    const body: IndicatorInput = {
      category: draft.category || undefined,
      dimension: draft.dimension.trim(),
      name: cleanBilingual(draft.name),
      definition: cleanBilingual(draft.definition),
      direction: draft.direction || undefined,
      aggregation: draft.aggregation || undefined,
      disaggregations: draft.disaggregations,
      source: draft.source.trim(),
    };
    // Locked fields are only sent when they change, so saving other fields of a used indicator works.
    if (!indicator || draft.code.trim() !== indicator.code) body.code = draft.code.trim();
    if (!indicator || draft.unit !== indicator.unit) body.unit = draft.unit || undefined;
    setSaving(true);
    try {
      const saved = indicator ? await api.indicators.update(indicator.id, body) : await api.indicators.create(body);
      void navigate(`/indicators/${encodeURIComponent(saved.code)}`, { state: { notice: indicator ? 'saved' : 'created' } });
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        // 409: the code is taken, or the code and/or unit of an indicator with values cannot change. The answer names
        // the fields; say it at each.
        const fields = new Set(error.details.map((d) => d.field));
        const taken = error.message.toLowerCase().includes('exists already');
        setErrors({
          ...(fields.has('code') ? { code: message(taken ? 'indicatorForm.codeTaken' : 'indicatorForm.codeLocked') } : {}),
          ...(fields.has('unit') ? { unit: message('indicatorForm.unitLocked') } : {}),
        });
        setFormError(message('indicatorForm.conflict'));
      } else {
        const result = formErrorsFrom(error, FIELDS);
        setErrors(result.fields);
        setFormError(result.form);
      }
    } finally {
      setSaving(false);
    }
  };

  const title = indicator ? t('indicatorForm.editTitle', { code: indicator.code }) : t('indicatorForm.newTitle');
  return (
    <>
      <Breadcrumb to="/indicators" label={t('indicators.areaTitle')}>
        {indicator ? (
          <>
            {' / '}
            <Link to={`/indicators/${encodeURIComponent(indicator.code)}`}>{indicator.code}</Link>
          </>
        ) : null}
      </Breadcrumb>
      <PageHeader title={title} description={t('indicatorForm.intro')} />
      <section className="card form-card">
        {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
        <form onSubmit={onSubmit} noValidate>
          <div className="form-row">
            <TextField
              label={t('indicators.code')}
              value={draft.code}
              onChange={(v) => set('code', v.toUpperCase())}
              error={msg(errors.code)}
              hint={locked ? t('indicatorForm.codeLockedHint') : t('indicatorForm.codeHint')}
              maxLength={60}
              autoCapitalize="characters"
              spellCheck={false}
              readOnly={locked}
              required
            />
            <SelectField
              label={t('indicators.category')}
              value={draft.category}
              onChange={(v) => set('category', v)}
              emptyLabel={t('common.choose')}
              options={optionsOf(INDICATOR_CATEGORIES, (c) => t(`indicatorCategory.${c}`))}
              error={msg(errors.category)}
              required
            />
          </div>
          <TextField
            label={t('indicators.dimension')}
            value={draft.dimension}
            onChange={(v) => set('dimension', v)}
            error={msg(errors.dimension)}
            hint={t('indicatorForm.dimensionHint')}
            maxLength={60}
            spellCheck={false}
            required
          />
          <BilingualTextInput legend={t('indicators.name')} value={draft.name} onChange={(v) => set('name', v)} error={msg(errors.name)} />
          <BilingualTextInput
            legend={t('indicators.definition')}
            value={draft.definition}
            onChange={(v) => set('definition', v)}
            error={msg(errors.definition)}
            required={false}
            rows={3}
            maxLength={2000}
          />
          <div className="form-row form-row--three">
            <SelectField
              label={t('indicators.unit')}
              value={draft.unit}
              onChange={(v) => set('unit', v)}
              emptyLabel={t('common.choose')}
              options={optionsOf(INDICATOR_UNITS, (u) => t(`indicatorUnit.${u}`))}
              error={msg(errors.unit)}
              hint={locked ? t('indicatorForm.unitLockedHint') : undefined}
              disabled={locked}
              required
            />
            <SelectField
              label={t('indicators.direction')}
              value={draft.direction}
              onChange={(v) => set('direction', v)}
              options={optionsOf(DIRECTIONS, (d) => t(`direction.${d}`))}
              error={msg(errors.direction)}
              required
            />
            <SelectField
              label={t('indicators.aggregation')}
              value={draft.aggregation}
              onChange={(v) => set('aggregation', v)}
              emptyLabel={t('common.choose')}
              options={optionsOf(AGGREGATIONS, (a) => t(`aggregation.${a}`))}
              error={msg(errors.aggregation)}
              hint={t('indicatorForm.aggregationHint')}
              required
            />
          </div>
          <fieldset className={`fieldset${errors.disaggregations ? ' field--invalid' : ''}`}>
            <legend>{t('indicators.disaggregations')}</legend>
            {DISAGGREGATION_KEYS.map((key) => (
              <CheckboxField
                key={key}
                label={tr(`disaggregation.key.${key}`, { defaultValue: key })}
                checked={draft.disaggregations.includes(key)}
                onChange={(on) => set('disaggregations', on ? [...draft.disaggregations, key] : draft.disaggregations.filter((d) => d !== key))}
              />
            ))}
            {errors.disaggregations ? <p className="field-error">{msg(errors.disaggregations)}</p> : null}
          </fieldset>
          <TextField label={t('indicators.source')} value={draft.source} onChange={(v) => set('source', v)} error={msg(errors.source)} maxLength={500} />
          <div className="form-actions">
            <Link to={indicator ? `/indicators/${encodeURIComponent(indicator.code)}` : '/indicators'} className="button button--secondary">
              {t('common.cancel')}
            </Link>
            <SubmitButton busy={saving} label={indicator ? t('common.save') : t('indicatorForm.create')} />
          </div>
        </form>
      </section>
    </>
  );
}
