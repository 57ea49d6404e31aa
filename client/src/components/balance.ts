import type { BalanceVerdict, RoundtableBalance, TripartiteBalance } from '@shared/balance';
import { CONSTITUENCIES, TRIPARTITE, type Constituency } from '@shared/enums';

/** One row of a balance chart: a constituency with its count (and, for roundtables, how many attend). */
export interface BalanceRow {
  constituency: Constituency;
  /** Invited (roundtables) or members (working groups). */
  count: number;
  /** Recorded as present (roundtables only). */
  attending?: number;
  /** Government, employers or workers: the three that must be present and balanced. */
  tripartite: boolean;
  /** A tripartite constituency with nobody. */
  missing: boolean;
}

const isRoundtableBalance = (b: RoundtableBalance | TripartiteBalance): b is RoundtableBalance => 'invited' in b;

/**
 * The rows to chart: the three constituents always (an empty bar is the point when one is missing), then the other
 * constituencies that have anyone, in the directory's order.
 */
export function balanceRows(balance: RoundtableBalance | TripartiteBalance): BalanceRow[] {
  const main = isRoundtableBalance(balance) ? balance.invited : balance;
  const attending = isRoundtableBalance(balance) ? balance.attending : null;
  return CONSTITUENCIES.filter((c) => TRIPARTITE.includes(c) || main.byConstituency[c] > 0 || (attending?.byConstituency[c] ?? 0) > 0).map((constituency) => {
    const tripartite = TRIPARTITE.includes(constituency);
    const count = main.byConstituency[constituency] ?? 0;
    return {
      constituency,
      count,
      ...(attending ? { attending: attending.byConstituency[constituency] ?? 0 } : {}),
      tripartite,
      missing: tripartite && count === 0,
    };
  });
}

/** The top of the chart's scale: the largest count, at least 1 so that empty charts still draw. */
export function balanceScaleMax(rows: readonly BalanceRow[]): number {
  return Math.max(1, ...rows.map((r) => Math.max(r.count, r.attending ?? 0)));
}

export interface BalanceProblem {
  verdict: BalanceVerdict;
  /** Which count the verdict is about: people invited, or those attending once attendance is recorded. */
  basis: 'invited' | 'attending' | 'members';
  /** The constituents with nobody (verdict missing). */
  missing: Constituency[];
  /** For an unbalanced group: the largest and smallest of the three constituents, with their counts. */
  largest?: { constituency: Constituency; count: number };
  smallest?: { constituency: Constituency; count: number };
}

/**
 * What a facilitator needs to hear about the balance, or null when it is balanced. For a roundtable the attending
 * count decides once attendance is recorded (as the server's verdict does), otherwise the invited count.
 */
export function balanceProblem(balance: RoundtableBalance | TripartiteBalance, attendanceRecorded = false): BalanceProblem | null {
  const basis = isRoundtableBalance(balance) ? (attendanceRecorded ? 'attending' : 'invited') : 'members';
  const series = isRoundtableBalance(balance) ? (attendanceRecorded ? balance.attending : balance.invited) : balance;
  if (series.verdict === 'balanced') return null;
  if (series.verdict === 'missing') {
    const missing = series.missing.length ? series.missing : TRIPARTITE.filter((c) => series.byConstituency[c] === 0);
    return { verdict: 'missing', basis, missing };
  }
  const counts = TRIPARTITE.map((constituency) => ({ constituency, count: series.byConstituency[constituency] }));
  const largest = counts.reduce((a, b) => (b.count > a.count ? b : a));
  const smallest = counts.reduce((a, b) => (b.count < a.count ? b : a));
  return { verdict: 'unbalanced', basis, missing: [], largest, smallest };
}
