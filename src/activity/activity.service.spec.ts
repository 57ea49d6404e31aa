import { diff } from './activity.service';

describe('diff', () => {
  it('lists only the fields that change, with from and to', () => {
    expect(diff({ region: 'Jiangsu', constituency: 'workers' }, { region: 'Suzhou', constituency: 'workers' })).toEqual({
      region: { from: 'Jiangsu', to: 'Suzhou' },
    });
  });

  it('ignores fields left undefined and compares objects by value', () => {
    expect(diff({ name: { en: 'A' }, region: 'X' }, { name: { en: 'A' }, region: undefined })).toEqual({});
    expect(diff({ name: { en: 'A' } }, { name: { en: 'A', zh: '甲' } })).toEqual({ name: { from: { en: 'A' }, to: { en: 'A', zh: '甲' } } });
  });

  it('reports a field set for the first time as from null', () => {
    expect(diff({}, { region: 'Wuxi' })).toEqual({ region: { from: null, to: 'Wuxi' } });
  });
});
