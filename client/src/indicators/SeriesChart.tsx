import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorUnit, SeriesPoint } from '../api/types';
import { formatDate } from '../i18n/format';
import { layoutLineChart, pathsByKind, type XY } from './chartGeometry';
import { DemoBadge, useFormatValue } from './parts';
import { unitBounds } from '@shared/indicator-values';
import { periodTypeOf } from '@shared/periods';
import { dayTime, formatPeriod, periodTime } from './periods';
import { formatNumber } from './values';

export interface ChartTrajectory {
  baseline: { value: number; date: string };
  target: { value: number; date: string };
}

interface SeriesChartProps {
  title: string;
  unit: IndicatorUnit;
  points: readonly SeriesPoint[];
  trajectory?: ChartTrajectory | null;
}

const HEIGHT = 280;
const BOX = { top: 14, right: 16, bottom: 34, left: 64 };

/** The width of an element, followed as it resizes (the chart draws at its real size so text stays legible). */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || fallback);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(240, Math.round(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallback]);
  return { ref, width };
}

/** A legend entry: the chart's point of that kind, and what it means. */
function LegendPoint({ kind, label }: { kind: 'verified' | 'submitted' | 'partial'; label: string }) {
  return (
    <li>
      <svg width="18" height="12">
        <circle cx="9" cy="6" r="4.5" className={`point point--${kind}`} />
      </svg>
      {label}
    </li>
  );
}

/**
 * A time series as an SVG line chart: verified points filled, submitted ones outlined, demo data hatched, partial
 * roll-ups (not every park reported) hollow and off the line, their tooltip saying how many parks reported; with a
 * commitment, the baseline and target as marked points and the straight trajectory between them dashed. The SVG is
 * one image for assistive technology (title and a summary); the table beside it holds every value.
 */
