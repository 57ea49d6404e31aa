import { genderBalance } from './gender-balance';

describe('genderBalance', () => {
  it('women’s share of those who stated, overall and per constituency, and how many did not state', () => {
    const balance = genderBalance([
      { constituency: 'government', sex: 'female' },
      { constituency: 'government', sex: 'male' },
      { constituency: 'employers', sex: 'male' },
      { constituency: 'employers', sex: 'male' },
      { constituency: 'employers', sex: 'male' },
      { constituency: 'employers', sex: 'female' },
      { constituency: 'workers', sex: 'not_stated' },
      { constituency: 'workers', sex: null },
    ]);
    expect(balance).toMatchObject({ total: 8, women: 2, men: 4, notStated: 2, womenShare: 2 / 6, belowTarget: false });
    const by = Object.fromEntries(balance.byConstituency.map((g) => [g.constituency, g]));
    expect(by.government).toMatchObject({ total: 2, womenShare: 0.5, belowTarget: false });
    expect(by.employers).toMatchObject({ total: 4, women: 1, womenShare: 0.25, belowTarget: true });
    expect(by.workers).toMatchObject({ total: 2, notStated: 2, womenShare: null, belowTarget: false });
    expect(by.academia).toMatchObject({ total: 0, womenShare: null });
  });

  it('warns below 30%, not at it', () => {
    const people = (women: number, men: number) => [
      ...Array.from({ length: women }, () => ({ constituency: 'workers' as const, sex: 'female' as const })),
      ...Array.from({ length: men }, () => ({ constituency: 'workers' as const, sex: 'male' as const })),
    ];
    expect(genderBalance(people(3, 7)).belowTarget).toBe(false);
    expect(genderBalance(people(2, 5)).belowTarget).toBe(true);
    expect(genderBalance([]).womenShare).toBeNull();
  });
});
