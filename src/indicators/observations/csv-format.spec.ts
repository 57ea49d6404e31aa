import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { CsvToCopyLines, unguardFormula } from './csv-format';
import { CsvRecords } from './csv-records';

const CSV_HEADER = 'indicator_code,scope_type,scope,period,disaggregation,value,source,notes';

const stage = async (csv: string) => {
  const lines = new CsvToCopyLines();
  const out = await text(
    Readable.from([Buffer.from(csv)])
      .pipe(new CsvRecords())
      .pipe(lines),
  );
  const rows = out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  // The second column is the id the row will get: time-ordered, increasing in file order.
  const ids = rows.map((r) => r.splice(1, 1)[0]);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect([...ids].sort()).toEqual(ids);
  return { lines, out: rows.map((r) => r.join('\t')) };
};

describe('CsvToCopyLines', () => {
  it('numbers rows as a spreadsheet does, canonicalises and escapes for COPY, skips blank rows', async () => {
    const { lines, out } = await stage(
      '\uFEFFnotes,value,indicator_code,scope_type,scope,period,disaggregation,source\n' +
        '"two\nlines",12,gj.green_jobs, Park ,Suzhou,2020-q3,Sex=Female,a\\b\n' +
        ',,,,,,,\n' +
        "'=1+1,3,GJ.EMP_ENV,province,Jiangsu,2021,,\n",
    );
    expect(lines.rows).toBe(2);
    expect(lines.errors).toEqual([]);
    expect(out).toEqual([
      // row, code, scope type, scope, park id (\\N: none), period, its first and last day, disaggregation, value
      // as written, as a number, source, notes (COPY-escaped), the status the file gives when it says verified
      '2\tGJ.GREEN_JOBS\tpark\tSuzhou\t\\N\t2020-Q3\t2020-07-01\t2020-09-30\tsex=female\t12\t12\ta\\\\b\ttwo\\nlines\t',
      '4\tGJ.EMP_ENV\tprovince\tJiangsu\t\\N\t2021\t2021-01-01\t2021-12-31\t\t3\t3\t\t=1+1\t',
    ]);
  });

  it('reports a missing, an unknown and a repeated column, and rows of the wrong width', async () => {
    const header = await stage('indicator_code,scope,scope,period,disaggregation,value,source,colour\nx\n');
    expect(header.lines.unreadable).toBe(true);
    expect(header.lines.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('scope_type is missing'),
      expect.stringContaining('notes is missing'),
      'unknown column "colour"',
      'the column scope appears twice',
    ]);
    const width = await stage('indicator_code,scope_type,scope,period,disaggregation,value,source,notes\na,b\n');
    expect(width.lines.errors).toEqual([{ row: 2, field: 'row', message: 'row has 2 fields; the header has 8' }]);
  });

  it('refuses a header of too many columns before looking at its names, in one short pass', async () => {
    const names = Array.from({ length: 120_000 }, () => 'colour').join(',');
    const started = performance.now();
    const { lines } = await stage(`${names}\nx\n`);
    expect(performance.now() - started).toBeLessThan(500);
    expect(lines.unreadable).toBe(true);
    expect(lines.errors).toEqual([{ row: 1, field: 'header', message: 'the header has 120000 columns; at most 100 are allowed' }]);
  });

  it('finds repeated columns without comparing every pair', async () => {
    const { lines } = await stage(`${CSV_HEADER},${Array.from({ length: 90 }, () => 'scope').join(',')}\n`);
    expect(lines.errors).toEqual([{ row: 1, field: 'header', message: 'the column scope appears twice' }]);
  });

  it('refuses a cell with a NUL character, naming its column, and stages nothing of that row', async () => {
    const { lines, out } = await stage(`${CSV_HEADER}\nGJ.EMP_ENV,province,Jiangsu,2021,,3,a\u0000b,\nGJ.EMP_ENV,province,Jiangsu,2022,,4,,\n`);
    expect(lines.errors).toEqual([{ row: 2, field: 'source', message: 'source must not contain NUL characters' }]);
    expect(out).toHaveLength(1);
  });

  it('accepts the informational columns of an export and ignores them', async () => {
    const { lines, out } = await stage(
      'indicator_code,scope_type,scope,period,disaggregation,value,source,notes,scope_name,status,is_demo,reported_at\n' +
        'GJ.EMP_ENV,province,Jiangsu,2021,,3,,,Jiangsu,verified,true,2024-01-01T00:00:00Z\n',
    );
    expect(lines.errors).toEqual([]);
    // The status is staged (verified or nothing); it counts only when an admin keeps the file's statuses.
    expect(out).toEqual(['2\tGJ.EMP_ENV\tprovince\tJiangsu\t\\N\t2021\t2021-01-01\t2021-12-31\t\t3\t3\t\t\tverified']);
  });

  it('takes off the formula guard the export puts on text cells', () => {
    expect(unguardFormula("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguardFormula("'@note")).toBe('@note');
    expect(unguardFormula("'quoted")).toBe("'quoted");
  });
});

describe('CsvToCopyLines, values it can already read', () => {
  it('recognises park ids, periods and numbers, and leaves what it cannot read empty for the checks', async () => {
    const { out } = await stage(
      'indicator_code,scope_type,scope,period,disaggregation,value,source,notes\n' + 'X,park,0E1DD8A4-98A5-46BF-881D-E0C623DCE514,2020-13,,"1,5",,\n',
    );
    expect(out).toEqual(['2\tX\tpark\t0E1DD8A4-98A5-46BF-881D-E0C623DCE514\t0e1dd8a4-98a5-46bf-881d-e0c623dce514\t2020-13\t\\N\t\\N\t\t1,5\t\\N\t\t\t']);
  });
});
