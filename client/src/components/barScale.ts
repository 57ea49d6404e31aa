/**
 * The scale of the dashboard's bars. A bar says "n · s%", s being its share of all the commitments counted; it draws
 * that same share of its track. (It used to draw its count against the largest bar, so that the largest of the four
 * completion levels — 47% of the commitments — filled the whole track and read as all of them.)
 */
export interface ScaledBar {
  /** Share of the whole, in percent, rounded for the label. */
  share: number;
  /** Width of the bar in percent of its track (unrounded, 0–100). */
  width: number;
}

export function scaleBar(value: number, whole: number): ScaledBar {
  if (!(whole > 0) || !(value > 0)) return { share: 0, width: 0 };
  const exact = Math.min(100, (value / whole) * 100);
  return { share: Math.round(exact), width: exact };
}

/** The whole the bars are shares of: a total given by the caller, else the sum of the bars. */
export function barWhole(values: readonly number[], total?: number): number {
  return total ?? values.reduce((s, v) => s + (v > 0 ? v : 0), 0);
}
