import { layoutLineChart, linearScale, linePath, niceAxis, niceStep, pathsByKind, trajectoryValueAt, yearTicks } from './chartGeometry';
import { periodTime } from './periods';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const box = { width: 600, height: 300, top: 10, right: 20, bottom: 30, left: 50 };

describe('chart scaling', () => {
  it('maps a domain linearly onto a range, inverted for the y axis', () => {
    const y = linearScale([0, 100], [270, 10]);
    expect(y(0)).toBe(270);
    expect(y(100)).toBe(10);
    expect(y(50)).toBe(140);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });

  it('chooses round steps', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(47000, 5)).toBe(10000);
    expect(niceStep(9, 4)).toBe(2.5);
    expect(niceStep(0.7, 5)).toBe(0.2);
  });

  it('starts a positive axis at zero, covers the data and keeps percentages within 0–100', () => {
    const axis = niceAxis([37488, 61234]);
    expect(axis.min).toBe(0);
    expect(axis.max).toBeGreaterThanOrEqual(61234);
    expect(axis.ticks[0]).toBe(0);
    expect(axis.ticks[axis.ticks.length - 1]).toBe(axis.max);
    const pct = niceAxis([92.3, 99.9], { bounds: [0, 100] });
    expect(pct.max).toBe(100);
    expect(pct.ticks.every((t) => t >= 0 && t <= 100)).toBe(true);
    expect(niceAxis([]).max).toBeGreaterThan(0);
    expect(niceAxis([0.1, 0.3]).ticks).toContain(0.3);
  });

  it('labels the end of each year with that year, where its value sits, thinned when there are many', () => {
    expect(yearTicks(day('2019-06-01'), day('2022-06-01')).map((t) => t.year)).toEqual([2019, 2020, 2021]);
    const tick2020 = yearTicks(day('2019-06-01'), day('2022-06-01')).find((t) => t.year === 2020)!;
    expect(tick2020.time - periodTime('2020')!).toBe(1);
    expect(yearTicks(day('1990-06-01'), day('2030-06-01'), 8).length).toBeLessThanOrEqual(8);
  });

  it('draws a path through the points', () => {
    expect(linePath([])).toBe('');
    expect(
      linePath([
        { x: 1, y: 2 },
        { x: 3.333, y: 4 },
      ]),
    ).toBe('M1 2 L3.33 4');
  });

  it('never joins a yearly value to a monthly one', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ];
    expect(pathsByKind(pts, ['year', 'year', 'month', 'year'])).toEqual([{ kind: 'year', path: 'M0 0 L1 1 L3 3' }]);
    expect(pathsByKind(pts, ['year', 'month', 'month', 'year']).map((p) => p.kind)).toEqual(['year', 'month']);
  });
});

describe('trajectory line', () => {
  const baseline = { x: day('2020-01-01'), y: 50 };
  const target = { x: day('2025-01-01'), y: 90 };

  it('follows the straight line from baseline to target, clamped at either end', () => {
    expect(trajectoryValueAt(baseline, target, baseline.x)).toBe(50);
    expect(trajectoryValueAt(baseline, target, target.x)).toBe(90);
    expect(trajectoryValueAt(baseline, target, day('2019-01-01'))).toBe(50);
    expect(trajectoryValueAt(baseline, target, day('2030-01-01'))).toBe(90);
    const mid = baseline.x + (target.x - baseline.x) / 2;
    expect(trajectoryValueAt(baseline, target, mid)).toBeCloseTo(70, 6);
  });

  it('puts the line ends on the baseline and the target in screen space, within the plot', () => {
    const points = [
      { x: day('2021-12-31'), y: 55 },
      { x: day('2020-12-31'), y: 52 },
      { x: day('2022-12-31'), y: 60 },
    ];
    const layout = layoutLineChart({ points, trajectory: { baseline, target }, box, bounds: [0, 100] });
    const line = layout.trajectoryLine!;
    expect(line.x1).toBeCloseTo(layout.x(baseline.x));
    expect(line.y1).toBeCloseTo(layout.y(50));
    expect(line.x2).toBeCloseTo(layout.x(target.x));
    expect(line.y2).toBeCloseTo(layout.y(90));
    // The target lies after the last point: the time axis stretches to include it.
    expect(line.x2).toBeGreaterThan(layout.screenPoints[2].x);
    for (const p of [...layout.screenPoints, { x: line.x1, y: line.y1 }, { x: line.x2, y: line.y2 }]) {
      expect(p.x).toBeGreaterThanOrEqual(box.left);
      expect(p.x).toBeLessThanOrEqual(box.width - box.right);
      expect(p.y).toBeGreaterThanOrEqual(box.top);
      expect(p.y).toBeLessThanOrEqual(box.height - box.bottom);
    }
    // Points are sorted by time, and a higher value is drawn higher up.
    expect(layout.screenPoints.map((p) => p.x)).toEqual([...layout.screenPoints.map((p) => p.x)].sort((a, b) => a - b));
    expect(layout.screenPoints[2].y).toBeLessThan(layout.screenPoints[0].y);
    expect(layout.path.startsWith('M')).toBe(true);
  });

  it('a point on the line is drawn on the line', () => {
    const onLine = { x: day('2022-07-02'), y: trajectoryValueAt(baseline, target, day('2022-07-02')) };
    const layout = layoutLineChart({ points: [onLine], trajectory: { baseline, target }, box });
    const { x1, y1, x2, y2 } = layout.trajectoryLine!;
    const p = layout.screenPoints[0];
    const yOnLine = y1 + ((p.x - x1) / (x2 - x1)) * (y2 - y1);
    expect(p.y).toBeCloseTo(yOnLine, 6);
  });

  it('lays out a series without a commitment', () => {
    const layout = layoutLineChart({ points: [{ x: day('2020-12-31'), y: 3 }], box });
    expect(layout.trajectoryLine).toBeNull();
    expect(layout.screenPoints).toHaveLength(1);
  });
});
