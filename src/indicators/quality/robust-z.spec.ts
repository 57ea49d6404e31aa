import { median, MIN_HISTORY, MIN_PEERS, robustOutlier, robustSpread } from './robust-z';

describe('robust z-score', () => {
  const history = [100, 104, 98, 101, 103, 99];

  it('takes the median of an odd and an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('scales by the median absolute deviation', () => {
    // median 100.5; deviations 0.5,3.5,2.5,0.5,2.5,1.5 → MAD 2
    expect(robustSpread(history)).toEqual({ median: 100.5, scale: 2 / 0.6745 });
  });

  it('flags a tenfold jump and gives the expected range', () => {
    const found = robustOutlier(1000, history, 3.5, MIN_HISTORY);
    expect(found).not.toBeNull();
    expect(found!.z).toBeGreaterThan(3.5);
    expect(found!.expected.min).toBeCloseTo(100.5 - (3.5 * 2) / 0.6745, 3);
    expect(found!.expected.max).toBeCloseTo(100.5 + (3.5 * 2) / 0.6745, 3);
  });

  it('flags a drop as well as a jump', () => expect(robustOutlier(10, history, 3.5, MIN_HISTORY)!.z).toBeLessThan(-3.5));

  it('lets a value within the threshold in without a warning', () => {
    expect(robustOutlier(105, history, 3.5, MIN_HISTORY)).toBeNull();
    // just inside the threshold is still fine, just outside is not
    const edge = 100.5 + (3.5 * 2) / 0.6745;
    expect(robustOutlier(edge - 1e-6, history, 3.5, MIN_HISTORY)).toBeNull();
    expect(robustOutlier(edge + 1e-6, history, 3.5, MIN_HISTORY)).not.toBeNull();
  });

  it('says nothing with fewer than four earlier values', () => {
    expect(MIN_HISTORY).toBe(4);
    expect(robustOutlier(1000, [100, 101, 99], 3.5, MIN_HISTORY)).toBeNull();
    expect(robustOutlier(1000, [], 3.5, MIN_HISTORY)).toBeNull();
    expect(robustOutlier(1000, [100, 101, 99, 100], 3.5, MIN_HISTORY)).not.toBeNull();
  });

  it('needs five parks for a peer comparison', () => {
    expect(robustOutlier(900, [100, 110, 90, 900], 3.5, MIN_PEERS)).toBeNull();
    expect(robustOutlier(900, [100, 110, 90, 105, 900], 3.5, MIN_PEERS)).not.toBeNull();
  });

  it('is not swayed by one earlier outlier (the mean and standard deviation would be)', () => {
    expect(robustOutlier(1000, [100, 102, 98, 101, 5000], 3.5, MIN_HISTORY)).not.toBeNull();
  });

  it('falls back to the mean absolute deviation when most earlier values are equal', () => {
    // MAD is 0 (four of five equal); the mean absolute deviation (2/5 × 1.2533) still measures the spread
    const found = robustOutlier(110, [100, 100, 100, 100, 102], 3.5, MIN_HISTORY);
    expect(found).not.toBeNull();
    expect(robustOutlier(100.5, [100, 100, 100, 100, 102], 3.5, MIN_HISTORY)).toBeNull();
  });

  it('says nothing when every earlier value is the same (no spread to measure by)', () => {
    expect(robustOutlier(500, [100, 100, 100, 100], 3.5, MIN_HISTORY)).toBeNull();
  });
});
