import { dhis2Records, RECORD_HEADER, scopeOfRefArea, SdmxRecordReader } from './exchange-format';
import { toDhis2Period } from './dhis2-periods';

describe('exchange formats', () => {
  it('reads REF_AREA / orgUnit as a park code, a city or a province', () => {
    expect(scopeOfRefArea('sip-01')).toEqual({ scopeType: 'park', scope: 'SIP-01' });
    expect(scopeOfRefArea('CITY:Jiangsu/Suzhou')).toEqual({ scopeType: 'city', scope: 'Jiangsu/Suzhou' });
    expect(scopeOfRefArea('province: Jiangsu')).toEqual({ scopeType: 'province', scope: 'Jiangsu' });
    expect(scopeOfRefArea('  ')).toBeNull();
  });

  it('writes DHIS2 periods as the SQL export does: the platform period without its dash', () => {
    for (const period of ['2020', '2020-Q3', '2020-07', '2024-12']) expect(toDhis2Period(period)).toBe(period.replace('-', ''));
  });

  describe('SDMX-CSV records', () => {
    const header = ['STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'REF_AREA', 'INDICATOR', 'SEX', 'TIME_PERIOD', 'OBS_VALUE', 'OBS_STATUS', 'UNIT_MEASURE'];
    const row = (over: Partial<Record<string, string>> = {}) => {
      const base: Record<string, string> = {
        STRUCTURE: 'dataflow',
        STRUCTURE_ID: 'X',
        ACTION: 'I',
        REF_AREA: 'SIP-01',
        INDICATOR: 'gj.green_jobs',
        SEX: 'SEX_F',
        TIME_PERIOD: '2024-07',
        OBS_VALUE: '540',
        OBS_STATUS: 'A',
        UNIT_MEASURE: 'PERSONS',
        ...over,
      };
      return header.map((h) => base[h]);
    };

    it('maps each record one for one, the header to the import header, blank lines to blank records', () => {
      const reader = new SdmxRecordReader(new Map([['GJ.GREEN_JOBS', 'persons']]));
      expect(reader.read(header)).toEqual(RECORD_HEADER);
      expect(reader.read(row())).toEqual(['GJ.GREEN_JOBS', 'park', 'SIP-01', '2024-07', 'sex=female', '540', '', '', 'verified']);
      expect(reader.read([''])).toEqual(['']);
      expect(reader.read(row({ SEX: '', OBS_STATUS: 'P', REF_AREA: 'CITY:Jiangsu/Suzhou' }))).toEqual([
        'GJ.GREEN_JOBS',
        'city',
        'Jiangsu/Suzhou',
        '2024-07',
        '',
        '540',
        '',
        '',
        '',
      ]);
      expect(reader.problems).toEqual([]);
    });

    it('reports an unknown SEX, a deletion, a unit that is not the indicator’s and a short row by their rows', () => {
      const reader = new SdmxRecordReader(new Map([['GJ.GREEN_JOBS', 'persons']]));
      reader.read(header);
      reader.read(row({ SEX: 'SEX_O' }));
      reader.read(row({ ACTION: 'D', UNIT_MEASURE: 'PERCENT' }));
      reader.read(['dataflow', 'X']);
      expect(reader.problems.map((p) => [p.row, p.field])).toEqual([
        [2, 'SEX'],
        [3, 'ACTION'],
        [3, 'UNIT_MEASURE'],
        [4, 'row'],
      ]);
    });

    it('names the missing columns of a header', () => {
      const reader = new SdmxRecordReader(new Map());
      reader.read(['STRUCTURE', 'REF_AREA', 'INDICATOR']);
      expect(reader.problems.map((p) => p.message)).toEqual([expect.stringContaining('TIME_PERIOD'), expect.stringContaining('OBS_VALUE')]);
    });
  });

  describe('DHIS2 dataValueSets', () => {
    it('maps data values to records numbered from 2, marking them verified when asked', () => {
      const { records, problems } = dhis2Records(
        {
          dataValues: [
            { dataElement: 'gj.green_jobs', period: '2024Q3', orgUnit: 'SIP-01', categoryOptionCombo: 'default', value: 12, comment: 'ok' },
            { dataElement: 'GJ.GREEN_JOBS', period: '202407', orgUnit: 'PROVINCE:Jiangsu', categoryOptionCombo: 'sex_m', value: '5' },
          ],
        },
        true,
      );
      expect(problems).toEqual([]);
      expect(records).toEqual([
        RECORD_HEADER,
        ['GJ.GREEN_JOBS', 'park', 'SIP-01', '2024-Q3', '', '12', '', 'ok', 'verified'],
        ['GJ.GREEN_JOBS', 'province', 'Jiangsu', '2024-07', 'sex=male', '5', '', '', 'verified'],
      ]);
    });

    it('reports a weekly period, an unknown combo, a deletion and a body that is no set', () => {
      const { problems } = dhis2Records(
        { dataValues: [{ period: '2024W3' }, { period: '2024', categoryOptionCombo: 'HllvX50cXC0' }, { period: '2024', deleted: true }, 7] },
        false,
      );
      expect(problems.map((p) => [p.row, p.field])).toEqual([
        [2, 'period'],
        [3, 'categoryOptionCombo'],
        [4, 'deleted'],
        [5, 'dataValue'],
      ]);
      expect(dhis2Records([], false).problems.map((p) => [p.row, p.field])).toEqual([[1, 'dataValues']]);
    });
  });
});
