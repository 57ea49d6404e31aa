import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { SCOPE_TYPES, type Indicator, type ReportedObservation, type ScopeType } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { withScopeError } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useResource } from '../lib/useResource';
import { PeriodPicker, ScopePicker, useDisaggregationLabel, useFormatValue, useParkDirectory } from './parts';
import { valueFits } from '@shared/indicator-values';
import { buildPeriod, parsePeriod, periodHasBegun } from '@shared/periods';
import { formatPeriod, recentYears } from './periods';
import { disaggregationOptions, parseNumber, type ScopeChoice } from './values';
import { SubmitRow } from '../components/FormCard';
import { useWording } from '../lib/useWording';

const FIELDS = ['indicatorId', 'scopeType', 'parkId', 'city', 'province', 'scope', 'period', 'disaggregation', 'value', 'source', 'notes'] as const;
const today = () => new Date().toISOString().slice(0, 10);

/** Report one value: indicator, scope, period, disaggregation the indicator allows, value, source and notes. */
export default function ReportObservationPage() {
  const { t, i18n, msg, label } = useWording();
  const user = useCurrentUser();
  const formatValue = useFormatValue();
  const disaggregationLabel = useDisaggregationLabel();
  const [params] = useSearchParams();
  const staff = user.role === 'admin' || user.role === 'facilitator';
  const indicators = useResource(() => api.indicators.list().then((r) => r.items), []);
  const directory = useParkDirectory();
  // A member reports for the parks their organization runs; staff for any park, city or province.
  const ownParks = useMemo(() => directory.parks.filter((p) => p.organization?.id === user.organization.id), [directory.parks, user.organization.id]);
  const years = useMemo(() => recentYears(today(), 20), []);

  const [indicatorId, setIndicatorId] = useState(params.get('indicator') ?? '');
  const initialType = (SCOPE_TYPES as readonly string[]).includes(params.get('scopeType') ?? '') ? (params.get('scopeType') as ScopeType) : 'park';
  const [scope, setScope] = useState<ScopeChoice>({ type: staff ? initialType : 'park', key: params.get('scope') ?? '' });
  // The desk's "reports due" links name the period due.
  const [period, setPeriod] = useState(() => parsePeriod(params.get('period') ?? '')?.period ?? buildPeriod('year', years[1] ?? years[0]));
  const [disaggregation, setDisaggregation] = useState('');
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [notes, setNotes] = useState('');
  const { errors, formError, saving, check, save } = useFormSubmission(FIELDS, undefined, withScopeError);
  const [saved, setSaved] = useState<ReportedObservation | null>(null);

  const indicator: Indicator | undefined = indicators.data?.find((i) => i.id === indicatorId || i.code === indicatorId);
  useEffect(() => {
    if (!staff && !scope.key && ownParks.length) setScope({ type: 'park', key: ownParks[0].id });
  }, [staff, scope.key, ownParks]);
  useEffect(() => {
    // Keep the disaggregation within what the chosen indicator allows.
    if (indicator && disaggregation && !disaggregationOptions(indicator.disaggregations).includes(disaggregation)) setDisaggregation('');
  }, [indicator, disaggregation]);

  if (indicators.error) return <LoadError error={indicators.error} onRetry={indicators.reload} />;
  if (!indicators.data || directory.loading) return <Loading />;
  if (!staff && !ownParks.length) return <Notice>{t('observation.noParkToReport')}</Notice>;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    const number = parseNumber(value);
    if (!indicator) local.indicatorId = message('errors.field.required');
    if (!scope.key) local.scope = message('errors.field.required');
    if (!periodHasBegun(period, today())) local.period = message('errors.field.periodFuture', { period: formatPeriod(period, i18n.language) });
    if (number === null) local.value = message(value.trim() ? 'errors.field.number' : 'errors.field.required');
    else if (indicator && !valueFits(indicator.unit, number)) local.value = message(`observation.valueRule.${indicator.unit}`);
    if (indicator?.unit === 'boolean' && scope.type !== 'park') local.scope = message('errors.field.yesNoPerPark');
    setSaved(null);
    if (!check(local) || !indicator || number === null) return;
    await save(async () => {
      const scopeFields =
        scope.type === 'park'
          ? { parkId: scope.key }
          : scope.type === 'city'
            ? { province: scope.key.split('/')[0], city: scope.key.split('/').slice(1).join('/') }
            : { province: scope.key };
      const result = await api.observations.report({
        indicatorId: indicator.id,
        scopeType: scope.type,
        ...scopeFields,
        period,
        disaggregation: disaggregation || undefined,
        value: number,
        source: source.trim() || undefined,
        notes: notes.trim() || undefined,
      });
      setSaved(result);
      setValue('');
      setNotes('');
    });
  };

  const options = [...indicators.data].sort((a, b) => a.code.localeCompare(b.code)).map((i) => ({ value: i.id, label: `${i.code} · ${label(i.name)}` }));
  return (
    <section className="card form-card" aria-labelledby="report-title">
      <h2 id="report-title">{t('observation.reportTitle')}</h2>
      <p className="muted">{staff ? t('observation.reportIntroStaff') : t('observation.reportIntroMember')}</p>
      <div aria-live="polite">
        {saved ? (
          <Notice>
            {t(`observation.outcome.${saved.outcome}`, {
              code: saved.indicator.code,
              period: formatPeriod(saved.period, i18n.language),
              value: formatValue(saved.value, saved.indicator.unit),
            })}{' '}
            <Link to={`/observations/${saved.id}`}>{t('observation.openValue')}</Link>
          </Notice>
        ) : null}
      </div>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          label={t('indicators.indicator')}
          value={indicator?.id ?? ''}
          onChange={setIndicatorId}
          emptyLabel={t('common.choose')}
          options={options}
          error={msg(errors.indicatorId)}
          required
        />
        <ScopePicker
          value={scope}
          onChange={setScope}
          parks={staff ? undefined : ownParks}
          types={staff ? (indicator?.unit === 'boolean' ? ['park'] : SCOPE_TYPES) : ['park']}
          errors={{ scope: msg(errors.scope) }}
          required
        />
        <PeriodPicker legend={t('indicators.period')} value={period} onChange={setPeriod} years={years} error={msg(errors.period)} />
        {indicator?.disaggregations.length ? (
          <SelectField
            label={t('indicators.disaggregation')}
            value={disaggregation}
            onChange={setDisaggregation}
            options={[
              { value: '', label: disaggregationLabel('') },
              ...disaggregationOptions(indicator.disaggregations).map((d) => ({ value: d, label: disaggregationLabel(d) })),
            ]}
            error={msg(errors.disaggregation)}
            hint={t('observation.disaggregationHint')}
          />
        ) : null}
        <TextField
          label={t('indicators.value')}
          value={value}
          onChange={setValue}
          inputMode="decimal"
          error={msg(errors.value)}
          hint={indicator ? t(`observation.valueRule.${indicator.unit}`) : t('observation.pickIndicatorFirst')}
          required
        />
        <TextField
          label={t('indicators.source')}
          value={source}
          onChange={setSource}
          error={msg(errors.source)}
          maxLength={500}
          hint={t('observation.sourceHint')}
        />
        <div className={`field${errors.notes ? ' field--invalid' : ''}`}>
          <label htmlFor="obs-notes">{t('observation.notes')}</label>
          <textarea
            id="obs-notes"
            rows={3}
            maxLength={2000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-invalid={errors.notes ? true : undefined}
          />
          {errors.notes ? <p className="field-error">{msg(errors.notes)}</p> : null}
        </div>
        <SubmitRow busy={saving} label={t('observation.submit')} />
      </form>
    </section>
  );
}
