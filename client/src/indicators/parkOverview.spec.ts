import type { Observation } from '../api/types';
import { latestPerIndicator } from './parkOverview';

let n = 0;
const obs = (code: string, period: string, value: number, extra: Partial<Observation> = {}): Observation =>
  ({
    id: `o${++n}`,
    indicator: { id: code, code, name: { en: code }, unit: 'persons', direction: code.startsWith('DW.INJURY') ? 'lower' : 'higher' },
    period,
    value,
    disaggregation: '',
    current: true,
    status: 'verified',
    ...extra,
  }) as Observation;

describe('park overview', () => {
  it('keeps the latest total per indicator and the trend from the value before it', () => {
    const rows = latestPerIndicator([
      obs('GJ.GREEN_JOBS', '2023', 100),
      obs('GJ.GREEN_JOBS', '2025', 130),
      obs('GJ.GREEN_JOBS', '2024', 120),
      obs('GJ.GREEN_JOBS', '2025', 60, { disaggregation: 'sex=female' }),
      obs('DW.INJURY_NONFATAL', '2024', 300),
      obs('DW.INJURY_NONFATAL', '2025', 250),
      obs('EIP.OUTREACH', '2025', 4),
    ]);
    expect(rows.map((r) => [r.indicator.code, r.latest.period, r.latest.value, r.previous?.period ?? null, r.trend, r.improving])).toEqual([
      ['DW.INJURY_NONFATAL', '2025', 250, '2024', 'down', true],
      ['EIP.OUTREACH', '2025', 4, null, null, null],
      ['GJ.GREEN_JOBS', '2025', 130, '2024', 'up', true],
    ]);
  });

  it('ignores superseded versions and orders mixed periods by time', () => {
    const rows = latestPerIndicator([obs('X', '2025-Q1', 5), obs('X', '2024', 9), obs('X', '2025-Q2', 7, { current: false })]);
    expect(rows[0].latest.period).toBe('2025-Q1');
    expect(rows[0].previous?.period).toBe('2024');
  });
});
