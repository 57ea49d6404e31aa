import type { RoundtableBalance, TripartiteBalance } from '@shared/balance';
import type { Constituency } from '@shared/enums';
import { genderBalance } from '@shared/gender-balance';
import { balanceProblem, balanceRows, balanceScaleMax } from './balance';

const counts = (partial: Partial<Record<Constituency, number>>): Record<Constituency, number> => ({
  government: 0,
  employers: 0,
  workers: 0,
  park_management: 0,
  civil_society: 0,
  academia: 0,
  international: 0,
  ...partial,
});

const tri = (partial: Partial<Record<Constituency, number>>, verdict: TripartiteBalance['verdict'], missing: Constituency[] = []): TripartiteBalance => ({
  byConstituency: counts(partial),
  verdict,
  missing,
});

describe('balance chart data', () => {
  it('always shows the three constituents first, then only the others that have someone', () => {
    const rows = balanceRows(tri({ government: 2, academia: 1 }, 'missing', ['employers', 'workers']));
    expect(rows.map((r) => r.constituency)).toEqual(['government', 'employers', 'workers', 'academia']);
    expect(rows.map((r) => r.missing)).toEqual([false, true, true, false]);
    expect(rows.map((r) => r.tripartite)).toEqual([true, true, true, false]);
    expect(rows[0]).not.toHaveProperty('attending');
  });

  it('pairs invited and attending counts for a roundtable', () => {
    const balance: RoundtableBalance = {
      invited: tri({ government: 3, employers: 2, workers: 2, international: 1 }, 'balanced'),
      attending: tri({ government: 2, employers: 0, workers: 1, park_management: 1 }, 'missing', ['employers']),
      verdict: 'missing',
      gender: genderBalance([]),
    };
    const rows = balanceRows(balance);
    expect(rows.map((r) => [r.constituency, r.count, r.attending])).toEqual([
      ['government', 3, 2],
      ['employers', 2, 0],
      ['workers', 2, 1],
      ['park_management', 0, 1],
      ['international', 1, 0],
    ]);
    expect(balanceScaleMax(rows)).toBe(3);
  });

  it('scales an empty chart to 1', () => {
    expect(balanceScaleMax(balanceRows(tri({}, 'missing', ['government', 'employers', 'workers'])))).toBe(1);
  });

  it('names the missing constituents, from attendance once it is recorded', () => {
    const balance: RoundtableBalance = {
      invited: tri({ government: 1, employers: 1, workers: 1 }, 'balanced'),
      attending: tri({ government: 1 }, 'missing', ['employers', 'workers']),
      verdict: 'missing',
      gender: genderBalance([]),
    };
    expect(balanceProblem(balance, false)).toBeNull();
    expect(balanceProblem(balance, true)).toEqual({ verdict: 'missing', basis: 'attending', missing: ['employers', 'workers'] });
  });

  it('names the largest and smallest constituents when one outnumbers another more than two to one', () => {
    const problem = balanceProblem(tri({ government: 7, employers: 3, workers: 2 }, 'unbalanced'));
    expect(problem).toEqual({
      verdict: 'unbalanced',
      basis: 'members',
      missing: [],
      largest: { constituency: 'government', count: 7 },
      smallest: { constituency: 'workers', count: 2 },
    });
    expect(balanceProblem(tri({ government: 2, employers: 2, workers: 1 }, 'balanced'))).toBeNull();
  });
});
