import { type RaisedHand, speakingOrder, speakingTime } from './speaking-order';

const hand = (id: string, constituency: RaisedHand['constituency'], raisedAt: number): RaisedHand => ({ id, constituency, raisedAt });

describe('speakingOrder', () => {
  // Four government hands went up first, then one employer, then one worker.
  const hands = [
    hand('g1', 'government', 1),
    hand('g2', 'government', 2),
    hand('g3', 'government', 3),
    hand('g4', 'government', 4),
    hand('e1', 'employers', 5),
    hand('w1', 'workers', 6),
  ];

  it('fifo: the order raised', () => {
    expect(speakingOrder(hands, 'fifo')).toEqual(['g1', 'g2', 'g3', 'g4', 'e1', 'w1']);
  });

  it('alternate: one of each group in turn, so the employers and workers are not crowded out', () => {
    expect(speakingOrder(hands, 'alternate')).toEqual(['g1', 'e1', 'w1', 'g2', 'g3', 'g4']);
  });

  it('alternate: the group that just spoke goes last in the first round', () => {
    expect(speakingOrder(hands, 'alternate', { government: 10 })).toEqual(['e1', 'w1', 'g1', 'g2', 'g3', 'g4']);
    expect(speakingOrder([hand('g1', 'government', 1), hand('g2', 'government', 2)], 'alternate', { government: 10 })).toEqual(['g1', 'g2']);
  });

  it('alternate: a group that has not spoken yet comes before those that have, the longest-waiting group next', () => {
    const waiting = [hand('g2', 'government', 2), hand('e1', 'employers', 4), hand('w2', 'workers', 5)];
    expect(speakingOrder(waiting, 'alternate', { government: 100, workers: 200 })).toEqual(['e1', 'g2', 'w2']);
  });

  it('an empty queue, and ties broken by id', () => {
    expect(speakingOrder([], 'alternate')).toEqual([]);
    expect(speakingOrder([hand('b', 'workers', 1), hand('a', 'workers', 1)], 'fifo')).toEqual(['a', 'b']);
  });
});

describe('speakingTime', () => {
  it('adds up seconds per constituency, a running turn up to now', () => {
    expect(
      speakingTime(
        [
          { constituency: 'workers', startedAt: 0, endedAt: 90_000 },
          { constituency: 'workers', startedAt: 100_000, endedAt: 130_000 },
          { constituency: 'employers', startedAt: 130_000, endedAt: null },
        ],
        145_000,
      ),
    ).toEqual({ workers: 120, employers: 15 });
  });
});