export function SeriesChart({ title, unit, points, trajectory }: SeriesChartProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const formatValue = useFormatValue();
  const { ref, width } = useWidth(640);
  // In time order as the axis reads (a period's end), the same order the layout uses for its screen points.
  const sorted = [...points].sort((a, b) => (periodTime(a.period) ?? 0) - (periodTime(b.period) ?? 0));
  const data = sorted.map((p) => ({ point: p, xy: { x: periodTime(p.period) ?? 0, y: p.value } satisfies XY }));
  const traj = trajectory
    ? {
        baseline: { x: dayTime(trajectory.baseline.date), y: trajectory.baseline.value },
        target: { x: dayTime(trajectory.target.date), y: trajectory.target.value },
      }
    : null;
  const box = { ...BOX, width, height: HEIGHT, left: width < 420 ? 52 : BOX.left };
  const layout = layoutLineChart({ points: data.map((d) => d.xy), trajectory: traj, box, bounds: unitBounds(unit) });
  const anyDemo = points.some((p) => p.isDemo);
  const anySubmitted = points.some((p) => p.status === 'submitted');
  const partialCount = points.filter((p) => p.partial).length;
  const tick = (v: number) => (unit === 'boolean' ? String(v) : formatNumber(v, unit === 'persons' || unit === 'count' ? unit : 'percent', i18n.language));
  const summary = sorted.length
    ? t('chart.summary', {
        count: sorted.length,
        first: formatPeriod(sorted[0].period, i18n.language),
        last: formatPeriod(sorted[sorted.length - 1].period, i18n.language),
        from: formatValue(sorted[0].value, unit),
        to: formatValue(sorted[sorted.length - 1].value, unit),
      })
    : t('chart.noPoints');
  const trajectoryText = trajectory
    ? t('chart.trajectorySummary', {
        baseline: formatValue(trajectory.baseline.value, unit),
        baselineDate: formatDate(trajectory.baseline.date, i18n.language),
        target: formatValue(trajectory.target.value, unit),
        targetDate: formatDate(trajectory.target.date, i18n.language),
      })
    : '';
  const plotBottom = HEIGHT - box.bottom;
  // Partial roll-ups stand alone, off the line: a total of some of the parks joined to one of all of them would read
  // as a collapse and a recovery.
  const onLine = data.flatMap((d, i) => (d.point.partial ? [] : [i]));
  const patternId = `${id}-hatch`.replace(/:/g, '');

  return (
    <figure className="chart line-chart">
      <figcaption>
        {title} {anyDemo ? <DemoBadge /> : null}
      </figcaption>
      <ul className="chart-legend small" aria-hidden="true">
        <LegendPoint kind="verified" label={t('chart.legendVerified')} />
        {anySubmitted ? <LegendPoint kind="submitted" label={t('chart.legendSubmitted')} /> : null}
        {partialCount ? <LegendPoint kind="partial" label={t('chart.legendPartial')} /> : null}
        {anyDemo ? (
          <li>
            <svg width="18" height="12">
              <defs>
                <pattern id={`${patternId}-legend`} width="3.5" height="3.5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="3.5" height="3.5" className="hatch-bg" />
                  <line x1="0" y1="0" x2="0" y2="3.5" className="hatch-line" />
                </pattern>
              </defs>
              <circle cx="9" cy="6" r="5" className="point point--demo" fill={`url(#${patternId}-legend)`} />
            </svg>
            {t('chart.legendDemo')}
          </li>
        ) : null}
        {trajectory ? (
          <li>
            <svg width="26" height="12">
              <line x1="1" y1="6" x2="25" y2="6" className="trajectory-line" />
            </svg>
            {t('chart.legendTrajectory')}
          </li>
        ) : null}
      </ul>
      <div ref={ref} className="line-chart-frame">
        <svg className="chart-svg" width={width} height={HEIGHT} role="img" aria-labelledby={`${id}-t ${id}-d`}>
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{`${summary} ${partialCount ? t('chart.partialSummary', { count: partialCount }) : ''} ${trajectoryText}`.trim()}</desc>
          <defs>
            <pattern id={patternId} width="3.5" height="3.5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="3.5" height="3.5" className="hatch-bg" />
              <line x1="0" y1="0" x2="0" y2="3.5" className="hatch-line" />
            </pattern>
          </defs>
          {layout.yAxis.ticks.map((v) => (
            <g key={`y${v}`}>
              <line x1={box.left} x2={width - box.right} y1={layout.y(v)} y2={layout.y(v)} className="grid-line" />
              <text x={box.left - 6} y={layout.y(v) + 4} textAnchor="end" className="chart-value">
                {tick(v)}
              </text>
            </g>
          ))}
          {layout.xTicks.map((tk) => (
            <g key={`x${tk.year}`}>
              <line x1={layout.x(tk.time)} x2={layout.x(tk.time)} y1={plotBottom} y2={plotBottom + 5} className="axis-line" />
              <text x={layout.x(tk.time)} y={plotBottom + 19} textAnchor="middle" className="chart-value">
                {tk.year}
              </text>
            </g>
          ))}
          <line x1={box.left} x2={width - box.right} y1={plotBottom} y2={plotBottom} className="axis-line" />
          {layout.trajectoryLine ? (
            <g className="trajectory">
              <line {...layout.trajectoryLine} className="trajectory-line" />
              <rect x={layout.trajectoryLine.x1 - 5} y={layout.trajectoryLine.y1 - 5} width="10" height="10" className="trajectory-mark" />
              <path
                d={`M${layout.trajectoryLine.x2} ${layout.trajectoryLine.y2 - 7} L${layout.trajectoryLine.x2 + 7} ${layout.trajectoryLine.y2} L${layout.trajectoryLine.x2} ${layout.trajectoryLine.y2 + 7} L${layout.trajectoryLine.x2 - 7} ${layout.trajectoryLine.y2} Z`}
                className="trajectory-mark"
              />
            </g>
          ) : null}
          {pathsByKind(
            onLine.map((i) => layout.screenPoints[i]),
            onLine.map((i) => periodTypeOf(data[i].point.period) ?? 'year'),
          ).map(({ kind, path }) => (
            <path key={kind} d={path} className={`series-line series-line--${kind}`} />
          ))}
          {data.map(({ point }, i) => {
            const p = layout.screenPoints[i];
            const cls = `point point--${point.status}${point.isDemo ? ' point--demo' : ''}${point.partial ? ' point--partial' : ''}`;
            const coverage =
              point.parkCount !== undefined && point.parkCount < (point.expectedParkCount ?? 0)
                ? ` — ${t('chart.coverage', { count: point.parkCount, expected: point.expectedParkCount })}`
                : '';
            return (
              <circle
                key={point.period}
                cx={p.x}
                cy={p.y}
                r={point.isDemo ? 5.5 : 4.5}
                className={cls}
                fill={point.isDemo && point.status === 'verified' && !point.partial ? `url(#${patternId})` : undefined}
              >
                <title>{`${formatPeriod(point.period, i18n.language)}: ${formatValue(point.value, unit)}${coverage}`}</title>
              </circle>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
