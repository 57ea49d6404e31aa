import { heldLoad } from './heldLoad.testing';
import { livePatches } from './livePatches';

type Vote = { id: string; status: 'open' | 'closed'; for: number };
const close = (id: string) => (list: Vote[]) => list.map((v) => (v.id === id ? { ...v, status: 'closed' as const } : v));
const tally = (id: string, count: number) => (list: Vote[]) => list.map((v) => (v.id === id && v.status === 'open' ? { ...v, for: count } : v));

describe('livePatches', () => {
  it("gives a read's answer as it is when nothing changed live while it was under way", async () => {
    const votes = livePatches<Vote[]>();
    votes.patch(close('before'));
    const read = heldLoad([{ id: 'v1', status: 'open' as const, for: 2 }]);
    const answer = votes.read(read.load);
    read.release();
    await expect(answer).resolves.toEqual([{ id: 'v1', status: 'open', for: 2 }]);
  });

  it('applies again, in order, what changed live while the read was under way: a vote closed then is shown closed', async () => {
    const votes = livePatches<Vote[]>();
    const read = heldLoad([{ id: 'v1', status: 'open' as const, for: 2 }]);
    const answer = votes.read(read.load);
    votes.patch(tally('v1', 3));
    votes.patch(close('v1'));
    votes.patch(tally('v1', 9));
    read.release();
    await expect(answer).resolves.toEqual([{ id: 'v1', status: 'closed', for: 3 }]);
  });

  it('returns each patch for the page to apply now, and keeps none for a read started after it', async () => {
    const votes = livePatches<Vote[]>();
    const update = close('v1');
    expect(votes.patch(update)).toBe(update);
    const first = heldLoad([{ id: 'v1', status: 'open' as const, for: 0 }]);
    const during = votes.read(first.load);
    votes.patch(tally('v1', 1));
    first.release();
    await expect(during).resolves.toEqual([{ id: 'v1', status: 'open', for: 1 }]);
    const second = heldLoad([{ id: 'v1', status: 'open' as const, for: 5 }]);
    const after = votes.read(second.load);
    second.release();
    await expect(after).resolves.toEqual([{ id: 'v1', status: 'open', for: 5 }]);
  });

  it('hands a failed read on, and forgets the patches it had kept', async () => {
    const votes = livePatches<Vote[]>();
    const failed = votes.read(() => Promise.reject(new Error('offline')));
    votes.patch(close('v1'));
    await expect(failed).rejects.toThrow('offline');
    const read = heldLoad([{ id: 'v1', status: 'open' as const, for: 0 }]);
    const answer = votes.read(read.load);
    read.release();
    await expect(answer).resolves.toEqual([{ id: 'v1', status: 'open', for: 0 }]);
  });
});
