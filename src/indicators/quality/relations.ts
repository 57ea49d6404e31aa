/** The values of one indicator, scope and period by sex, as far as they are reported. */
export interface SexBreakdown {
  total?: number;
  female?: number;
  male?: number;
}

export type BreakdownPart = '' | 'sex=female' | 'sex=male';
export const BREAKDOWN_PARTS: readonly BreakdownPart[] = ['', 'sex=female', 'sex=male'];

/** Open ends are null (a total has no upper bound from its parts). */
export interface RelationRange {
  min: number | null;
  max: number | null;
}

export interface RelationWarning {
  message: string;
  /** What the value would have to be for the relation to hold. */
  expected: RelationRange;
}

export const RELATION_MESSAGES = {
  partAboveTotal: 'a part by sex exceeds the total',
  sum: 'women and men do not add up to the total',
} as const;

/** Counts by sex add up: parts never exceed the total, and women + men = the total when all three are reported. */
export const relationsApply = (indicator: { checkRelations: boolean; aggregation: string; disaggregations: string[] }) =>
  indicator.checkRelations && indicator.aggregation === 'sum' && indicator.disaggregations.includes('sex');

/**
 * The relations the value of `part` breaks, given the breakdown it is part of (holding that value). A missing part
 * breaks nothing: a part against the total needs the total, the sum needs all three.
 */
export function relationWarnings(part: BreakdownPart, b: SexBreakdown): RelationWarning[] {
  const { total, female, male } = b;
  if (total === undefined) return [];
  const out: RelationWarning[] = [];
  const all = female !== undefined && male !== undefined;
  if (part === '') {
    const largest = Math.max(female ?? -Infinity, male ?? -Infinity);
    if (largest > total) out.push({ message: RELATION_MESSAGES.partAboveTotal, expected: { min: largest, max: null } });
    if (all && female + male !== total) out.push({ message: RELATION_MESSAGES.sum, expected: { min: female + male, max: female + male } });
    return out;
  }
  const own = part === 'sex=female' ? female : male;
  const other = part === 'sex=female' ? male : female;
  if (own === undefined) return out;
  if (own > total) out.push({ message: RELATION_MESSAGES.partAboveTotal, expected: { min: 0, max: total } });
  if (other !== undefined && own + other !== total) out.push({ message: RELATION_MESSAGES.sum, expected: { min: total - other, max: total - other } });
  return out;
}
