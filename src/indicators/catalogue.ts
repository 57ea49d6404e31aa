/** The vocabulary of the indicator catalogue (kept with the client in src/shared/enums.ts), and the server's own constants. */

export {
  AGGREGATIONS,
  CATEGORIES,
  CURRENT_STATUSES,
  DIRECTIONS,
  DISAGGREGATION_KEYS,
  DISAGGREGATIONS,
  OBSERVATION_STATUSES,
  SCOPE_TYPES,
  UNITS,
  type Aggregation,
  type CurrentStatus,
  type Direction,
  type IndicatorCategory,
  type ObservationStatus,
  type ScopeType,
  type Unit,
} from '../shared/enums';

/** The indicator that weights park values in a weighted-mean roll-up. */
export const WEIGHT_INDICATOR_CODE = 'EIP.EMPLOYMENT';

/** Indicator codes: upper-case words joined by dots, e.g. GJ.GREEN_JOBS. */
export const CODE_PATTERN = /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$/;
