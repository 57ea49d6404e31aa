import type { ParkIndicators, ParkIndicatorValue } from '../api/types';
import { trendOf } from './values';

type ParkIndicator = ParkIndicators['items'][number];

export interface IndicatorLatest extends ParkIndicator {
  latest: ParkIndicatorValue;
  trend: 'up' | 'down' | 'flat' | null;
  /** Whether the change is for the better given the indicator's direction (null when flat or unknown). */
  improving: boolean | null;
}

/**
 * The rows of a park's overview (GET /api/parks/:id/indicators): the indicators the park has a value for, each with
 * its trend from the value before it; and how many indicators it has none for yet.
 */
export function overviewRows(items: readonly ParkIndicator[]): { rows: IndicatorLatest[]; withoutValue: number } {
  const rows: IndicatorLatest[] = [];
  for (const item of items) {
    if (!item.latest) continue;
    const trend = trendOf(item.previous?.value, item.latest.value);
    const improving = trend === 'up' ? item.indicator.direction === 'higher' : trend === 'down' ? item.indicator.direction === 'lower' : null;
    rows.push({ ...item, latest: item.latest, trend, improving });
  }
  return { rows, withoutValue: items.length - rows.length };
}
