import { expectedReports } from './reports-due';

describe('expectedReports (what a park must report, seen from the desk)', () => {
  it('a yearly indicator due 90 days after the year: both of the last two years are overdue at the end of the next year', () => {
    expect(expectedReports([{ id: 'a', frequency: 'year', dueDays: 90 }], '2026-12-04')).toEqual([
      { indicatorId: 'a', period: '2024', periodStart: '2024-01-01', due: '2025-03-31', overdue: true },
      { indicatorId: 'a', period: '2025', periodStart: '2025-01-01', due: '2026-03-31', overdue: true },
    ]);
  });

  it('a monthly report shows from seven days before its due day, and is overdue only after the due day', () => {
    const monthly = [{ id: 'm', frequency: 'month' as const, dueDays: 10 }];
    // November is due on 10 December: on 2 December it is not shown yet, on 3 December it is due soon.
    expect(expectedReports(monthly, '2026-12-02').map((r) => r.period)).toEqual(['2026-10']);
    const soon = expectedReports(monthly, '2026-12-03');
    expect(soon.find((r) => r.period === '2026-11')).toEqual({
      indicatorId: 'm',
      period: '2026-11',
      periodStart: '2026-11-01',
      due: '2026-12-10',
      overdue: false,
    });
    expect(expectedReports(monthly, '2026-12-10').find((r) => r.period === '2026-11')?.overdue).toBe(false);
    expect(expectedReports(monthly, '2026-12-11').find((r) => r.period === '2026-11')?.overdue).toBe(true);
  });

  it('a quarter far from its due day is not expected yet', () => {
    expect(expectedReports([{ id: 'q', frequency: 'quarter', dueDays: 60 }], '2026-10-05').map((r) => r.period)).toEqual(['2026-Q2']);
  });
});
