import { periodParts } from '../../shared/periods';

/**
 * DHIS2 period notation: a year `2020`, a quarter `2020Q3`, a month `202007`. The platform writes `2020`,
 * `2020-Q3` and `2020-07`. Other DHIS2 period types (weeks, six-months, financial years) have no platform period.
 */
export function toDhis2Period(period: string): string | null {
  const p = periodParts(period);
  if (!p) return null;
  if (p.type === 'year') return String(p.year);
  if (p.type === 'quarter') return `${p.year}Q${p.part}`;
  return `${p.year}${String(p.part).padStart(2, '0')}`;
}

const DHIS2_YEAR = /^(\d{4})$/;
const DHIS2_QUARTER = /^(\d{4})Q([1-4])$/;
const DHIS2_MONTH = /^(\d{4})(0[1-9]|1[0-2])$/;

/** The platform period for a DHIS2 period, or null when it is not a year, a quarter or a month. */
export function fromDhis2Period(text: string): string | null {
  const value = text.trim();
  let m: RegExpMatchArray | null;
  let period: string;
  if ((m = value.match(DHIS2_YEAR))) period = m[1];
  else if ((m = value.match(DHIS2_QUARTER))) period = `${m[1]}-Q${m[2]}`;
  else if ((m = value.match(DHIS2_MONTH))) period = `${m[1]}-${m[2]}`;
  else return null;
  return periodParts(period) ? period : null;
}
