/**
 * The indicator chart, drawn by Apache ECharts. This module (and with it ECharts and Papa Parse) is loaded only by
 * the pages that chart (React.lazy), in a chunk of its own: the first page never downloads it. Only the chart types
 * and components used are registered, so the rest of ECharts is left out of the build.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart, type LineSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import Papa from 'papaparse';
import type { PeriodType } from '@shared/periods';
import type { IndicatorUnit } from '../api/types';
import { TableFrame } from '../components/DataTable';
import { formatDate } from '../i18n/format';
import { localized } from '../i18n/localized';
import { saveBlob } from '../lib/download';
import { csvRows, CSV_FIELDS, downloadName, plotLines, targetLines, type ChartSeries, type ChartTarget, type PlotPoint } from './chartModel';
import { DemoBadge, useFormatValue } from './parts';
import { formatPeriod } from './periods';
import { formatNumber } from './values';

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<LineSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One colour per scope compared (distinct for the common colour-vision deficiencies); kinds of period differ by line and mark too. */
const PALETTE = ['#1b7f4b', '#2f6fb3', '#b35c00', '#7b3fa0', '#a1283b', '#4b5b66'];
const LINE: Record<PeriodType, { type: 'solid' | 'dashed' | 'dotted'; width: number; symbol: string }> = {
  year: { type: 'solid', width: 2.5, symbol: 'circle' },
  quarter: { type: 'dashed', width: 1.5, symbol: 'rect' },
  month: { type: 'dotted', width: 1.2, symbol: 'triangle' },
};

export interface IndicatorChartProps {
  /** The indicator's code: names the downloads. */
  code: string;
  title: string;
  series: readonly ChartSeries[];
  targets: readonly ChartTarget[];
  /** A scope's name in the reader's language. */
  scopeName: (series: ChartSeries) => string;
}

const today = () => new Date().toISOString().slice(0, 10);

/** A data: URL's bytes (the page's CSP lets nothing fetch a data: URL). */
function dataUrlBlob(url: string): Blob {
  const [head, body] = url.split(',', 2);
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5).split(';')[0] });
}

