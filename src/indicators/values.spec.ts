import { UNITS } from '../shared/enums';
import { numberText, UNIT_RULES, valueProblem } from '../shared/indicator-values';
import { valueProblemSql } from './values';

describe('valueProblem (a value checked against its unit)', () => {
  it.each([
    ['percent', 0],
    ['percent', 100],
    ['percent', 37.5],
    ['boolean', 0],
    ['boolean', 1],
    ['persons', 0],
    ['persons', 12850],
    ['count', 3],
    ['rate_per_100k', 12.34],
    ['cny_per_month', 6850.5],
    ['score_0_6', 6],
    ['score_0_6', 4.5],
  ] as const)('accepts %s %d', (unit, value) => {
    expect(valueProblem(unit, value)).toBeNull();
  });

  it.each([
    ['percent', 100.1, 'between 0 and 100'],
    ['percent', -1, 'between 0 and 100'],
    ['boolean', 0.5, '0 (no) or 1 (yes)'],
    ['boolean', 2, '0 (no) or 1 (yes)'],
    ['persons', 1.5, 'whole number'],
    ['persons', -3, 'whole number'],
    ['count', 2.2, 'whole number'],
    ['rate_per_100k', -0.1, '0 or more'],
    ['cny_per_month', -100, '0 or more'],
    ['score_0_6', 7, 'between 0 and 6'],
  ] as const)('refuses %s %d naming value', (unit, value, message) => {
    const problem = valueProblem(unit, value);
    expect(problem).toMatch(/^value /);
    expect(problem).toContain(message);
  });

  it('names another field when asked, and refuses non-numbers', () => {
    expect(valueProblem('percent', 120, 'targetValue')).toMatch(/^targetValue must be a percentage/);
    expect(valueProblem('percent', Number.NaN)).toBe('value must be a number');
  });

  it('has a rule for every unit, and the SQL version covers each', () => {
    for (const unit of UNITS) expect(UNIT_RULES[unit]).toBeDefined();
    const sql = valueProblemSql('v', 'u');
    for (const unit of UNITS) expect(sql).toContain(`u = '${unit}'`);
  });

  it.each([['12'], ['12.5'], ['.5'], ['3.'], ['+4'], ['1e3'], ['-2']])('the importer reads %s as a number', (text) => {
    expect(numberText(text)).toBe(text);
  });

  it.each([['1,234'], ['12 %'], ['abc'], [''], ['.'], ['NaN'], ['Infinity'], ['1e99999'], ['1'.repeat(41)]])('the importer refuses %s as a number', (text) => {
    expect(numberText(text)).toBeNull();
  });
});
