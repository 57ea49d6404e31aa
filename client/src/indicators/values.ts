import { DISAGGREGATIONS } from '@shared/enums';
import type { IndicatorScope, IndicatorUnit, ScopeType } from '../api/types';

/* The unit rules (valueFits, unitBounds) are the server's own, in @shared/indicator-values; these are the form's and the chart's. */

/** Reads a number typed by a person: spaces, thin spaces and thousands commas are fine; null when it is not one. */
export function parseNumber(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
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