export default function IndicatorChart({ code, title, series, targets, scopeName }: IndicatorChartProps) {
  const { t, i18n } = useTranslation();
  const formatValue = useFormatValue();
  const id = useId();
  const frame = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [showTable, setShowTable] = useState(false);
  const language = i18n.language;

  const lines = useMemo(() => plotLines(series), [series]);
  const goals = useMemo(() => targetLines(series, targets), [series, targets]);
  const unit = (series[0]?.unit ?? 'count') as IndicatorUnit;
  const value = (v: number) => formatValue(v, unit);
  const kindName = (type: PeriodType) => t(`chart.periodKind.${type}`);
  const lineName = (scopeIndex: number, type: PeriodType) => `${scopeName(series[scopeIndex])} · ${kindName(type)}`;
  const anyDemo = lines.some((l) => l.points.some((p) => p.isDemo));

  const summary = useMemo(() => {
    const parts = lines.map((l) => {
      const first = l.points[0];
      const last = l.points[l.points.length - 1];
      return t('chart.lineSummary', {
        name: lineName(l.scopeIndex, l.periodType),
        count: l.points.length,
        first: formatPeriod(first.period, language),
        last: formatPeriod(last.period, language),
        from: value(first.value),
        to: value(last.value),
      });
    });
    const goalParts = goals.map((g) =>
      t('chart.targetSummary', {
        scope: scopeName(series[g.scopeIndex]),
        baseline: value(g.baseline.value),
        baselineDate: formatDate(g.baseline.date, language),
        target: value(g.target.value),
        targetDate: formatDate(g.target.date, language),
      }),
    );
    return [t('chart.scopesSummary', { count: series.length }), ...parts, ...goalParts].join(' ');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines, goals, language, series]);

  const option = useMemo((): Option => {
    const encode = echarts.format.encodeHTML;
    const pointData = (p: PlotPoint) => ({
      value: [p.time, p.value],
      period: p.period,
      // Awaiting verification: hollow and faded; demo data: a ring of its own in the table and the CSV.
      itemStyle: p.status === 'submitted' ? { opacity: 0.55, borderType: 'dashed' as const } : undefined,
      symbol: p.status === 'submitted' ? 'emptyCircle' : undefined,
    });
    const valueSeries: LineSeriesOption[] = lines.map((l) => ({
      id: l.id,
      type: 'line',
      name: lineName(l.scopeIndex, l.periodType),
      color: PALETTE[l.scopeIndex % PALETTE.length],
      symbol: LINE[l.periodType].symbol,
      symbolSize: l.periodType === 'year' ? 8 : 6,
      lineStyle: { type: LINE[l.periodType].type, width: LINE[l.periodType].width },
      // Partial roll-ups stand alone (a gap in the line), drawn by the scatter series below.
      data: l.points.map((p) => (p.partial ? { value: [p.time, null], period: p.period } : pointData(p))),
      connectNulls: false,
      animation: false,
    }));
    const partialSeries: ScatterSeriesOption[] = lines
      .filter((l) => l.points.some((p) => p.partial))
      .map((l) => ({
        id: `${l.id}:partial`,
        type: 'scatter',
        name: `${lineName(l.scopeIndex, l.periodType)} · ${t('chart.partialShort')}`,
        color: PALETTE[l.scopeIndex % PALETTE.length],
        symbol: 'emptyCircle',
        symbolSize: 9,
        data: l.points
          .filter((p) => p.partial)
          .map((p) => ({ value: [p.time, p.value], period: p.period, parkCount: p.parkCount, expectedParkCount: p.expectedParkCount })),
        animation: false,
      }));
    const targetSeries: LineSeriesOption[] = goals.map((g) => ({
      id: g.id,
      type: 'line',
      name: `${scopeName(series[g.scopeIndex])} · ${t('chart.target')}${g.title ? `: ${localized(g.title, language).text}` : ''}`,
      color: PALETTE[g.scopeIndex % PALETTE.length],
      symbol: 'diamond',
      symbolSize: 10,
      lineStyle: { type: [6, 4], width: 1.5, opacity: 0.8 },
      data: [
        { value: [g.baseline.time, g.baseline.value], period: formatDate(g.baseline.date, language) },
        { value: [g.target.time, g.target.value], period: formatDate(g.target.date, language) },
      ],
      animation: false,
    }));
    return {
      useUTC: true,
      aria: { enabled: true, label: { description: `${title}. ${summary}` } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      legend: { bottom: 0, type: 'plain', textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const p = Array.isArray(params) ? params[0] : params;
          const data = p.data as { value: [number, number | null]; period: string; parkCount?: number; expectedParkCount?: number };
          if (data.value[1] === null) return '';
          const coverage = data.parkCount !== undefined ? ` — ${encode(t('chart.coverage', { count: data.parkCount, expected: data.expectedParkCount }))}` : '';
          const when = /^\d{4}(-Q\d|-\d{2})?$/.test(data.period) ? formatPeriod(data.period, language) : data.period;
          return `${encode(p.seriesName ?? '')}<br/>${encode(when)}: <strong>${encode(value(data.value[1]))}</strong>${coverage}`;
        },
      },
      xAxis: {
        type: 'time',
        axisLabel: {
          hideOverlap: true,
          formatter: (v: number) => {
            const d = new Date(v);
            return d.getUTCMonth() === 0 && d.getUTCDate() === 1
              ? String(d.getUTCFullYear())
              : formatPeriod(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`, language);
          },
        },
      },
      yAxis: {
        type: 'value',
        scale: false,
        max: unit === 'percent' ? 100 : undefined,
        axisLabel: {
          formatter: (v: number) => (unit === 'boolean' ? String(v) : formatNumber(v, unit === 'persons' || unit === 'count' ? unit : 'percent', language)),
        },
      },
      series: [...valueSeries, ...partialSeries, ...targetSeries],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines, goals, language, title, summary, unit]);

  useEffect(() => {
    if (!frame.current) return;
    const instance = echarts.init(frame.current, null, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(frame.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const rows = useMemo(() => csvRows(series, lines, goals, scopeName), [series, lines, goals, scopeName]);

  const downloadPng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (url) saveBlob(dataUrlBlob(url), downloadName(code, today(), 'png'));
  };
  const downloadCsv = () => {
    // A byte-order mark so that Excel reads Chinese names; formulas in names are neutralised.
    const text = '\uFEFF' + Papa.unparse({ fields: [...CSV_FIELDS], data: rows.map((r) => CSV_FIELDS.map((f) => r[f])) }, { escapeFormulae: true });
    saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), downloadName(code, today(), 'csv'));
  };

  return (
    <figure className="chart echarts-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {title} {anyDemo ? <DemoBadge /> : null}
      </figcaption>
      <div ref={frame} className="echarts-frame" role="img" aria-label={`${title}. ${summary}`} data-chart="indicator" />
      <div className="chart-actions">
        <button type="button" className="button button--secondary" onClick={downloadPng}>
          {t('chart.downloadPng')}
        </button>
        <button type="button" className="button button--secondary" onClick={downloadCsv}>
          {t('chart.downloadCsv')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={showTable}
          aria-controls={`${id}-table`}
          onClick={() => setShowTable((s) => !s)}
        >
          {showTable ? t('chart.hideTable') : t('chart.showTable')}
        </button>
      </div>
      <div id={`${id}-table`} hidden={!showTable}>
        {showTable ? (
          <TableFrame
            caption={title}
            captionVisible
            className="compact-table chart-data-table"
            headers={[t('chart.column.scope'), t('chart.column.series'), t('indicators.period'), t('indicators.value'), t('indicators.status')]}
          >
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row" data-label={t('chart.column.scope')}>
                  {r.scope_name}
                </th>
                <td data-label={t('chart.column.series')}>{t(`chart.seriesKind.${r.series}`)}</td>
                <td data-label={t('indicators.period')}>{r.period ? formatPeriod(String(r.period), language) : formatDate(String(r.date), language)}</td>
                <td data-label={t('indicators.value')}>
                  {value(Number(r.value))}
                  {r.demo === 'yes' ? <DemoBadge /> : null}
                  {r.partial === 'yes' ? <span className="badge partial-badge">{t('indicator.partial')}</span> : null}
                </td>
                <td data-label={t('indicators.status')}>{r.status ? t(`observationStatus.${r.status}`) : '—'}</td>
              </tr>
            ))}
          </TableFrame>
        ) : null}
      </div>
    </figure>
  );
}
