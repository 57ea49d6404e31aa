import { DISAGGREGATIONS } from './catalogue';

/** A well-formed disaggregation: `key=value` pairs joined by `;` (lower-case letters, digits and _). */
export const DISAGGREGATION_PATTERN = '^[a-z_]+=[a-z0-9_]+(;[a-z_]+=[a-z0-9_]+)*$';

/**
 * The canonical form: trimmed, lower-case, pairs sorted by key, so `Sex = Female` and `sex=female` are the same
 * series. Text that is not a list of pairs is returned trimmed, for the checks to refuse.
 */
export function canonicalDisaggregation(text: string | null | undefined): string {
  const value = (text ?? '').trim();
  if (!value) return '';
  const pairs = value.split(';').map((pair) => pair.split('=').map((part) => part.trim().toLowerCase()));
  if (pairs.some((p) => p.length !== 2 || !p[0] || !p[1])) return value;
  return pairs
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
}

/** Every `key=value` an indicator allowing `keys` accepts. */
export function allowedPairs(keys: readonly string[]): string[] {
  return keys.flatMap((key) => (DISAGGREGATIONS[key] ?? []).map((value) => `${key}=${value}`));
}

/** Null when `text` (canonical) is a disaggregation the indicator allows, else the message naming `field`. */
export function disaggregationProblem(text: string, allowedKeys: readonly string[], code: string, field = 'disaggregation'): string | null {
  if (!text) return null;
  if (!new RegExp(DISAGGREGATION_PATTERN).test(text)) return `${field} must look like sex=female (several pairs joined by ;)`;
  const pairs = text.split(';');
  const keys = pairs.map((p) => p.split('=')[0]);
  if (new Set(keys).size !== keys.length) return `${field} names the same key twice`;
  if (!allowedKeys.length) return `${field} must be empty: ${code} has no disaggregation`;
  const allowed = allowedPairs(allowedKeys);
  const bad = pairs.find((p) => !allowed.includes(p));
  return bad ? `${field} ${bad} is not allowed for ${code}; allowed: ${allowed.join(', ')}` : null;
}
