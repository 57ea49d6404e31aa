import type { Aggregation } from './catalogue';

/** One park's value for one period, with its weight (the park's total employment) when reported. */
export interface ParkValue {
  value: number;
  weight?: number | null;
}

export interface Aggregate {
  value: number;
  /** True when a weighted mean could use a weight for every park. */
  weighted: boolean;
}

export const sum = (values: ParkValue[]) => values.reduce((total, v) => total + v.value, 0);

export const mean = (values: ParkValue[]) => sum(values) / values.length;

/**
 * Mean weighted by each park's employment. Parks without a reported (positive) employment would silently count
 * for nothing, so unless every park has one the plain mean is used instead, and the result says so.
 */
export function weightedMean(values: ParkValue[]): Aggregate {
  const weighted = values.every((v) => typeof v.weight === 'number' && v.weight > 0);
  if (!weighted) return { value: mean(values), weighted: false };
  const totalWeight = values.reduce((total, v) => total + v.weight!, 0);
  return { value: values.reduce((total, v) => total + v.value * v.weight!, 0) / totalWeight, weighted: true };
}

/** Share of parks answering yes (1), as a percentage. */
export const shareTrue = (values: ParkValue[]) => (values.filter((v) => v.value === 1).length / values.length) * 100;

/** Rolls park values of one period up to a city or province by the indicator's rule; null with no values. */
export function aggregate(rule: Aggregation, values: ParkValue[]): Aggregate | null {
  if (!values.length) return null;
  switch (rule) {
    case 'sum':
      return { value: sum(values), weighted: false };
    case 'mean':
      return { value: mean(values), weighted: false };
    case 'weighted_mean':
      return weightedMean(values);
    case 'share_true':
      return { value: shareTrue(values), weighted: false };
  }
}

/** Rounds away floating-point noise from sums and means (values are reported to a few decimals). */
export const tidy = (value: number) => Math.round(value * 1e6) / 1e6;
