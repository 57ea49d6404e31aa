import type { Constituency } from './enums';
import { type CountedPerson, roundtableBalance, tripartiteBalance } from './balance';

const people = (counts: Partial<Record<Constituency, number>>): Constituency[] =>
  Object.entries(counts).flatMap(([c, n]) => Array<Constituency>(n ?? 0).fill(c as Constituency));

describe('tripartiteBalance', () => {
  it('counts every constituency, all seven keys present even at zero', () => {
    const b = tripartiteBalance(people({ government: 2, workers: 1, academia: 3 }));
    expect(b.byConstituency).toEqual({
      government: 2,
      employers: 0,
      workers: 1,
      park_management: 0,
      civil_society: 0,
      academia: 3,
      international: 0,
    });
  });

  it('nobody at all: all three constituents missing', () => {
    expect(tripartiteBalance([])).toMatchObject({ verdict: 'missing', missing: ['government', 'employers', 'workers'] });
  });

  it('names the one constituency that has zero people', () => {
    const b = tripartiteBalance(people({ government: 3, employers: 3 }));
    expect(b).toMatchObject({ verdict: 'missing', missing: ['workers'] });
  });

  it('a missing constituent outweighs any imbalance among the others', () => {
    expect(tripartiteBalance(people({ government: 10, workers: 1 })).verdict).toBe('missing');
  });

  it('ties are balanced', () => {
    expect(tripartiteBalance(people({ government: 1, employers: 1, workers: 1 }))).toMatchObject({ verdict: 'balanced', missing: [] });
    expect(tripartiteBalance(people({ government: 4, employers: 4, workers: 4 })).verdict).toBe('balanced');
  });

  it('exactly twice the smallest is still balanced', () => {
    expect(tripartiteBalance(people({ government: 4, employers: 2, workers: 3 })).verdict).toBe('balanced');
    expect(tripartiteBalance(people({ government: 2, employers: 1, workers: 2 })).verdict).toBe('balanced');
  });

  it('more than twice the smallest is unbalanced, whichever constituency is the large one', () => {
    expect(tripartiteBalance(people({ government: 5, employers: 2, workers: 3 })).verdict).toBe('unbalanced');
    expect(tripartiteBalance(people({ government: 1, employers: 3, workers: 2 })).verdict).toBe('unbalanced');
    expect(tripartiteBalance(people({ government: 2, employers: 2, workers: 5 }))).toMatchObject({ verdict: 'unbalanced', missing: [] });
  });

  it('ignores non-tripartite constituencies for the verdict, however many', () => {
    const b = tripartiteBalance(people({ government: 1, employers: 1, workers: 1, international: 20, park_management: 9 }));
    expect(b.verdict).toBe('balanced');
    expect(b.byConstituency.international).toBe(20);
    expect(tripartiteBalance(people({ academia: 5, civil_society: 5 }))).toMatchObject({
      verdict: 'missing',
      missing: ['government', 'employers', 'workers'],
    });
  });
});

describe('roundtableBalance', () => {
  const person = (constituency: Constituency, role: CountedPerson['role'] = 'participant', attended: boolean | null = null): CountedPerson => ({
    constituency,
    role,
    attended,
  });

  it('before any attendance is recorded, the verdict is the invited balance', () => {
    const b = roundtableBalance([person('government'), person('employers', 'facilitator'), person('workers')]);
    expect(b.invited.verdict).toBe('balanced');
    expect(b.attending).toMatchObject({ verdict: 'missing', missing: ['government', 'employers', 'workers'] });
    expect(b.verdict).toBe('balanced');
  });

  it('once attendance is recorded, the verdict is the attending balance', () => {
    const b = roundtableBalance([person('government', 'participant', true), person('employers', 'participant', true), person('workers', 'participant', false)]);
    expect(b.invited.verdict).toBe('balanced');
    expect(b.attending).toMatchObject({ verdict: 'missing', missing: ['workers'] });
    expect(b.verdict).toBe('missing');
  });

  it('does not count observers, present or not', () => {
    const b = roundtableBalance([person('government', 'participant', true), person('employers', 'participant', true), person('workers', 'observer', true)]);
    expect(b.invited.byConstituency.workers).toBe(0);
    expect(b.attending.byConstituency.workers).toBe(0);
    expect(b.verdict).toBe('missing');
    // An observer's attendance alone does not switch the verdict to attendance.
    const onlyObserverRecorded = roundtableBalance([person('government'), person('employers'), person('workers'), person('workers', 'observer', true)]);
    expect(onlyObserverRecorded.verdict).toBe('balanced');
  });
});
