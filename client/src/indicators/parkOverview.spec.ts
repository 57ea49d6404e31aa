import type { ParkIndicators } from '../api/types';
import { overviewRows } from './parkOverview';

type Item = ParkIndicators['items'][number];
const value = (period: string, v: number) => ({ period, value: v, status: 'verified' as const, isDemo: false });
const item = (code: string, latest: [string, number] | null, previous: [string, number] | null = null): Item => ({
  indicator: { id: code, code, name: { en: code }, unit: 'persons', direction: code.startsWith('DW.INJURY') ? 'lower' : 'higher' },
  unit: 'persons',
  latest: latest && value(...latest),
  previous: previous && value(...previous),
});

describe('park overview', () => {
  it('gives each indicator with a value its trend from the value before it, and whether that is for the better', () => {
    const { rows } = overviewRows([
      item('DW.INJURY_NONFATAL', ['2025', 250], ['2024', 300]),
      item('EIP.OUTREACH', ['2025', 4]),
      item('GJ.GREEN_JOBS', ['2025', 130], ['2024', 120]),
      item('GJ.TRAINED', ['2025', 1000], ['2024', 1002]),
    ]);
    expect(rows.map((r) => [r.indicator.code, r.latest.period, r.latest.value, r.previous?.period ?? null, r.trend, r.improving])).toEqual([
      ['DW.INJURY_NONFATAL', '2025', 250, '2024', 'down', true],
      ['EIP.OUTREACH', '2025', 4, null, null, null],
      ['GJ.GREEN_JOBS', '2025', 130, '2024', 'up', true],
      ['GJ.TRAINED', '2025', 1000, '2024', 'flat', null],
    ]);
  });

  it('leaves out the indicators without a value, counting them', () => {
    const result = overviewRows([item('DW.INJURY_FATAL', null), item('GJ.GREEN_JOBS', ['2024', 9]), item('GJ.NEW_GREEN_JOBS', null)]);
    expect(result.rows.map((r) => r.indicator.code)).toEqual(['GJ.GREEN_JOBS']);
    expect(result.withoutValue).toBe(2);
  });
});
