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

/** How many of a scope's parks a roll-up is made of, and whether that is too few to stand for the scope. */
export interface Coverage {
  parkCount: number;
  expectedParkCount: number;
  partial: boolean;
}

/**
 * The share of a city's or province's parks a roll-up needs to stand for it (DHIS2's reporting rate, Open SDG's
 * coverage). A sum short of a park is short of that park's value, so it needs every park. A mean or a share of
 * parks is an estimate from the parks that reported, fair with at least half of them. A point below this is
 * `partial`: charts mark it, and a trajectory is judged on the latest period that is not.
 */
export const COVERAGE_NEEDED: Record<Aggregation, number> = { sum: 1, mean: 0.5, weighted_mean: 0.5, share_true: 0.5 };

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

function valueOf(rule: Aggregation, values: ParkValue[]): Aggregate {
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

/**
 * Rolls the values the parks of a city or province reported for one period up by the indicator's rule, saying how
 * many of the scope's `expectedParkCount` parks it is made of; null with no values.
 */
export function aggregate(rule: Aggregation, values: ParkValue[], expectedParkCount: number): (Aggregate & Coverage) | null {
  if (!values.length) return null;
  const parkCount = values.length;
  return { ...valueOf(rule, values), parkCount, expectedParkCount, partial: parkCount < COVERAGE_NEEDED[rule] * expectedParkCount };
}

/** Rounds away floating-point noise from sums and means (values are reported to a few decimals). */
export const tidy = (value: number) => Math.round(value * 1e6) / 1e6;
