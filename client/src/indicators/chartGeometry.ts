/** The arithmetic of the hand-made line chart: scales, ticks, the series path and the baseline→target line. */

export interface XY {
  x: number;
  y: number;
}

export interface Box {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export type Scale = (value: number) => number;

/** A linear map from [d0, d1] to [r0, r1]; a domain of one value maps to the middle of the range. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** 1, 2, 2.5 or 5 times a power of ten: the step a reader can add up in their head. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

export interface NiceAxis {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A value axis covering [min, max] with round ticks. Values of 0 or more start the axis at 0 (a bar of employment
 * that starts at 37 000 exaggerates change); `bounds` caps it where the unit does (a percentage stops at 100).
 */
export function niceAxis(values: readonly number[], options: { count?: number; zero?: boolean; bounds?: [number, number] } = {}): NiceAxis {
  const { count = 5, zero = true, bounds } = options;
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (zero && lo >= 0) lo = 0;
  if (hi === lo) hi = lo === 0 ? 1 : lo + Math.abs(lo) * 0.1;
  const step = niceStep(hi - lo, count);
  let min = Math.floor(lo / step) * step;
  let max = Math.ceil(hi / step) * step;
  if (bounds) {
    min = Math.max(bounds[0], min);
    max = Math.min(bounds[1], max);
    if (max <= min) max = bounds[1];
  }
  const ticks: number[] = [];
  // Rounded to the step's precision so 0.1 + 0.2 shows as 0.3.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let v = min; v <= max + step / 1e6; v += step) ticks.push(Number(v.toFixed(digits)));
  if (ticks[ticks.length - 1] < max) ticks.push(max);
  return { min, max, step, ticks };
}

/**
 * Year ends (the 1 January that follows, UTC) between two times, each labelled with the year it closes: values sit at
 * the end of their period (periods.ts), so a year's value stands on its own year's tick, not on the next one's.
 * Thinned so at most `max` labels show.
 */
export function yearTicks(from: number, to: number, max = 8): { time: number; year: number }[] {
  const first = new Date(from).getUTCFullYear();
  const last = new Date(to).getUTCFullYear();
  const all: { time: number; year: number }[] = [];
  for (let y = first; y <= last + 1; y++) {
    const time = Date.UTC(y, 0, 1);
    if (time >= from && time <= to) all.push({ time, year: y - 1 });
  }
  if (all.length <= max) return all;
  const every = Math.ceil(all.length / max);
  return all.filter((t) => (t.year - all[0].year) % every === 0);
}

/** An SVG path through the points in order ("M x y L x y …"); empty with no points. */
export function linePath(points: readonly XY[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ');
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The value the straight baseline→target line gives at `time`, the share of elapsed time clamped to [0, 1]
 * (before the baseline it is the baseline, after the target the target) — the server's "expected".
 */
export function trajectoryValueAt(baseline: XY, target: XY, time: number): number {
  const span = target.x - baseline.x;
  const share = span <= 0 ? 1 : Math.min(1, Math.max(0, (time - baseline.x) / span));
  return baseline.y + (target.y - baseline.y) * share;
}

export interface ChartLayoutInput {
  /** x: time in ms, y: value. */
  points: readonly XY[];
  /** Baseline and target of a commitment, drawn as a straight dashed line. */
  trajectory?: { baseline: XY; target: XY } | null;
  box: Box;
  /** Where the unit caps values, e.g. [0, 100] for a percentage. */
  bounds?: [number, number];
}

export interface ChartLayout {
  x: Scale;
  y: Scale;
  /** Time range shown (with a little room before the first and after the last point). */
  xDomain: [number, number];
  yAxis: NiceAxis;
  xTicks: { time: number; year: number }[];
  /** The points in screen coordinates, in time order. */
  screenPoints: XY[];
  path: string;
  /** The baseline→target line in screen coordinates. */
  trajectoryLine: { x1: number; y1: number; x2: number; y2: number } | null;
}

const HALF_YEAR = 182 * 86_400_000;

/** Lays out a time series with an optional baseline→target line in the plot area of `box`. */
export function layoutLineChart({ points, trajectory, box, bounds }: ChartLayoutInput): ChartLayout {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const times = [...sorted.map((p) => p.x), ...(trajectory ? [trajectory.baseline.x, trajectory.target.x] : [])];
  const values = [...sorted.map((p) => p.y), ...(trajectory ? [trajectory.baseline.y, trajectory.target.y] : [])];
  const now = Date.now();
  let x0 = times.length ? Math.min(...times) : now - 2 * HALF_YEAR;
  let x1 = times.length ? Math.max(...times) : now;
  // A little room at either end so the first and last points are not cut by the frame.
  const pad = Math.max((x1 - x0) * 0.03, 15 * 86_400_000);
  x0 -= pad;
  x1 += pad;
  const yAxis = niceAxis(values, { bounds });
  const plotLeft = box.left;
  const plotRight = box.width - box.right;
  const plotTop = box.top;
  const plotBottom = box.height - box.bottom;
  const x = linearScale([x0, x1], [plotLeft, plotRight]);
  const y = linearScale([yAxis.min, yAxis.max], [plotBottom, plotTop]);
  const screenPoints = sorted.map((p) => ({ x: x(p.x), y: y(p.y) }));
  return {
    x,
    y,
    xDomain: [x0, x1],
    yAxis,
    xTicks: yearTicks(x0, x1, Math.max(2, Math.floor((plotRight - plotLeft) / 56))),
    screenPoints,
    path: linePath(screenPoints),
    trajectoryLine: trajectory ? { x1: x(trajectory.baseline.x), y1: y(trajectory.baseline.y), x2: x(trajectory.target.x), y2: y(trajectory.target.y) } : null,
  };
}

/**
 * One path per kind of period: a yearly series and a few monthly values of the same scope are different measures
 * of time, and a line from a year's total to one month's value would read as a collapse.
 */
export function pathsByKind<K extends string>(points: readonly XY[], kinds: readonly K[]): { kind: K; path: string }[] {
  const groups = new Map<K, XY[]>();
  points.forEach((p, i) => groups.set(kinds[i], [...(groups.get(kinds[i]) ?? []), p]));
  return [...groups.entries()].filter(([, pts]) => pts.length > 1).map(([kind, pts]) => ({ kind, path: linePath(pts) }));
}
