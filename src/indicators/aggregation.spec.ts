import { aggregate, tidy } from './aggregation';

const complete = (parks: number) => ({ parkCount: parks, expectedParkCount: parks, partial: false });

describe('aggregate (park values rolled up to a city or province)', () => {
  it('sum adds the parks', () => {
    expect(aggregate('sum', [{ value: 120 }, { value: 80 }, { value: 0 }], 3)).toEqual({ value: 200, weighted: false, ...complete(3) });
  });

  it('mean is the plain average', () => {
    expect(aggregate('mean', [{ value: 2 }, { value: 4 }, { value: 6 }], 3)).toEqual({ value: 4, weighted: false, ...complete(3) });
  });

  it('weighted_mean weights each park by its employment', () => {
    // 10% of 1000 workers and 50% of 3000 workers: 1600 of 4000 = 40%, not the plain 30%.
    expect(
      aggregate(
        'weighted_mean',
        [
          { value: 10, weight: 1000 },
          { value: 50, weight: 3000 },
        ],
        2,
      ),
    ).toEqual({ value: 40, weighted: true, ...complete(2) });
  });

  it('weighted_mean falls back to the plain mean when a park has no employment reported', () => {
    expect(
      aggregate(
        'weighted_mean',
        [
          { value: 10, weight: 1000 },
          { value: 50, weight: null },
        ],
        2,
      ),
    ).toMatchObject({ value: 30, weighted: false });
    expect(aggregate('weighted_mean', [{ value: 10, weight: 0 }, { value: 50 }], 2)).toMatchObject({ value: 30, weighted: false });
  });

  it('share_true is the percentage of parks answering 1', () => {
    expect(aggregate('share_true', [{ value: 1 }, { value: 0 }, { value: 1 }, { value: 1 }], 4)).toEqual({ value: 75, weighted: false, ...complete(4) });
    expect(aggregate('share_true', [{ value: 0 }], 1)).toMatchObject({ value: 0 });
  });

  it('has nothing to say about no parks', () => {
    expect(aggregate('sum', [], 8)).toBeNull();
  });

  describe('coverage: how many of the scope’s parks reported', () => {
    it('sum is partial when any park is missing: the total would be short of its value', () => {
      expect(aggregate('sum', [{ value: 120 }], 8)).toEqual({ value: 120, weighted: false, parkCount: 1, expectedParkCount: 8, partial: true });
      expect(
        aggregate(
          'sum',
          Array.from({ length: 7 }, () => ({ value: 10 })),
          8,
        ),
      ).toMatchObject({ value: 70, parkCount: 7, partial: true });
      expect(
        aggregate(
          'sum',
          Array.from({ length: 8 }, () => ({ value: 10 })),
          8,
        ),
      ).toMatchObject({ value: 80, parkCount: 8, partial: false });
    });

    it('mean says its coverage and is partial only below half of the parks', () => {
      expect(aggregate('mean', [{ value: 2 }, { value: 4 }, { value: 6 }], 4)).toMatchObject({ value: 4, parkCount: 3, expectedParkCount: 4, partial: false });
      expect(aggregate('mean', [{ value: 2 }, { value: 4 }], 4)).toMatchObject({ parkCount: 2, partial: false });
      expect(aggregate('mean', [{ value: 2 }], 4)).toMatchObject({ value: 2, parkCount: 1, expectedParkCount: 4, partial: true });
      // Half of three parks is 1.5: one park is too few, two are enough.
      expect(aggregate('mean', [{ value: 2 }], 3)).toMatchObject({ partial: true });
      expect(aggregate('mean', [{ value: 2 }, { value: 4 }], 3)).toMatchObject({ partial: false });
    });

    it('weighted_mean, weighted or not, follows the same half-of-the-parks rule', () => {
      expect(
        aggregate(
          'weighted_mean',
          [
            { value: 10, weight: 1000 },
            { value: 50, weight: 3000 },
          ],
          3,
        ),
      ).toMatchObject({
        value: 40,
        weighted: true,
        parkCount: 2,
        expectedParkCount: 3,
        partial: false,
      });
      expect(aggregate('weighted_mean', [{ value: 10, weight: 1000 }], 3)).toMatchObject({ value: 10, weighted: true, partial: true });
      expect(aggregate('weighted_mean', [{ value: 10 }, { value: 50 }], 5)).toMatchObject({ value: 30, weighted: false, partial: true });
    });

    it('share_true is a share of the parks that answered, partial below half of the parks', () => {
      expect(aggregate('share_true', [{ value: 1 }, { value: 0 }, { value: 1 }, { value: 1 }], 8)).toMatchObject({
        value: 75,
        parkCount: 4,
        expectedParkCount: 8,
        partial: false,
      });
      expect(aggregate('share_true', [{ value: 1 }, { value: 1 }, { value: 1 }], 8)).toMatchObject({ value: 100, parkCount: 3, partial: true });
    });
  });

  it('tidy rounds away floating-point noise', () => {
    expect(tidy(0.1 + 0.2)).toBe(0.3);
  });
});
