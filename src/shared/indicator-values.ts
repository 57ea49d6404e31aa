import type { Unit } from './enums';

/** What a value of each unit may be. The importer's SQL and the web form's warning are generated from this table too. */
export interface UnitRule {
  min: number;
  max: number;
  integer: boolean;
  message: string;
}

/** Beyond this no indicator value is plausible; it also keeps numbers exact in JavaScript. */
const HUGE = 1e12;

export const UNIT_RULES: Record<Unit, UnitRule> = {
  persons: { min: 0, max: HUGE, integer: true, message: 'value must be a whole number of persons, 0 or more' },
  count: { min: 0, max: HUGE, integer: true, message: 'value must be a whole number, 0 or more' },
  percent: { min: 0, max: 100, integer: false, message: 'value must be a percentage between 0 and 100' },
  rate_per_100k: { min: 0, max: HUGE, integer: false, message: 'value must be a rate per 100 000, 0 or more' },
  cny_per_month: { min: 0, max: HUGE, integer: false, message: 'value must be an amount in CNY per month, 0 or more' },
  boolean: { min: 0, max: 1, integer: true, message: 'value must be 0 (no) or 1 (yes)' },
  score_0_6: { min: 0, max: 6, integer: false, message: 'value must be a score between 0 and 6' },
};

/** Whether the value is acceptable for the unit. */
export function valueFits(unit: Unit, value: number): boolean {
  const rule = UNIT_RULES[unit];
  return value >= rule.min && value <= rule.max && (!rule.integer || Number.isInteger(value));
}

/** Null when `value` is acceptable for `unit`, else the message to show (it names the field `value`). */
export function valueProblem(unit: Unit, value: number, field = 'value'): string | null {
  const rule = UNIT_RULES[unit];
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${field} must be a number`;
  return valueFits(unit, value) ? null : rule.message.replace(/^value/, field);
}

/** The axis bounds of a unit in a chart, when it has natural ones. */
export function unitBounds(unit: Unit): [number, number] | undefined {
  if (unit === 'percent') return [0, 100];
  if (unit === 'boolean') return [0, 1];
  if (unit === 'score_0_6') return [0, 6];
  return undefined;
}

/** The text form of a number the importer accepts: plain decimals, optionally with an exponent (no separators). */
export const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;

/** The numeric text to store for a cell, or null when it is not a number (or absurdly long). */
export const numberText = (text: string): string | null => (text.length <= 40 && NUMBER_PATTERN.test(text) ? text : null);
