import { cellText } from './xlsx-records';

describe('spreadsheet cells as the CSV import reads them', () => {
  it('writes numbers, text, rich text, formulas and booleans as text', () => {
    expect(cellText(61.5, false)).toBe('61.5');
    expect(cellText(1250, false)).toBe('1250');
    expect(cellText(' Park ', false)).toBe(' Park ');
    expect(cellText({ richText: [{ text: 'Su' }, { text: 'zhou' }] }, false)).toBe('Suzhou');
    expect(cellText({ formula: 'A1*2', result: 84 }, false)).toBe('84');
    expect(cellText(true, false)).toBe('true');
    expect(cellText(null, false)).toBe('');
  });

  it('reads a date in the period column as its month (a spreadsheet makes 2024-07 a date), elsewhere as a day', () => {
    const july = new Date(Date.UTC(2024, 6, 1));
    expect(cellText(july, true)).toBe('2024-07');
    expect(cellText(july, false)).toBe('2024-07-01');
  });
});
