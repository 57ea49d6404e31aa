import { disaggregationOptions, parseNumber, scopeBody, trendOf } from './values';

describe('indicator values', () => {
  it('reads numbers as people type them', () => {
    expect(parseNumber('1250')).toBe(1250);
    expect(parseNumber(' 48,200 ')).toBe(48200);
    expect(parseNumber('61.5')).toBe(61.5);
    expect(parseNumber('1 250')).toBe(1250);
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('1,5')).toBeNull();
  });

  it('offers only the disaggregations the indicator allows', () => {
    expect(disaggregationOptions([])).toEqual([]);
    expect(disaggregationOptions(['sex'])).toEqual(['sex=female', 'sex=male']);
  });

  it('names a scope as the API body does', () => {
    expect(scopeBody({ type: 'park', key: 'p1' })).toEqual({ scopeType: 'park', parkId: 'p1' });
    expect(scopeBody({ type: 'city', key: 'Jiangsu/Suzhou' })).toEqual({ scopeType: 'city', province: 'Jiangsu', city: 'Suzhou' });
    expect(scopeBody({ type: 'province', key: 'Jiangsu' })).toEqual({ scopeType: 'province', province: 'Jiangsu' });
  });

  it('tells the trend between two values', () => {
    expect(trendOf(null, 3)).toBeNull();
    expect(trendOf(100, 110)).toBe('up');
    expect(trendOf(100, 90)).toBe('down');
    expect(trendOf(100, 100.2)).toBe('flat');
  });
});
