import { heldLoad } from './heldLoad.testing';
import { newestSnapshot } from './newestSnapshot';

describe('newestSnapshot', () => {
  it("gives a read's answer when nothing was pushed while it was under way", async () => {
    const queue = newestSnapshot<string[]>();
    queue.push(['before']);
    const read = heldLoad(['read']);
    const answer = queue.read(read.load);
    read.release();
    await expect(answer).resolves.toEqual(['read']);
  });

  it('gives the pushed snapshot, not the older read, when a push came while the read was under way', async () => {
    const queue = newestSnapshot<string[]>();
    const read = heldLoad(['Zhang Wei']);
    const answer = queue.read(read.load);
    expect(queue.push(['Zhang Wei', 'Wang Fang'])).toEqual(['Zhang Wei', 'Wang Fang']);
    read.release();
    await expect(answer).resolves.toEqual(['Zhang Wei', 'Wang Fang']);
  });

  it('the last of several pushes wins, and a read started after them gives its own answer', async () => {
    const queue = newestSnapshot<number>();
    const first = heldLoad(1);
    const during = queue.read(first.load);
    queue.push(2);
    queue.push(3);
    first.release();
    await expect(during).resolves.toBe(3);
    const second = heldLoad(4);
    const after = queue.read(second.load);
    second.release();
    await expect(after).resolves.toBe(4);
  });
});
