import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceVerdict, RoundtableBalance, TripartiteBalance } from '../api/types';
import { balanceRows, balanceScaleMax } from './balance';
import { barWhole, scaleBar } from './barScale';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** Colour class, e.g. constituency--workers or state--in_progress (the bar takes the class's --c colour). */
  colorClass?: string;
}

const ROW = 40;
const BAR = 14;

/**
 * A horizontal bar chart drawn in SVG, each bar its share of the whole (barScale.ts). Labels and values are text in the SVG (sized in pixels, bars in percent, so it
 * stays readable from 390 px up); the whole chart is one image for assistive technology, described by its title
 * and a sentence listing every value.
 */
export function BarChart({ title, data, total, emptyText }: { title: string; data: readonly BarDatum[]; total?: number; emptyText?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const sum = barWhole(
    data.map((d) => d.value),
    total,
  );
  const description = data.map((d) => t('charts.valueOf', { label: d.label, value: d.value })).join('; ');
  return (
    <figure className="chart">
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {sum === 0 && emptyText ? <p className="muted small">{emptyText}</p> : null}
      <svg className="chart-svg" width="100%" height={data.length * ROW} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {data.map((d, i) => {
          const y = i * ROW;
          const { share, width } = scaleBar(d.value, sum);
          return (
            <g key={d.key} className={d.colorClass}>
              <text x="0" y={y + 13} className="chart-label">
                {d.label}
              </text>
              <text x="100%" y={y + 13} textAnchor="end" className="chart-value">
                {total !== undefined || sum > 0 ? `${d.value} · ${share}%` : d.value}
              </text>
              <rect x="0" y={y + 19} width="100%" height={BAR} rx="3" className="chart-track" />
              <rect x="0" y={y + 19} width={`${width}%`} height={BAR} rx="3" className="chart-bar" data-share={share} />
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/**
 * The tripartite balance as bars per constituency: for a roundtable, invited (solid) beside attending (outlined);
 * for a working group, members. A constituent with nobody shows a dashed empty slot and the word "none", so the
 * gap does not depend on colour.
 */
export function BalanceChart({ balance, title }: { balance: RoundtableBalance | TripartiteBalance; title: string }) {
  const { t } = useTranslation();
  const id = useId();
  const rows = balanceRows(balance);
  const max = balanceScaleMax(rows);
  const paired = rows.some((r) => r.attending !== undefined);
  const rowHeight = paired ? 62 : ROW + 4;
  const description = rows
    .map((r) =>
      paired
        ? t('balance.describePaired', { constituency: t(`constituency.${r.constituency}`), invited: r.count, attending: r.attending ?? 0 })
        : t('balance.describeSingle', { constituency: t(`constituency.${r.constituency}`), count: r.count }),
    )
    .join('; ');
  const verdict: BalanceVerdict = 'invited' in balance ? balance.verdict : balance.verdict;
  return (
    <figure className="chart balance-chart">
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {paired ? (
        <p className="chart-legend small" aria-hidden="true">
          <span className="legend-swatch legend-swatch--solid" /> {t('balance.invited')}
          <span className="legend-swatch legend-swatch--outline" /> {t('balance.attending')}
        </p>
      ) : null}
      <svg className="chart-svg" width="100%" height={rows.length * rowHeight} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{`${title}: ${t(`verdict.${verdict}`)}`}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {rows.map((r, i) => {
          const y = i * rowHeight;
          const value = paired ? t('balance.pairValue', { invited: r.count, attending: r.attending ?? 0 }) : String(r.count);
          return (
            <g key={r.constituency} className={`constituency--${r.constituency}${r.missing ? ' is-missing' : ''}`}>
              <text x="0" y={y + 13} className={`chart-label${r.tripartite ? ' chart-label--strong' : ''}`}>
                {t(`constituency.${r.constituency}`)}
              </text>
              <text x="100%" y={y + 13} textAnchor="end" className="chart-value">
                {r.missing ? `⚠ ${t('balance.none')}` : value}
              </text>
              {r.missing ? (
                <rect x="0.5" y={y + 19.5} width="99%" height={BAR} rx="3" className="chart-missing" />
              ) : (
                <>
                  <rect x="0" y={y + 19} width="100%" height={BAR} rx="3" className="chart-track" />
                  <rect x="0" y={y + 19} width={`${(r.count / max) * 100}%`} height={BAR} rx="3" className="chart-bar" />
                </>
              )}
              {paired ? (
                <rect
                  x="0.75"
                  y={y + 19 + BAR + 5.75}
                  width={`${Math.max(0, ((r.attending ?? 0) / max) * 100 - 0.3)}%`}
                  height={BAR - 2.5}
                  rx="3"
                  className="chart-bar chart-bar--outline"
                />
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Progress 0–100 as a bar with its number; a progressbar for assistive technology. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress">
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={clamped} aria-label={label}>
        <div className="progress-fill" style={{ width: `${clamped}%` }} />
      </div>
      <span className="progress-value">{clamped}%</span>
    </div>
  );
}
