import { CONSTITUENCIES, TRIPARTITE, type Constituency, type RoundtableRole, type Sex } from './enums';
import { genderBalance, type GenderBalance } from './gender-balance';

export const BALANCE_VERDICTS = ['balanced', 'unbalanced', 'missing'] as const;
export type BalanceVerdict = (typeof BALANCE_VERDICTS)[number];

export interface TripartiteBalance {
  /** Every constituency, including those with nobody. */
  byConstituency: Record<Constituency, number>;
  verdict: BalanceVerdict;
  /** The tripartite constituencies with nobody (only when the verdict is 'missing'). */
  missing: Constituency[];
}

/** How far the largest tripartite constituency may outnumber the smallest before the dialogue is lopsided. */
export const MAX_RATIO = 2;

/**
 * The tripartite balance of a group of people, given each person's constituency.
 * Government, employers and workers must all be present, and the largest of the three may be at most twice the
 * smallest; other constituencies (park management, NGOs, academia…) are counted but do not sway the verdict.
 */
export function tripartiteBalance(constituencies: readonly Constituency[]): TripartiteBalance {
  const byConstituency = Object.fromEntries(CONSTITUENCIES.map((c) => [c, 0])) as Record<Constituency, number>;
  for (const c of constituencies) {
    if (c in byConstituency) byConstituency[c] += 1;
  }
  const missing = TRIPARTITE.filter((c) => byConstituency[c] === 0);
  if (missing.length) return { byConstituency, verdict: 'missing', missing };
  const counts = TRIPARTITE.map((c) => byConstituency[c]);
  const verdict: BalanceVerdict = Math.max(...counts) > MAX_RATIO * Math.min(...counts) ? 'unbalanced' : 'balanced';
  return { byConstituency, verdict, missing: [] };
}

export interface CountedPerson {
  role: RoundtableRole;
  attended: boolean | null;
  constituency: Constituency;
  /** Self-declared; left out or null when not stated. */
  sex?: Sex | null;
}

export interface RoundtableBalance {
  /** Everyone invited to speak: roundtable role participant or facilitator. */
  invited: TripartiteBalance;
  /** Those of them recorded as present. */
  attending: TripartiteBalance;
  /** attending's verdict once any attendance is recorded, else invited's. */
  verdict: BalanceVerdict;
  /** Women's share of the same people the verdict counts (attending once recorded, else invited). */
  gender: GenderBalance;
}

/** A roundtable's balance. Observers do not speak for a constituency, so they are not counted. */
export function roundtableBalance(people: readonly CountedPerson[]): RoundtableBalance {
  const counted = people.filter((p) => p.role !== 'observer');
  const invited = tripartiteBalance(counted.map((p) => p.constituency));
  const attending = tripartiteBalance(counted.filter((p) => p.attended === true).map((p) => p.constituency));
  const attendanceRecorded = counted.some((p) => p.attended !== null);
  const basis = attendanceRecorded ? counted.filter((p) => p.attended === true) : counted;
  return {
    invited,
    attending,
    verdict: attendanceRecorded ? attending.verdict : invited.verdict,
    gender: genderBalance(basis.map((p) => ({ constituency: p.constituency, sex: p.sex ?? null }))),
  };
}
