import type { Observation } from '../api/types';
import { periodTime } from './periods';
import { trendOf } from './values';

export interface IndicatorLatest {
  indicator: Observation['indicator'];
  latest: Observation;
  previous: Observation | null;
  trend: 'up' | 'down' | 'flat' | null;
  /** Whether the change is for the better given the indicator's direction (null when flat or unknown). */
  improving: boolean | null;
}

/**
 * The latest total value per indicator among a park's current values, with the one before it for the trend.
 * Disaggregated values (women, age groups) are left out: the overview compares totals.
 */
export function latestPerIndicator(observations: readonly Observation[]): IndicatorLatest[] {
  const byIndicator = new Map<string, Observation[]>();
  for (const o of observations) {
    if (o.disaggregation || !o.current) continue;
    byIndicator.set(o.indicator.id, [...(byIndicator.get(o.indicator.id) ?? []), o]);
  }
  const out: IndicatorLatest[] = [];
  for (const list of byIndicator.values()) {
    const sorted = [...list].sort((a, b) => (periodTime(a.period) ?? 0) - (periodTime(b.period) ?? 0));
    const latest = sorted[sorted.length - 1];
    const previous = sorted.length > 1 ? sorted[sorted.length - 2] : null;
    const trend = trendOf(previous?.value, latest.value);
    const improving = trend === 'up' ? latest.indicator.direction === 'higher' : trend === 'down' ? latest.indicator.direction === 'lower' : null;
    out.push({ indicator: latest.indicator, latest, previous, trend, improving });
  }
  return out.sort((a, b) => a.indicator.code.localeCompare(b.indicator.code));
}
