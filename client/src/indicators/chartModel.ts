/**
 * What the indicator page's chart plots, independent of the chart library: one line per scope and kind of period
 * (a year's total and a quarter's value are different measures of time and never share a line), partial roll-ups
 * apart from the lines, the commitments' baseline→target lines of each scope, and the same data as CSV rows.
 */
import { periodTypeOf, type PeriodType } from '@shared/periods';
import type { IndicatorScope, LocalizedText, SeriesPoint } from '../api/types';
import { dayTime, periodTime } from './periods';

/** A value as the chart needs it (the portal's values carry no status: they are all verified). */
export type ChartPoint = Pick<SeriesPoint, 'period' | 'value' | 'isDemo'> &
  Partial<Pick<SeriesPoint, 'parkCount' | 'expectedParkCount' | 'partial' | 'status'>>;

/** The part of a series the chart needs (the API's Series, or the public portal's). */
export interface ChartSeries {
  scope: IndicatorScope;
  disaggregation: string;
  unit: string;
  points: readonly ChartPoint[];
}

/** A commitment's baseline and target for a scope (the API's IndicatorTarget, or the portal's). */
export interface ChartTarget {
  actionItemId: string;
  actionItemTitle?: LocalizedText;
  scope: Pick<IndicatorScope, 'type' | 'key'>;
  disaggregation: string;
  unit: string;
  baseline: { value: number; date: string };
  target: { value: number; date: string };
}

export interface PlotPoint {
  period: string;
  /** Where the point sits on the time axis: the end of its period (ms). */
  time: number;
  value: number;
  status: 'verified' | 'submitted';
  isDemo: boolean;
  /** A roll-up made of too few of the scope's parks: drawn apart, off the line. */
  partial: boolean;
  parkCount?: number;
  expectedParkCount?: number;
}

export interface PlotLine {
  /** Stable within a chart: `<scope index>:<period type>`. */
  id: string;
  scopeIndex: number;
  periodType: PeriodType;
  points: PlotPoint[];
}

export interface TargetLine {
  id: string;
  scopeIndex: number;
  actionItemId: string;
  title: LocalizedText | null;
  baseline: { time: number; value: number; date: string };
  target: { time: number; value: number; date: string };
}

const PERIOD_ORDER: PeriodType[] = ['year', 'quarter', 'month'];

/** One line per scope and kind of period, points in time order; scopes in the order given, years first. */
export function plotLines(series: readonly ChartSeries[]): PlotLine[] {
  const lines: PlotLine[] = [];
  series.forEach((s, scopeIndex) => {
    const byType = new Map<PeriodType, PlotPoint[]>();
    for (const p of s.points) {
      const type = periodTypeOf(p.period);
      const time = periodTime(p.period);
      if (!type || time === null) continue;
      byType.set(type, [
        ...(byType.get(type) ?? []),
        {
          period: p.period,
          time,
          value: p.value,
          status: p.status ?? 'verified',
          isDemo: p.isDemo,
          partial: Boolean(p.partial),
          ...(p.parkCount !== undefined ? { parkCount: p.parkCount, expectedParkCount: p.expectedParkCount } : {}),
        },
      ]);
    }
    for (const type of PERIOD_ORDER) {
      const points = byType.get(type);
      if (points?.length) lines.push({ id: `${scopeIndex}:${type}`, scopeIndex, periodType: type, points: points.sort((a, b) => a.time - b.time) });
    }
  });
  return lines;
}

/** The commitments' baseline→target lines for the scopes shown (same scope, breakdown and unit). */
export function targetLines(series: readonly ChartSeries[], targets: readonly ChartTarget[]): TargetLine[] {
  const lines: TargetLine[] = [];
  series.forEach((s, scopeIndex) => {
    for (const t of targets) {
      if (t.scope.type !== s.scope.type || t.scope.key !== s.scope.key || t.disaggregation !== s.disaggregation || t.unit !== s.unit) continue;
      lines.push({
        id: `${scopeIndex}:target:${t.actionItemId}`,
        scopeIndex,
        actionItemId: t.actionItemId,
        title: t.actionItemTitle ?? null,
        baseline: { time: dayTime(t.baseline.date), value: t.baseline.value, date: t.baseline.date },
        target: { time: dayTime(t.target.date), value: t.target.value, date: t.target.date },
      });
    }
  });
  return lines;
}

export const CSV_FIELDS = [
  'series',
  'scope_type',
  'scope',
  'scope_name',
  'disaggregation',
  'period',
  'date',
  'value',
  'unit',
  'status',
  'demo',
  'partial',
] as const;
export type CsvRow = Record<Exclude<(typeof CSV_FIELDS)[number], 'series' | 'status'>, string | number> & {
  series: PeriodType | 'baseline' | 'target';
  status: PlotPoint['status'] | '';
};

/**
 * The plotted data as rows: every value of every line (`series` = year / quarter / month), then each target line's
 * baseline and target (`series` = baseline / target). `scopeName` gives the scope's name in the reader's language.
 */
export function csvRows(
  series: readonly ChartSeries[],
  lines: readonly PlotLine[],
  targets: readonly TargetLine[],
  scopeName: (s: ChartSeries) => string,
): CsvRow[] {
  const scopeFields = (scopeIndex: number) => {
    const s = series[scopeIndex];
    return { scope_type: s.scope.type, scope: s.scope.key, scope_name: scopeName(s), disaggregation: s.disaggregation, unit: s.unit };
  };
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
  const values = lines.flatMap((line) =>
    line.points.map((p) => ({
      series: line.periodType,
      ...scopeFields(line.scopeIndex),
      period: p.period,
      date: iso(p.time),
      value: p.value,
      status: p.status,
      demo: p.isDemo ? 'yes' : 'no',
      partial: p.partial ? 'yes' : 'no',
    })),
  );
  const goals = targets.flatMap((t) =>
    (['baseline', 'target'] as const).map((which) => ({
      series: which,
      ...scopeFields(t.scopeIndex),
      period: '',
      date: t[which].date,
      value: t[which].value,
      status: '' as const,
      demo: 'no',
      partial: 'no',
    })),
  );
  return [...values, ...goals].map((row): CsvRow => ({
    series: row.series,
    scope_type: row.scope_type,
    scope: row.scope,
    scope_name: row.scope_name,
    disaggregation: row.disaggregation,
    period: row.period,
    date: row.date,
    value: row.value,
    unit: row.unit,
    status: row.status,
    demo: row.demo,
    partial: row.partial,
  }));
}

/** A file name for the chart's downloads: the indicator code and the day, e.g. GJ.GREEN_JOBS-2026-12-04. */
export const downloadName = (code: string, today: string, extension: 'png' | 'csv') => `${code.replace(/[^A-Za-z0-9._-]+/g, '_')}-${today}.${extension}`;

/** The scopes compared, as the URL keeps them: `park:<id>`, `city:<Province/City>`, `province:<name>`. */
export function parseScopeParam(text: string): { type: 'park' | 'city' | 'province'; key: string } | null {
  const i = text.indexOf(':');
  if (i < 0) return null;
  const type = text.slice(0, i);
  const key = text.slice(i + 1);
  if ((type !== 'park' && type !== 'city' && type !== 'province') || !key) return null;
  return { type, key };
}

export const scopeParam = (choice: { type: string; key: string }) => `${choice.type}:${choice.key}`;
