import { buildPeriod, comparePeriods, parsePeriod, periodHasBegun, periodParts, periodProblem } from './periods';

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

describe('periodParts', () => {
  it('reads years, quarters and months with their first and last days', () => {
    expect(periodParts('2020')).toEqual({ period: '2020', type: 'year', year: 2020, part: 0, start: '2020-01-01', end: '2020-12-31' });
    expect(periodParts('2024-q1')).toMatchObject({ period: '2024-Q1', type: 'quarter', part: 1, start: '2024-01-01', end: '2024-03-31' });
    expect(periodParts('2024-02')).toMatchObject({ type: 'month', part: 2, end: '2024-02-29' });
    expect(periodParts('2023-02')?.end).toBe('2023-02-28');
  });

  it('refuses what is not a period, or a year out of range', () => {
    for (const bad of ['', '20', '2020-13', '2020-Q5', '2020/07', '1989', '2101', '2020-7']) expect(periodParts(bad)).toBeNull();
  });

  it('builds the text the API takes', () => {
    expect(buildPeriod('year', 2024)).toBe('2024');
    expect(buildPeriod('quarter', 2024, 3)).toBe('2024-Q3');
    expect(buildPeriod('month', 2024, 7)).toBe('2024-07');
    for (const p of ['2024', '2024-Q3', '2024-07']) expect(parsePeriod(buildPeriod(periodParts(p)!.type, 2024, periodParts(p)!.part))?.period).toBe(p);
  });

  it('orders periods by start, the shorter first', () => {
    expect(['2021', '2020-Q2', '2020-04', '2020'].sort(comparePeriods)).toEqual(['2020', '2020-04', '2020-Q2', '2021']);
  });

  it('knows whether a period has begun', () => {
    expect(periodHasBegun('2026-11', '2026-11-23')).toBe(true);
    expect(periodHasBegun('2026-12', '2026-11-23')).toBe(false);
    expect(periodHasBegun('2027', '2026-11-23')).toBe(false);
  });
});
