import type { Direction } from './catalogue';
import { TRAJECTORIES, type Trajectory } from '../shared/enums';

export { TRAJECTORIES, type Trajectory };

/**
 * How a linked indicator is doing against its commitment.
 *
 * The straight line from the baseline (value, date) to the target (value, date) says where the indicator should
 * be: expected = baseline + (target − baseline) × s, where s is the elapsed share of the baseline→target time at
 * the date of the latest verified observation (the last day of its period), clamped to [0, 1]. Once today is past
 * the target date, s = 1: the commitment is judged against the target itself.
 *
 * ratio = achieved progress / expected progress, both measured from the baseline in the indicator's direction
 * (for "lower is better" a fall is progress):
 *   ratio ≥ 0.9 → on_track; ratio ≥ 0.6 → at_risk; otherwise → off_track.
 * When no progress is expected (a target equal to the baseline: "hold the line"), not falling back is on_track
 * and falling back is off_track.
 * Before the baseline date, or with no verified observation for a period ending after the baseline date → no_data.
 *
 * A city or province without values of its own is judged on its parks' values rolled up, for the latest period with
 * the coverage its rule needs (COVERAGE_NEEDED in aggregation.ts: every park for a sum, half of them for a mean or a
 * share): a month only some parks have reported yet is not its latest value. With no such period → no_data.
 */
export const TRAJECTORY_THRESHOLDS = { onTrack: 0.9, atRisk: 0.6 } as const;

export interface TrajectoryInput {
  direction: Direction;
  baseline: { value: number; date: string };
  target: { value: number; date: string };
  /** The latest verified observation (for a roll-up, the latest that is not partial); `date` is the last day of its period (YYYY-MM-DD). */
  latest: { value: number; date: string } | null;
  /** YYYY-MM-DD */
  today: string;
}

export interface TrajectoryResult {
  trajectory: Trajectory;
  /** Where the straight line says the indicator should be at the latest observation (null with no data). */
  expected: number | null;
  /** Achieved progress over expected progress (null with no data). */
  ratio: number | null;
}

const days = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

export function trajectoryOf(input: TrajectoryInput): TrajectoryResult {
  const { direction, baseline, target, latest, today } = input;
  if (today < baseline.date || !latest || latest.date <= baseline.date) return { trajectory: 'no_data', expected: null, ratio: null };
  const span = days(target.date) - days(baseline.date);
  const share = today >= target.date || span <= 0 ? 1 : clamp((days(latest.date) - days(baseline.date)) / span);
  const expected = baseline.value + (target.value - baseline.value) * share;
  const sign = direction === 'higher' ? 1 : -1;
  const expectedProgress = sign * (expected - baseline.value);
  const achieved = sign * (latest.value - baseline.value);
  const ratio = expectedProgress > 0 ? achieved / expectedProgress : achieved >= 0 ? 1 : 0;
  const trajectory: Trajectory = ratio >= TRAJECTORY_THRESHOLDS.onTrack ? 'on_track' : ratio >= TRAJECTORY_THRESHOLDS.atRisk ? 'at_risk' : 'off_track';
  return { trajectory, expected: Math.round(expected * 1e6) / 1e6, ratio: Math.round(ratio * 1000) / 1000 };
}

/** How much a trajectory calls for attention: off_track first, then at_risk, then no_data, then on_track. */
const SEVERITY: Record<Trajectory, number> = { on_track: 0, no_data: 1, at_risk: 2, off_track: 3 };

/** The trajectory that needs most attention among several (null when there are none). */
export function worstTrajectory(trajectories: Trajectory[]): Trajectory | null {
  return trajectories.reduce<Trajectory | null>((worst, t) => (worst === null || SEVERITY[t] > SEVERITY[worst] ? t : worst), null);
}
