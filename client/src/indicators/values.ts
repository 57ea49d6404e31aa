import { DISAGGREGATIONS, type IndicatorScope, type IndicatorUnit, type ScopeType } from '../api/types';

/** What a value of each unit may be (mirrors src/indicators/values.ts, so the form can warn before sending). */
export const UNIT_RULES: Record<IndicatorUnit, { min: number; max: number; integer: boolean }> = {
  persons: { min: 0, max: 1e12, integer: true },
  count: { min: 0, max: 1e12, integer: true },
  percent: { min: 0, max: 100, integer: false },
  rate_per_100k: { min: 0, max: 1e12, integer: false },
  cny_per_month: { min: 0, max: 1e12, integer: false },
  boolean: { min: 0, max: 1, integer: true },
  score_0_6: { min: 0, max: 6, integer: false },
};

/** The axis bounds of a unit in a chart, when it has natural ones. */
export function unitBounds(unit: IndicatorUnit): [number, number] | undefined {
  if (unit === 'percent') return [0, 100];
  if (unit === 'boolean') return [0, 1];
  if (unit === 'score_0_6') return [0, 6];
  return undefined;
}

/** Reads a number typed by a person: spaces, thin spaces and thousands commas are fine; null when it is not one. */
export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

/** Whether the value is acceptable for the unit. */
export function valueFits(unit: IndicatorUnit, value: number): boolean {
  const rule = UNIT_RULES[unit];
  return value >= rule.min && value <= rule.max && (!rule.integer || Number.isInteger(value));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A value in the reader's locale with the precision its unit deserves (persons whole, percentages to 0.1). */
export function formatNumber(value: number, unit: IndicatorUnit, locale: string): string {
  const digits = unit === 'persons' || unit === 'count' ? 0 : unit === 'cny_per_month' ? 0 : 2;
  const key = `${locale}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/** The disaggregation choices an indicator allows, as `key=value` texts (the total is the empty text). */
export function disaggregationOptions(allowed: readonly string[]): string[] {
  return allowed.flatMap((key) => (DISAGGREGATIONS[key] ?? []).map((value) => `${key}=${value}`));
}

/** One pair of a disaggregation text, e.g. ['sex', 'female']. */
export const disaggregationPairs = (text: string): [string, string][] =>
  text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [k, v = ''] = p.split('=');
      return [k, v];
    });

/** How a scope is named in a query string and a CSV: the park id, Province/City, or the province. */
export interface ScopeChoice {
  type: ScopeType;
  /** park id, Province/City, or province. */
  key: string;
}

export function scopeChoiceOf(scope: IndicatorScope): ScopeChoice {
  return { type: scope.type, key: scope.key };
}

/** The body fields (parkId / province / city) of a scope choice, as the report and link routes take them. */
export function scopeBody(choice: ScopeChoice): { scopeType: ScopeType; parkId?: string; province?: string; city?: string } {
  if (choice.type === 'park') return { scopeType: 'park', parkId: choice.key };
  if (choice.type === 'city') {
    const [province, ...city] = choice.key.split('/');
    return { scopeType: 'city', province, city: city.join('/') };
  }
  return { scopeType: 'province', province: choice.key };
}

/** Direction of change between two values: up, down or flat (within a relative tolerance). */
export function trendOf(previous: number | null | undefined, latest: number): 'up' | 'down' | 'flat' | null {
  if (previous === null || previous === undefined) return null;
  const tolerance = Math.max(Math.abs(previous), Math.abs(latest)) * 0.005;
  if (Math.abs(latest - previous) <= tolerance) return 'flat';
  return latest > previous ? 'up' : 'down';
}
