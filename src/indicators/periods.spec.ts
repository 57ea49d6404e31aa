import { parsePeriod, periodProblem } from './periods';

describe('parsePeriod', () => {
  it('reads a year, a quarter and a month with their first and last days', () => {
    expect(parsePeriod('2020')).toEqual({ period: '2020', type: 'year', start: '2020-01-01', end: '2020-12-31' });
    expect(parsePeriod('2020-Q3')).toEqual({ period: '2020-Q3', type: 'quarter', start: '2020-07-01', end: '2020-09-30' });
    expect(parsePeriod('2020-q1')).toEqual({ period: '2020-Q1', type: 'quarter', start: '2020-01-01', end: '2020-03-31' });
    expect(parsePeriod('2020-02')).toEqual({ period: '2020-02', type: 'month', start: '2020-02-01', end: '2020-02-29' });
    expect(parsePeriod('2021-02')?.end).toBe('2021-02-28');
    expect(parsePeriod(' 2020-12 ')).toEqual({ period: '2020-12', type: 'month', start: '2020-12-01', end: '2020-12-31' });
  });

  it.each([['2020-13'], ['2020-Q5'], ['2020-7'], ['20'], ['2020/07'], ['July 2020'], ['1989'], ['2101'], ['']])('refuses %j', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});

describe('periodProblem', () => {
  const today = new Date('2024-05-15T00:00:00Z');
  it('accepts periods that have begun', () => {
    expect(periodProblem('2024', today)).toBeNull();
    expect(periodProblem('2024-Q2', today)).toBeNull();
    expect(periodProblem('2024-05', today)).toBeNull();
  });

  it('refuses malformed periods and periods not begun, naming the field', () => {
    expect(periodProblem('2024-13', today)).toMatch(/^period must be a year \(2020\), a quarter \(2020-Q3\) or a month \(2020-07\)/);
    expect(periodProblem('2024-06', today)).toBe('period 2024-06 has not begun yet');
    expect(periodProblem('2025', today, 'from')).toBe('from 2025 has not begun yet');
  });
});
