import { barWhole, scaleBar } from './barScale';

describe('dashboard bars to scale', () => {
  it('a bar of 47% of the commitments draws 47% of its track, not the full width', () => {
    // 47 of 100 commitments in one completion level, the rest spread over the others: the largest bar is still 47%.
    const values = [47, 30, 20, 3];
    const whole = barWhole(values);
    expect(whole).toBe(100);
    expect(scaleBar(47, whole)).toEqual({ share: 47, width: 47 });
    expect(values.map((v) => scaleBar(v, whole).width)).toEqual([47, 30, 20, 3]);
  });

  it('the widths of a tally add up to the whole track, and the label rounds what the bar draws', () => {
    const values = [1, 1, 1];
    const whole = barWhole(values);
    const widths = values.map((v) => scaleBar(v, whole).width);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(scaleBar(1, whole).share).toBe(33);
    expect(scaleBar(1, whole).width).toBeCloseTo(100 / 3, 10);
  });

  it('a total given by the caller is the whole, so bars of a part of it draw their share of it', () => {
    expect(barWhole([2, 3], 10)).toBe(10);
    expect(scaleBar(3, 10)).toEqual({ share: 30, width: 30 });
  });

  it('draws nothing for nothing, and never beyond the track', () => {
    expect(scaleBar(0, 10)).toEqual({ share: 0, width: 0 });
    expect(scaleBar(5, 0)).toEqual({ share: 0, width: 0 });
    expect(scaleBar(-1, 10)).toEqual({ share: 0, width: 0 });
    expect(scaleBar(12, 10)).toEqual({ share: 100, width: 100 });
    expect(barWhole([])).toBe(0);
  });
});
