import { canonicalDisaggregation, disaggregationProblem } from './disaggregation';

describe('disaggregation', () => {
  it('canonicalises: trimmed, lower-case, pairs sorted by key', () => {
    expect(canonicalDisaggregation(' Sex = Female ')).toBe('sex=female');
    expect(canonicalDisaggregation('sex=male;age_group=15_24')).toBe('age_group=15_24;sex=male');
    expect(canonicalDisaggregation('')).toBe('');
    expect(canonicalDisaggregation(undefined)).toBe('');
    expect(canonicalDisaggregation('female')).toBe('female');
  });

  it('accepts the total and the pairs the indicator allows', () => {
    expect(disaggregationProblem('', ['sex'], 'GJ.GREEN_JOBS')).toBeNull();
    expect(disaggregationProblem('sex=female', ['sex'], 'GJ.GREEN_JOBS')).toBeNull();
  });

  it('refuses other keys and values, naming the field and what is allowed', () => {
    expect(disaggregationProblem('sex=other', ['sex'], 'GJ.GREEN_JOBS')).toBe(
      'disaggregation sex=other is not allowed for GJ.GREEN_JOBS; allowed: sex=female, sex=male',
    );
    expect(disaggregationProblem('age_group=15_24', ['sex'], 'GJ.GREEN_JOBS')).toContain('not allowed');
    expect(disaggregationProblem('sex=female', [], 'GJ.GREEN_SHARE')).toBe('disaggregation must be empty: GJ.GREEN_SHARE has no disaggregation');
    expect(disaggregationProblem('female', ['sex'], 'X')).toMatch(/must look like sex=female/);
    expect(disaggregationProblem('sex=female;sex=male', ['sex'], 'X')).toBe('disaggregation names the same key twice');
  });
});
