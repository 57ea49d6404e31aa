import { aggregate, tidy } from './aggregation';

describe('aggregate (park values rolled up to a city or province)', () => {
  it('sum adds the parks', () => {
    expect(aggregate('sum', [{ value: 120 }, { value: 80 }, { value: 0 }])).toEqual({ value: 200, weighted: false });
  });

  it('mean is the plain average', () => {
    expect(aggregate('mean', [{ value: 2 }, { value: 4 }, { value: 6 }])).toEqual({ value: 4, weighted: false });
  });

  it('weighted_mean weights each park by its employment', () => {
    // 10% of 1000 workers and 50% of 3000 workers: 1600 of 4000 = 40%, not the plain 30%.
    expect(aggregate('weighted_mean', [{ value: 10, weight: 1000 }, { value: 50, weight: 3000 }])).toEqual({ value: 40, weighted: true });
  });

  it('weighted_mean falls back to the plain mean when a park has no employment reported', () => {
    expect(aggregate('weighted_mean', [{ value: 10, weight: 1000 }, { value: 50, weight: null }])).toEqual({ value: 30, weighted: false });
    expect(aggregate('weighted_mean', [{ value: 10, weight: 0 }, { value: 50 }])).toEqual({ value: 30, weighted: false });
  });

  it('share_true is the percentage of parks answering 1', () => {
    expect(aggregate('share_true', [{ value: 1 }, { value: 0 }, { value: 1 }, { value: 1 }])).toEqual({ value: 75, weighted: false });
    expect(aggregate('share_true', [{ value: 0 }])).toEqual({ value: 0, weighted: false });
  });

  it('has nothing to say about no parks', () => {
    expect(aggregate('sum', [])).toBeNull();
  });

  it('tidy rounds away floating-point noise', () => {
    expect(tidy(0.1 + 0.2)).toBe(0.3);
  });
});
