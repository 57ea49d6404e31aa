import { trajectoryOf, worstTrajectory, type TrajectoryInput } from './trajectory';

// Baseline 2020-01-01 → target 2025-01-01 (1827 days); mid-2022-07-02 is almost exactly half way.
const rise: Omit<TrajectoryInput, 'latest' | 'today'> = {
  direction: 'higher',
  baseline: { value: 100, date: '2020-01-01' },
  target: { value: 200, date: '2025-01-01' },
};
const fall: Omit<TrajectoryInput, 'latest' | 'today'> = {
  direction: 'lower',
  baseline: { value: 50, date: '2020-01-01' },
  target: { value: 10, date: '2025-01-01' },
};
const halfWay = '2022-07-02';

describe('trajectoryOf', () => {
  describe('higher is better', () => {
    it.each([
      [150, 'on_track'], // exactly on the line
      [146, 'on_track'], // 92% of the expected progress
      [140, 'at_risk'], // 80%
      [131, 'at_risk'], // 62%
      [120, 'off_track'], // 40%
      [90, 'off_track'], // went backwards
    ])('half way with %d reached → %s', (value, trajectory) => {
      expect(trajectoryOf({ ...rise, latest: { value, date: halfWay }, today: '2022-08-01' }).trajectory).toBe(trajectory);
    });

    it('says where the indicator should be at the observation date, and the ratio', () => {
      const result = trajectoryOf({ ...rise, latest: { value: 140, date: halfWay }, today: '2022-08-01' });
      expect(result.expected).toBeCloseTo(150, 0);
      expect(result.ratio).toBeCloseTo(0.8, 2);
    });

    it('is ahead of the line → on track', () => {
      expect(trajectoryOf({ ...rise, latest: { value: 190, date: halfWay }, today: '2022-08-01' }).trajectory).toBe('on_track');
    });
  });

  describe('lower is better', () => {
    it.each([
      [30, 'on_track'], // half of the 40-point fall, half way
      [34, 'at_risk'], // 16 of 20 expected: 80%
      [40, 'off_track'], // 10 of 20: 50%
      [60, 'off_track'], // rose instead
    ])('half way at %d → %s', (value, trajectory) => {
      expect(trajectoryOf({ ...fall, latest: { value, date: halfWay }, today: '2022-08-01' }).trajectory).toBe(trajectory);
    });
  });

  it('has no data before the baseline date', () => {
    expect(trajectoryOf({ ...rise, latest: { value: 150, date: halfWay }, today: '2019-12-31' })).toEqual({
      trajectory: 'no_data',
      expected: null,
      ratio: null,
    });
  });

  it('has no data without a verified observation after the baseline', () => {
    expect(trajectoryOf({ ...rise, latest: null, today: '2022-08-01' }).trajectory).toBe('no_data');
    expect(trajectoryOf({ ...rise, latest: { value: 300, date: '2020-01-01' }, today: '2022-08-01' }).trajectory).toBe('no_data');
  });

  it('past the target date judges against the target itself', () => {
    // 150 was on the line half way, but the deadline has passed: 50 of 100 → off track.
    const late = trajectoryOf({ ...rise, latest: { value: 150, date: halfWay }, today: '2025-06-01' });
    expect(late).toMatchObject({ trajectory: 'off_track', expected: 200, ratio: 0.5 });
    expect(trajectoryOf({ ...rise, latest: { value: 192, date: '2025-03-31' }, today: '2025-06-01' }).trajectory).toBe('on_track');
    expect(trajectoryOf({ ...fall, latest: { value: 12, date: '2024-12-31' }, today: '2026-01-01' }).trajectory).toBe('on_track');
  });

  it('an observation after the target date is measured against the target even before today passes it', () => {
    const result = trajectoryOf({ ...rise, latest: { value: 170, date: '2025-03-31' }, today: '2025-01-01' });
    expect(result.expected).toBe(200);
    expect(result.trajectory).toBe('at_risk');
  });

  it('a roll-up judged on its latest complete month is measured against the line at the end of that month', () => {
    // Eight parks: June's total (all eight) is on the line; July's (one park so far) would read as a collapse.
    const monthly = { direction: 'higher' as const, baseline: { value: 8000, date: '2023-12-31' }, target: { value: 9200, date: '2025-12-31' } };
    const june = trajectoryOf({ ...monthly, latest: { value: 8300, date: '2024-06-30' }, today: '2024-08-05' });
    expect(june.trajectory).toBe('on_track');
    expect(june.expected).toBeCloseTo(8298.8, 1);
    expect(trajectoryOf({ ...monthly, latest: { value: 1050, date: '2024-07-31' }, today: '2024-08-05' }).trajectory).toBe('off_track');
  });

  it('holding the line: not falling back is on track', () => {
    const hold = { direction: 'higher' as const, baseline: { value: 100, date: '2020-01-01' }, target: { value: 100, date: '2025-01-01' } };
    expect(trajectoryOf({ ...hold, latest: { value: 100, date: halfWay }, today: '2022-08-01' }).trajectory).toBe('on_track');
    expect(trajectoryOf({ ...hold, latest: { value: 99, date: halfWay }, today: '2022-08-01' }).trajectory).toBe('off_track');
  });
});

describe('worstTrajectory', () => {
  it('ranks off_track, at_risk, no_data, on_track', () => {
    expect(worstTrajectory(['on_track', 'off_track', 'at_risk'])).toBe('off_track');
    expect(worstTrajectory(['on_track', 'at_risk'])).toBe('at_risk');
    expect(worstTrajectory(['on_track', 'no_data'])).toBe('no_data');
    expect(worstTrajectory(['on_track'])).toBe('on_track');
    expect(worstTrajectory([])).toBeNull();
  });
});
