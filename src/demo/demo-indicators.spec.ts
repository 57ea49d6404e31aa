import { DEMO_LINKS, DEMO_SERIES, demoLinks, demoObservations, demoValue } from './demo-indicators';

describe('demo observations', () => {
  const rows = demoObservations(['park-a', 'park-b'], (park) => (park === 0 ? 'officer' : 'facilitator'));

  it('gives every demo indicator eleven yearly values, 2015 to 2025, for each park', () => {
    expect(Object.keys(rows).sort()).toEqual(Object.keys(DEMO_SERIES).sort());
    for (const series of Object.values(rows)) {
      expect(series).toHaveLength(22);
      expect(series.filter((r) => r.parkId === 'park-b').map((r) => r.period)).toEqual(Array.from({ length: 11 }, (_, i) => String(2015 + i)));
    }
  });

  it('reports each year over the calendar year, with the generated value, by the park’s reporter', () => {
    expect(rows['GJ.TRAINED'].find((r) => r.parkId === 'park-a' && r.period === '2020')).toEqual({
      parkId: 'park-a',
      period: '2020',
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
      value: demoValue('GJ.TRAINED', 0, 2020),
      reporterId: 'officer',
    });
    expect(rows['GJ.TRAINED'].find((r) => r.parkId === 'park-b')!.reporterId).toBe('facilitator');
  });
});

describe('demo links', () => {
  const commitments = Array.from({ length: 10 }, (_, i) => `c${i}`);
  const links = demoLinks(commitments, ['park-a', 'park-b'], 'facilitator');

  it('ties each listed commitment to its indicator, in a park or a province', () => {
    expect(links).toHaveLength(DEMO_LINKS.length);
    const province = links.find((l) => l.code === 'DW.SOCIAL_INSURANCE')!;
    expect(province).toMatchObject({ actionItemId: 'c4', scopeType: 'province', parkId: null, province: 'Jiangsu', baselineValue: 83 });
  });

  it('takes an observed baseline from the park’s own 2019 value', () => {
    expect(links.find((l) => l.code === 'GJ.TRAINED')).toMatchObject({
      actionItemId: 'c0',
      scopeType: 'park',
      parkId: 'park-a',
      province: '',
      baselineValue: demoValue('GJ.TRAINED', 0, 2019),
      baselineDate: '2019-12-31',
      targetValue: 6000,
    });
  });
});
