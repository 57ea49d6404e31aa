import { TRIPARTITE, VOTE_ANSWERS, type Constituency, type VoteKind } from '@shared/enums';

/**
 * Pure helpers for the votes panel and the speaker queue: what the live tally says per group, and how times read.
 * The server decides the outcome (src/votes/vote-rules.ts); these only describe the tally it sends, for the screen.
 */

/** The tally of one group as the API sends it: voters and votes per answer (empty while hidden). */
export interface GroupCounts {
  voters: number;
  counts: Record<string, number>;
}

/** How a vote's options read: the fixed answers of yes/no/abstain and consent, or the options' keys. */
export function answerKeys(kind: VoteKind, options: readonly { key: string }[] = []): string[] {
  return kind === 'choice' ? options.map((o) => o.key) : [...VOTE_ANSWERS[kind]];
}

const SUPPORT: Record<Exclude<VoteKind, 'choice'>, string[]> = { yes_no_abstain: ['yes'], consent: ['agree'] };
const AGAINST: Record<Exclude<VoteKind, 'choice'>, string[]> = { yes_no_abstain: ['no'], consent: ['disagree', 'block'] };

/**
 * Where a group stands now: `majority` when more voted for than against (abstentions count for neither side),
 * `tie`, `against` when the majority is missing because more voted against, `none` when nobody has voted for or against.
 * For a choice vote: `majority` when one option has more than half of the group's voters.
 */
export type Standing = 'majority' | 'tie' | 'against' | 'none';

export interface GroupStanding {
  standing: Standing;
  support: number;
  against: number;
  abstain: number;
}

const sum = (counts: Record<string, number>, keys: readonly string[]) => keys.reduce((n, k) => n + (counts[k] ?? 0), 0);

export function groupStanding(kind: VoteKind, group: GroupCounts): GroupStanding {
  if (kind === 'choice') {
    const best = Math.max(0, ...Object.values(group.counts));
    const standing: Standing = group.voters === 0 ? 'none' : best * 2 > group.voters ? 'majority' : 'against';
    return { standing, support: best, against: group.voters - best, abstain: 0 };
  }
  const support = sum(group.counts, SUPPORT[kind]);
  const against = sum(group.counts, AGAINST[kind]);
  const abstain = sum(group.counts, ['abstain']);
  const standing: Standing = support > against ? 'majority' : support === 0 && against === 0 ? 'none' : support === against ? 'tie' : 'against';
  return { standing, support, against, abstain };
}

/** The tripartite groups whose majority is missing right now (tied, against, or nobody for): what the panel warns about. */
export function groupsLackingMajority(kind: VoteKind, byConstituency: readonly ({ constituency: Constituency } & GroupCounts)[]): Constituency[] {
  return TRIPARTITE.filter((c) => {
    const group = byConstituency.find((g) => g.constituency === c);
    return !group || groupStanding(kind, group).standing !== 'majority';
  });
}

/** A share 0–1 as a whole percentage ("27%"), or null for no share. */
export function percent(share: number | null | undefined): string | null {
  if (share === null || share === undefined || Number.isNaN(share)) return null;
  return `${Math.round(share * 100)}%`;
}

/** Seconds as a clock: "0:07", "4:05", "1:02:03". Negative values read as 0:00. */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The running time of a turn at `now` (ms), and what is left of its limit (null: no limit). */
export function turnTimer(
  turn: { startedAt: string | null; limitSeconds: number | null },
  now: number,
): { elapsed: number; left: number | null; over: boolean } {
  const started = turn.startedAt ? Date.parse(turn.startedAt) : now;
  const elapsed = Math.max(0, Math.floor((now - started) / 1000));
  const left = turn.limitSeconds === null ? null : turn.limitSeconds - elapsed;
  return { elapsed, left, over: left !== null && left <= 0 };
}
