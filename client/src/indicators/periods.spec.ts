import { comparePeriods } from '@shared/periods';
import { formatPeriod, periodTime, recentYears } from './periods';

describe('periods', () => {
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

  it('offers recent years in pickers', () => {
    expect(recentYears('2026-11-23', 3)).toEqual([2026, 2025, 2024]);
  });
});
