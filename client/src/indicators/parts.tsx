import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { SCOPE_TYPES, type IndicatorScope, type IndicatorUnit, type ObservationStatus, type Park, type ScopeType } from '../api/types';
import { SelectField, type Option } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { useResource } from '../lib/useResource';
import { buildPeriod, periodParts, PERIOD_TYPES, type PeriodType } from '@shared/periods';
import { formatPeriod } from './periods';
import { disaggregationPairs, formatNumber, type ScopeChoice } from './values';
import { useWording } from '../lib/useWording';

/** Marks generated demonstration values wherever they are shown. */
export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge demo-badge" title={t('indicators.demoExplained')}>
      {t('indicators.demoBadge')}
    </span>
  );
}

export function ObservationStatusBadge({ status }: { status: ObservationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge state obs-status--${status}`}>{t(`observationStatus.${status}`)}</span>;
}

/** A value with its unit, in the reader's language ("61.5 %", "1,250 persons", "Yes"). */
export function useFormatValue(): (value: number, unit: IndicatorUnit) => string {
  const { t, i18n } = useTranslation();
  return (value, unit) => {
    if (unit === 'boolean') return value === 1 ? t('common.yes') : value === 0 ? t('common.no') : formatNumber(value, unit, i18n.language);
    return t(`indicatorUnitValue.${unit}`, { value: formatNumber(value, unit, i18n.language) });
  };
}

export function PeriodText({ period }: { period: string }) {
  const { i18n } = useTranslation();
  return <>{formatPeriod(period, i18n.language)}</>;
}

/** "Women", "Age 15–24", or "Total" for the empty disaggregation. */
export function useDisaggregationLabel(): (text: string) => string {
  const { t } = useTranslation();
  const tr = useDynamicTranslate();
  return (text) => {
    if (!text) return t('disaggregation.total');
    return disaggregationPairs(text)
      .map(([key, value]) => tr(`disaggregation.value.${key}.${value}`, { defaultValue: `${key}=${value}` }))
      .join(t('common.listSeparator'));
  };
}

export function DimensionName({ dimension }: { dimension: string }) {
  const tr = useDynamicTranslate();
  return <>{tr(`dimension.${dimension}`, { defaultValue: dimension.replace(/_/g, ' ') })}</>;
}

/** A scope for readers: the park's name, "Suzhou, Jiangsu", or the province. */
export function ScopeName({ scope, withType = false }: { scope: IndicatorScope; withType?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {scope.park ? (
        <LocalizedName value={scope.park.name} />
      ) : scope.type === 'city' ? (
        `${scope.city}${t('common.listSeparator')}${scope.province}`
      ) : (
        scope.province
      )}
      {withType ? <span className="muted small block">{t(`indicators.scopeType.${scope.type}`)}</span> : null}
    </>
  );
}

/** The park directory, with the cities and provinces it names. */
export function useParkDirectory() {
  const parks = useResource(() => api.parks.list().then((r) => r.items), []);
  return useMemo(() => {
    const list: Park[] = parks.data ?? [];
    const cities = [...new Set(list.map((p) => `${p.province}/${p.city}`))].sort();
    const provinces = [...new Set(list.map((p) => p.province))].sort();
    return { parks: list, cities, provinces, loading: parks.loading, error: parks.error, reload: parks.reload };
  }, [parks.data, parks.loading, parks.error, parks.reload]);
}

/** The name of a scope choice, looked up in the directory (for summaries before a series has loaded). */
export function useScopeChoiceLabel(parks: readonly Park[]): (choice: ScopeChoice) => string {
  const { t, label } = useWording();
  return (choice) => {
    if (choice.type === 'park') {
      const park = parks.find((p) => p.id === choice.key);
      return park ? label(park.name) : choice.key;
    }
    if (choice.type === 'city') {
      const [province, city] = choice.key.split('/');
      return `${city}${t('common.listSeparator')}${province}`;
    }
    return choice.key;
  };
}

interface ScopePickerProps {
  value: ScopeChoice;
  onChange: (value: ScopeChoice) => void;
  /** Limit the parks offered (a data officer reports for their own parks). */
  parks?: readonly Park[];
  /** Which scope types may be chosen. */
  types?: readonly ScopeType[];
  errors?: { scopeType?: string | null; scope?: string | null };
  required?: boolean;
}

/** Scope type, then the park, the city or the province, from the park directory. */
export function ScopePicker({ value, onChange, parks: only, types = SCOPE_TYPES, errors = {}, required }: ScopePickerProps) {
  const { t, label } = useWording();
  const directory = useParkDirectory();
  const parks = only ?? directory.parks;
  const options: Option[] =
    value.type === 'park'
      ? parks.map((p) => ({ value: p.id, label: label(p.name) })).sort((a, b) => a.label.localeCompare(b.label))
      : value.type === 'city'
        ? directory.cities.map((c) => {
            const [province, city] = c.split('/');
            return { value: c, label: `${city}${t('common.listSeparator')}${province}` };
          })
        : directory.provinces.map((p) => ({ value: p, label: p }));
  return (
    <div className="form-row">
      <SelectField
        label={t('indicators.scopeTypeLabel')}
        value={value.type}
        onChange={(type) => onChange({ type: type, key: '' })}
        options={types.map((s) => ({ value: s, label: t(`indicators.scopeType.${s}`) }))}
        error={errors.scopeType}
        required={required}
      />
      <SelectField
        label={t(`indicators.scopeType.${value.type}`)}
        value={value.key}
        onChange={(key) => onChange({ ...value, key })}
        emptyLabel={t('common.choose')}
        options={options}
        error={errors.scope}
        required={required}
      />
    </div>
  );
}

interface PeriodPickerProps {
  legend: string;
  value: string;
  onChange: (period: string) => void;
  years: readonly number[];
  error?: string | null;
  /** Offer "any" (empty) — for range filters. */
  optional?: boolean;
}

/** Year, quarter or month, picked with selects (no free typing of "2024-Q3"). */
export function PeriodPicker({ legend, value, onChange, years, error, optional }: PeriodPickerProps) {
  const { t, i18n } = useTranslation();
  const parsed = periodParts(value);
  const type: PeriodType = parsed?.type ?? 'year';
  const year = parsed?.year ?? years[0];
  const part = parsed?.part || 1;
  const monthName = (m: number) => new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  return (
    <fieldset className={`fieldset period-picker${error ? ' field--invalid' : ''}`}>
      <legend>{legend}</legend>
      <div className="form-row form-row--three">
        <SelectField
          label={t('period.type')}
          value={optional && !parsed ? '' : type}
          onChange={(v) => onChange(v ? buildPeriod(v, year, 1) : '')}
          emptyLabel={optional ? t('period.any') : undefined}
          options={PERIOD_TYPES.map((p) => ({ value: p, label: t(`period.types.${p}`) }))}
        />
        {!optional || parsed ? (
          <SelectField
            label={t('period.year')}
            value={String(year)}
            onChange={(v) => onChange(buildPeriod(type, Number(v), part))}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
          />
        ) : null}
        {parsed && type !== 'year' ? (
          <SelectField
            label={type === 'quarter' ? t('period.quarter') : t('period.month')}
            value={String(part)}
            onChange={(v) => onChange(buildPeriod(type, year, Number(v)))}
            options={
              type === 'quarter'
                ? [1, 2, 3, 4].map((q) => ({ value: String(q), label: t('period.quarterN', { n: q }) }))
                : Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1) }))
            }
          />
        ) : null}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
