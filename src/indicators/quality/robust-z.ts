/**
 * Robust z-scores: how far a value lies from a reference set (a scope's own history, or peer parks in the same
 * period) in units of the median absolute deviation, which a few outliers in the reference do not inflate.
 */

/** Fewer earlier values than this and the history says nothing (no warning). */
export const MIN_HISTORY = 4;
/** Fewer parks than this in a period and the peers say nothing. */
export const MIN_PEERS = 5;
/** MAD / 0.6745 estimates the standard deviation of normal data. */
const MAD_TO_SD = 0.6745;
/** When more than half the values are equal (MAD 0), the mean absolute deviation × 1.2533 stands in. */
const MEAN_AD_TO_SD = 1.253314;

export interface Range {
  min: number;
  max: number;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The centre and the robust spread of `values`; the spread is null when every value is the same. */
export function robustSpread(values: readonly number[]): { median: number; scale: number | null } {
  const m = median(values);
  const deviations = values.map((v) => Math.abs(v - m));
  const mad = median(deviations);
  if (mad > 0) return { median: m, scale: mad / MAD_TO_SD };
  const meanAd = deviations.reduce((a, b) => a + b, 0) / deviations.length;
  return { median: m, scale: meanAd > 0 ? meanAd * MEAN_AD_TO_SD : null };
}

export interface Outlier {
  z: number;
  /** The values the rule would have let in without a warning. */
  expected: Range;
}

/**
 * The outlier `value` is against `reference`, or null: when it is within `threshold` robust z-scores, when the
 * reference has fewer than `minCount` values, or when the reference has no spread to measure by.
 */
export function robustOutlier(value: number, reference: readonly number[], threshold: number, minCount: number): Outlier | null {
  if (reference.length < minCount) return null;
  const { median: m, scale } = robustSpread(reference);
  if (scale === null) return null;
  const z = (value - m) / scale;
  if (Math.abs(z) <= threshold) return null;
  return { z: round(z), expected: { min: round(m - threshold * scale), max: round(m + threshold * scale) } };
}
