import { Readable } from 'node:stream';
import { CsvRecords } from './csv-records';

/** Reads `text` fed in chunks of `size` bytes. */
async function records(text: string, size = 1 << 16, parser = new CsvRecords()): Promise<string[][]> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: string[][] = [];
  for await (const batch of Readable.from(chunks).pipe(parser)) out.push(...(batch as string[][]));
  return out;
}

const SAMPLE =
  '\uFEFFindicator_code,scope,notes\r\n' +
  'GJ.GREEN_JOBS,苏州工业园区,plain\r\n' +
  '"GJ.EMP_ENV","Jiangsu/Suzhou","with ""quotes"", a comma\nand a new line"\n' +
  'a,"",\n' +
  '\n' +
  'x,y"z,"end"\r\n' +
  'last,row,no newline';

describe('CsvRecords', () => {
  const expected = [
    ['indicator_code', 'scope', 'notes'],
    ['GJ.GREEN_JOBS', '苏州工业园区', 'plain'],
    ['GJ.EMP_ENV', 'Jiangsu/Suzhou', 'with "quotes", a comma\nand a new line'],
    ['a', '', ''],
    [''],
    ['x', 'y"z', 'end'],
    ['last', 'row', 'no newline'],
  ];

  it('reads quotes, doubled quotes, commas and new lines in quotes, CRLF, a BOM and an empty line', async () => {
    expect(await records(SAMPLE)).toEqual(expected);
  });

  it.each([1, 2, 3, 5, 17])('gives the same records whatever the chunk size (%d bytes, splitting characters too)', async (size) => {
    expect(await records(SAMPLE, size)).toEqual(expected);
  });

  it('reads back exactly what a CSV writer wrote, over many awkward cells', async () => {
    const cells = ['plain', '', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', '"', ',', '苏州', ' spaced ', "'=1+1"];
    const rows = Array.from({ length: 600 }, (_, i) => [cells[i % cells.length], String(i), cells[(i * 7) % cells.length], cells[(i * 3) % cells.length]]);
    const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const text = rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
    for (const size of [7, 100, 4096]) expect(await records(text, size)).toEqual(rows);
  });

  it('refuses a quote never closed and text after a closing quote', async () => {
    await expect(records('a,b\n"open,c\n')).rejects.toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED' });
    await expect(records('a,b\n"closed"x,c\n')).rejects.toMatchObject({ code: 'CSV_INVALID_CLOSING_QUOTE' });
  });

  it('refuses a header or a row longer than its limit, however it arrives', async () => {
    const wide = Array.from({ length: 500 }, (_, i) => `c${i}`).join(',');
    for (const size of [1, 64, 1 << 16]) {
      await expect(records(`${wide}\nx\n`, size, new CsvRecords(10_000, 1000))).rejects.toMatchObject({
        code: 'CSV_MAX_HEADER_SIZE',
        field: 'header',
        message: 'the header row is longer than 1000 characters, the limit',
      });
    }
    await expect(records(`a,b\n${'x'.repeat(3000)}\n`, 100, new CsvRecords(2000, 1000))).rejects.toMatchObject({ code: 'CSV_MAX_RECORD_SIZE' });
    // Within the limits, the same file reads.
    expect(await records(`${wide}\nx\n`, 64, new CsvRecords(10_000, 5000))).toHaveLength(2);
  });

  it('reads a long row sent in many small pieces in linear time', async () => {
    const row = Array.from({ length: 20_000 }, (_, i) => `v${i}`).join(',');
    const started = performance.now();
    const out = await records(`h\n${row}\n`, 16, new CsvRecords(1_000_000));
    expect(out[1]).toHaveLength(20_000);
    // Read again from its start for each 16-byte piece, this row would take seconds.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
