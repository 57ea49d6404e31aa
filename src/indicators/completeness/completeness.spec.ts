import { addDays, CellTally, dueDate, parkCells, periodsBetween, rates, recentPeriods, REPORTED_CODE_BASE, unreportedStatus } from './completeness';

describe('reporting calendar and completeness', () => {
  it('puts the due day a number of days after the period ends', () => {
    expect(dueDate('2024-03-31', 30)).toBe('2024-04-30');
    expect(dueDate('2024-12-31', 0)).toBe('2024-12-31');
    expect(dueDate('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('leaves a cell with no value not due until its due day (2024-04-30) has passed, then missing', () => {
    const due = '2024-04-30';
    expect(unreportedStatus(due, '2024-04-29')).toBe('not_due');
    expect(unreportedStatus(due, '2024-04-30')).toBe('not_due');
    expect(unreportedStatus(due, '2024-05-01')).toBe('missing');
  });

  describe("a park's row from the periods it reported", () => {
    const unreported = ['missing', 'missing', 'missing', 'not_due'] as const;
    const code = (index: number, onTime: boolean) => String.fromCharCode(REPORTED_CODE_BASE + 2 * index + (onTime ? 1 : 0));
    it('fills in the reported periods, on time or late, and leaves the others as they are', () => {
      expect(parkCells(unreported, code(0, true) + code(2, false))).toEqual(['on_time', 'missing', 'late', 'not_due']);
      expect(parkCells(unreported, '16')).toEqual(['on_time', 'missing', 'missing', 'late']);
    });
    it('counts a period on time when any of its values (breakdowns) came on time, in whatever order', () => {
      expect(parkCells(unreported, code(1, false) + code(1, true) + code(1, false))[1]).toBe('on_time');
      expect(parkCells(unreported, code(1, true) + code(1, false))[1]).toBe('on_time');
      expect(parkCells(unreported, code(1, false) + code(1, false))[1]).toBe('late');
    });
    it('is the unreported row for a park that reported nothing, without changing it', () => {
      expect(parkCells(unreported, undefined)).toEqual([...unreported]);
      const row = parkCells(unreported, code(1, true));
      row[2] = 'late';
      expect(unreported).toEqual(['missing', 'missing', 'missing', 'not_due']);
    });
    it('reads the 120th period and refuses a code past the last period or below the first', () => {
      const many = Array.from({ length: 120 }, () => 'missing' as const);
      const row = parkCells(many, code(119, true) + code(10, false));
      expect(row[119]).toBe('on_time');
      expect(row[10]).toBe('late');
      expect(row.filter((c) => c !== 'missing')).toHaveLength(2);
      expect(() => parkCells(unreported, code(4, true))).toThrow('malformed');
      expect(() => parkCells(unreported, '/')).toThrow('malformed');
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
