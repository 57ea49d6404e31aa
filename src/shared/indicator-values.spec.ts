import { unitBounds, valueFits } from './indicator-values';

describe('unit rules', () => {
  it('checks a value against its unit', () => {
    expect(valueFits('percent', 100)).toBe(true);
    expect(valueFits('percent', 100.1)).toBe(false);
    expect(valueFits('persons', 10.5)).toBe(false);
    expect(valueFits('boolean', 1)).toBe(true);
    expect(valueFits('boolean', 0.5)).toBe(false);
    expect(valueFits('score_0_6', 6.5)).toBe(false);
  });

  it('gives a chart the natural bounds of a unit', () => {
    expect(unitBounds('percent')).toEqual([0, 100]);
    expect(unitBounds('score_0_6')).toEqual([0, 6]);
    expect(unitBounds('persons')).toBeUndefined();
  });
});
