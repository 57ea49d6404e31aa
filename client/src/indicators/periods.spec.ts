import { buildPeriod, comparePeriods, formatPeriod, parsePeriod, periodHasBegun, periodTime, recentYears } from './periods';

describe('periods', () => {
  it('reads years, quarters and months with their first and last days', () => {
    expect(parsePeriod('2020')).toEqual({ period: '2020', type: 'year', year: 2020, part: 0, start: '2020-01-01', end: '2020-12-31' });
    expect(parsePeriod('2024-q1')).toMatchObject({ period: '2024-Q1', type: 'quarter', part: 1, start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2024-02')).toMatchObject({ type: 'month', part: 2, end: '2024-02-29' });
    expect(parsePeriod('2023-02')?.end).toBe('2023-02-28');
  });

  it('refuses what is not a period, or a year out of range', () => {
    for (const bad of ['', '20', '2020-13', '2020-Q5', '2020/07', '1989', '2101', '2020-7']) expect(parsePeriod(bad)).toBeNull();
  });

  it('builds the text the API takes', () => {
    expect(buildPeriod('year', 2024)).toBe('2024');
    expect(buildPeriod('quarter', 2024, 3)).toBe('2024-Q3');
    expect(buildPeriod('month', 2024, 7)).toBe('2024-07');
    for (const p of ['2024', '2024-Q3', '2024-07']) expect(parsePeriod(buildPeriod(parsePeriod(p)!.type, 2024, parsePeriod(p)!.part))?.period).toBe(p);
  });

  it('formats periods for English and Chinese readers', () => {
    expect(formatPeriod('2024', 'en')).toBe('2024');
    expect(formatPeriod('2024-Q3', 'en')).toBe('Q3 2024');
    expect(formatPeriod('2024-07', 'en')).toBe('Jul 2024');
    expect(formatPeriod('2024', 'zh-CN')).toBe('2024年');
    expect(formatPeriod('2024-Q3', 'zh-CN')).toBe('2024年第3季度');
    expect(formatPeriod('2024-07', 'zh-CN')).toBe('2024年7月');
    expect(formatPeriod('not a period', 'en')).toBe('not a period');
  });

  it('places a period at the end of its last day, and orders periods by start', () => {
    expect(new Date(periodTime('2024')!).toISOString()).toBe('2024-12-31T23:59:59.999Z');
    expect(['2021', '2020-Q2', '2020-04', '2020'].sort(comparePeriods)).toEqual(['2020', '2020-Q2', '2020-04', '2021'].sort(comparePeriods));
    expect(['2021', '2020-Q2', '2020-04', '2020'].sort(comparePeriods)).toEqual(['2020', '2020-04', '2020-Q2', '2021']);
  });

  it('knows whether a period has begun', () => {
    expect(periodHasBegun('2026-11', '2026-11-23')).toBe(true);
    expect(periodHasBegun('2026-12', '2026-11-23')).toBe(false);
    expect(periodHasBegun('2027', '2026-11-23')).toBe(false);
    expect(recentYears('2026-11-23', 3)).toEqual([2026, 2025, 2024]);
  });
});
