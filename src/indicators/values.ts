import { UNIT_RULES } from '../shared/indicator-values';

/**
 * The unit check of src/shared/indicator-values.ts in SQL over a numeric expression `v` and a unit expression `u`:
 * evaluates to the message, or NULL when the value is fine.
 */
export function valueProblemSql(v: string, u: string): string {
  const branches = Object.entries(UNIT_RULES).map(([unit, rule]) => {
    const bad = [`${v} < ${rule.min}`, `${v} > ${rule.max}`];
    if (rule.integer) bad.push(`${v} <> trunc(${v})`);
    return `WHEN ${u} = '${unit}' AND (${bad.join(' OR ')}) THEN '${rule.message}'`;
  });
  return `CASE ${branches.join(' ')} END`;
}
