/** The vocabulary of the indicator catalogue, shared by the DTOs, the services and the SQL of the importer. */

export const CATEGORIES = ['green_jobs', 'eip_social'] as const;
export type IndicatorCategory = (typeof CATEGORIES)[number];

export const UNITS = ['persons', 'percent', 'rate_per_100k', 'count', 'cny_per_month', 'boolean', 'score_0_6'] as const;
export type Unit = (typeof UNITS)[number];

export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const AGGREGATIONS = ['sum', 'weighted_mean', 'mean', 'share_true'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const SCOPE_TYPES = ['park', 'city', 'province'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** What a current value can be: awaiting verification, verified or rejected. */
export const CURRENT_STATUSES = ['submitted', 'verified', 'rejected'] as const;
export type CurrentStatus = (typeof CURRENT_STATUSES)[number];

/**
 * A value replaced by a correction keeps the outcome of its review (verified, rejected); one replaced while still
 * awaiting verification is `superseded`: nobody is to verify it any more.
 */
export const OBSERVATION_STATUSES = [...CURRENT_STATUSES, 'superseded'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

/**
 * The disaggregations an indicator may allow, and the values each takes. An observation's disaggregation is
 * written `key=value` (several joined by `;`, e.g. `sex=female`); an empty one is the total.
 */
export const DISAGGREGATIONS: Record<string, readonly string[]> = {
  sex: ['female', 'male'],
  age_group: ['15_24', '25_54', '55_plus'],
};
export const DISAGGREGATION_KEYS = Object.keys(DISAGGREGATIONS);

/** The indicator that weights park values in a weighted-mean roll-up. */
export const WEIGHT_INDICATOR_CODE = 'EIP.EMPLOYMENT';

/** Indicator codes: upper-case words joined by dots, e.g. GJ.GREEN_JOBS. */
export const CODE_PATTERN = /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$/;
