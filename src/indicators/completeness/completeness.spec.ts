import { CellTally, cellStatus, dueDate, periodsBetween, rates, recentPeriods } from './completeness';

describe('reporting calendar and completeness', () => {
  it('puts the due day a number of days after the period ends', () => {
    expect(dueDate('2024-03-31', 30)).toBe('2024-04-30');
    expect(dueDate('2024-12-31', 0)).toBe('2024-12-31');
    expect(dueDate('2024-02-29', 1)).toBe('2024-03-01');
  });

  describe('a cell around its due day (2024-04-30)', () => {
    const due = '2024-04-30';
    it('is on time when first reported on the due day or before', () => {
      expect(cellStatus('2024-04-30', due, '2024-06-01')).toBe('on_time');
      expect(cellStatus('2024-04-02', due, '2024-04-10')).toBe('on_time');
    });
    it('is late when first reported the day after', () => expect(cellStatus('2024-05-01', due, '2024-06-01')).toBe('late'));
    it('is not due until the due day has passed, then missing', () => {
      expect(cellStatus(null, due, '2024-04-29')).toBe('not_due');
      expect(cellStatus(null, due, '2024-04-30')).toBe('not_due');
      expect(cellStatus(null, due, '2024-05-01')).toBe('missing');
    });
  });

  it('counts rates over the cells a value was expected for', () => {
    expect(rates(['on_time', 'on_time', 'late', 'missing', 'not_due'])).toEqual({
      onTime: 2,
      late: 1,
      missing: 1,
      notDue: 1,
      expected: 4,
      reportingRate: 0.75,
      timelinessRate: 0.5,
    });
    expect(rates(['not_due'])).toMatchObject({ expected: 0, reportingRate: null, timelinessRate: null });
  });

  it("sums rows' counts into the rates of all their cells (a city, every park)", () => {
    const parks: Parameters<typeof rates>[0][] = [['on_time', 'late'], ['missing', 'not_due', 'on_time'], []];
    const tally = new CellTally();
    for (const cells of parks) tally.add(rates(cells));
    expect(tally.rates()).toEqual(rates(parks.flat()));
    expect(tally.rates()).toMatchObject({ onTime: 2, late: 1, missing: 1, notDue: 1, expected: 4, reportingRate: 0.75 });
  });

  it('lists the periods of a frequency within a range', () => {
    expect(periodsBetween('month', '2023-11', '2024-02', 100)).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(periodsBetween('quarter', '2023', '2024-Q2', 100)).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2']);
    expect(periodsBetween('year', '2020', '2022', 100)).toEqual(['2020', '2021', '2022']);
    expect(periodsBetween('month', '2024-03', '2024-01', 100)).toEqual([]);
    expect(periodsBetween('month', '2020', '2030', 12)).toHaveLength(12);
  });

  it('takes the last periods that have ended', () => {
    expect(recentPeriods('month', '2024-03-15', 12)).toEqual(['2023-03', '2024-02']);
    expect(recentPeriods('quarter', '2024-01-05', 4)).toEqual(['2023-Q1', '2023-Q4']);
    expect(recentPeriods('year', '2024-06-01', 3)).toEqual(['2021', '2023']);
  });
});
