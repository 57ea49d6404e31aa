import { csvRows, downloadName, parseScopeParam, plotLines, scopeParam, targetLines, type ChartSeries, type ChartTarget } from './chartModel';

const park = (id: string, name: string): ChartSeries['scope'] => ({ type: 'park', key: id, park: { id, name: { en: name } }, province: null, city: null });
const city: ChartSeries['scope'] = { type: 'city', key: 'Jiangsu/Suzhou', park: null, province: 'Jiangsu', city: 'Suzhou' };

const a: ChartSeries = {
  scope: park('p-a', 'Park A'),
  disaggregation: '',
  unit: 'persons',
  points: [
    { period: '2023', value: 100, status: 'verified', isDemo: false },
    { period: '2024-Q2', value: 30, status: 'verified', isDemo: false },
    { period: '2022', value: 90, status: 'verified', isDemo: true },
    { period: '2024-Q1', value: 25, status: 'submitted', isDemo: false },
  ],
};
const b: ChartSeries = {
  scope: park('p-b', 'Park B'),
  disaggregation: '',
  unit: 'persons',
  points: [{ period: '2023', value: 80, status: 'verified', isDemo: false }],
};
const c: ChartSeries = {
  scope: city,
  disaggregation: '',
  unit: 'persons',
  points: [{ period: '2023', value: 180, status: 'verified', isDemo: false, parkCount: 1, expectedParkCount: 4, partial: true }],
};

const target = (scope: ChartTarget['scope'], extra: Partial<ChartTarget> = {}): ChartTarget => ({
  actionItemId: 'item-1',
  actionItemTitle: { en: 'More green jobs' },
  scope,
  disaggregation: '',
  unit: 'persons',
  baseline: { value: 90, date: '2022-12-31' },
  target: { value: 200, date: '2028-12-31' },
  ...extra,
});

describe('the indicator chart model', () => {
  it('gives each scope its own annual and quarterly lines, in time order', () => {
    const lines = plotLines([a, b]);
    expect(lines.map((l) => [l.id, l.points.map((p) => p.period)])).toEqual([
      ['0:year', ['2022', '2023']],
      ['0:quarter', ['2024-Q1', '2024-Q2']],
      ['1:year', ['2023']],
    ]);
    // A year's value sits at the end of the year, a quarter's at the end of the quarter.
    expect(new Date(lines[0].points[1].time).toISOString()).toBe('2023-12-31T23:59:59.999Z');
    expect(new Date(lines[1].points[0].time).toISOString()).toBe('2024-03-31T23:59:59.999Z');
    expect(lines[1].points[0].status).toBe('submitted');
    expect(lines[0].points[0].isDemo).toBe(true);
  });

  it('keeps a partial roll-up marked, with its coverage', () => {
    const [line] = plotLines([c]);
    expect(line.points[0]).toMatchObject({ partial: true, parkCount: 1, expectedParkCount: 4 });
  });

  it('draws a commitment’s target only on the scope, breakdown and unit it was set for', () => {
    const targets = [
      target({ type: 'park', key: 'p-b' }),
      target({ type: 'park', key: 'p-a' }, { disaggregation: 'sex=female' }),
      target({ type: 'park', key: 'p-a' }, { unit: 'percent' }),
      target({ type: 'city', key: 'Jiangsu/Suzhou' }, { actionItemId: 'item-2' }),
    ];
    const lines = targetLines([a, b, c], targets);
    expect(lines.map((l) => l.id)).toEqual(['1:target:item-1', '2:target:item-2']);
    expect(lines[0]).toMatchObject({
      title: { en: 'More green jobs' },
      baseline: { value: 90, date: '2022-12-31' },
      target: { value: 200, date: '2028-12-31' },
    });
  });

  it('puts exactly the plotted values and targets in the CSV rows, with the scope named for the reader', () => {
    const series = [a, b];
    const lines = plotLines(series);
    const targets = targetLines(series, [target({ type: 'park', key: 'p-b' })]);
    const rows = csvRows(series, lines, targets, (s) => (s.scope.park ? `${s.scope.park.name.en}!` : s.scope.key));
    expect(rows).toHaveLength(5 + 2);
    expect(rows[0]).toEqual({
      series: 'year',
      scope_type: 'park',
      scope: 'p-a',
      scope_name: 'Park A!',
      disaggregation: '',
      period: '2022',
      date: '2022-12-31',
      value: 90,
      unit: 'persons',
      status: 'verified',
      demo: 'yes',
      partial: 'no',
    });
    expect(rows.slice(-2).map((r) => [r.series, r.scope, r.date, r.value])).toEqual([
      ['baseline', 'p-b', '2022-12-31', 90],
      ['target', 'p-b', '2028-12-31', 200],
    ]);
  });

  it('reads and writes the compared scopes of the URL, refusing what is not a scope', () => {
    expect(parseScopeParam('park:abc')).toEqual({ type: 'park', key: 'abc' });
    expect(parseScopeParam('city:Jiangsu/Suzhou')).toEqual({ type: 'city', key: 'Jiangsu/Suzhou' });
    expect(parseScopeParam(scopeParam({ type: 'province', key: 'Jiangsu' }))).toEqual({ type: 'province', key: 'Jiangsu' });
    expect(parseScopeParam('planet:Mars')).toBeNull();
    expect(parseScopeParam('park:')).toBeNull();
    expect(parseScopeParam('nothing')).toBeNull();
  });

  it('names downloads after the indicator and the day', () => {
    expect(downloadName('GJ.GREEN_JOBS', '2026-12-04', 'png')).toBe('GJ.GREEN_JOBS-2026-12-04.png');
    expect(downloadName('A B/C', '2026-12-04', 'csv')).toBe('A_B_C-2026-12-04.csv');
  });
});
