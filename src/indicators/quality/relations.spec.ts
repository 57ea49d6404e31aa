import { RELATION_MESSAGES, relationsApply, relationWarnings } from './relations';

describe('relation rules between values by sex', () => {
  it('applies to counts broken down by sex with the check on', () => {
    expect(relationsApply({ checkRelations: true, aggregation: 'sum', disaggregations: ['sex'] })).toBe(true);
    expect(relationsApply({ checkRelations: false, aggregation: 'sum', disaggregations: ['sex'] })).toBe(false);
    expect(relationsApply({ checkRelations: true, aggregation: 'weighted_mean', disaggregations: ['sex'] })).toBe(false);
    expect(relationsApply({ checkRelations: true, aggregation: 'sum', disaggregations: [] })).toBe(false);
  });

  it('flags women above all workers, naming the range', () => {
    expect(relationWarnings('sex=female', { total: 100, female: 120 })).toEqual([
      { message: RELATION_MESSAGES.partAboveTotal, expected: { min: 0, max: 100 } },
    ]);
  });

  it('flags a total below one of its parts', () => {
    expect(relationWarnings('', { total: 100, male: 130 })).toEqual([{ message: RELATION_MESSAGES.partAboveTotal, expected: { min: 130, max: null } }]);
  });

  it('flags women + men ≠ total when all three are reported', () => {
    expect(relationWarnings('sex=male', { total: 100, female: 40, male: 50 })).toEqual([{ message: RELATION_MESSAGES.sum, expected: { min: 60, max: 60 } }]);
    expect(relationWarnings('', { total: 100, female: 40, male: 50 })).toEqual([{ message: RELATION_MESSAGES.sum, expected: { min: 90, max: 90 } }]);
  });

  it('finds nothing when the parts add up', () => {
    expect(relationWarnings('', { total: 90, female: 40, male: 50 })).toEqual([]);
    expect(relationWarnings('sex=female', { total: 90, female: 40, male: 50 })).toEqual([]);
  });

  describe('with missing parts', () => {
    it('needs the total for any relation', () => {
      expect(relationWarnings('sex=female', { female: 500, male: 10 })).toEqual([]);
    });
    it('checks a part against the total without the other part, and no sum', () => {
      expect(relationWarnings('sex=female', { total: 100, female: 60 })).toEqual([]);
      expect(relationWarnings('sex=female', { total: 100, female: 160 })).toHaveLength(1);
    });
    it('has nothing to say about a total alone', () => expect(relationWarnings('', { total: 100 })).toEqual([]));
    it('has nothing to say about a part that is not reported', () => expect(relationWarnings('sex=male', { total: 100, female: 40 })).toEqual([]));
  });
});
