import { fromDhis2Period, toDhis2Period } from './dhis2-periods';

describe('DHIS2 period notation', () => {
  it.each([
    ['2020', '2020'],
    ['2020-Q3', '2020Q3'],
    ['2020-07', '202007'],
    ['2021-12', '202112'],
    ['2019-Q1', '2019Q1'],
  ])('%s is %s in DHIS2 and comes back unchanged', (platform, dhis2) => {
    expect(toDhis2Period(platform)).toBe(dhis2);
    expect(fromDhis2Period(dhis2)).toBe(platform);
  });

  it('reads a lower-case quarter of the platform', () => expect(toDhis2Period('2020-q2')).toBe('2020Q2'));

  it.each(['2020W05', '2020S1', '2020April', '202013', '2020Q5', '20200', 'abc', '', '1890'])('has no platform period for %s', (text) =>
    expect(fromDhis2Period(text)).toBeNull(),
  );

  it('has no DHIS2 period for text that is not a platform period', () => expect(toDhis2Period('2020-13')).toBeNull());
});
