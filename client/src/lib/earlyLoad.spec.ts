import { earlyLoad } from './earlyLoad';

describe('earlyLoad (a view’s first request, sent by its layout)', () => {
  function counting() {
    const asked: string[] = [];
    const load = earlyLoad((id) => {
      asked.push(id);
      return Promise.resolve(`figures of ${id} #${asked.length}`);
    });
    return { asked, load };
  }

  it('hands the view the answer started for it, once; the next take asks afresh', async () => {
    const { asked, load } = counting();
    load.start('r1');
    load.start('r1');
    expect(asked).toEqual(['r1']);
    await expect(load.take('r1')).resolves.toBe('figures of r1 #1');
    await expect(load.take('r1')).resolves.toBe('figures of r1 #2');
    await expect(load.take('r2')).resolves.toBe('figures of r2 #3');
    expect(asked).toEqual(['r1', 'r1', 'r2']);
  });

  it('drops an answer nobody took within ten seconds', async () => {
    const { asked, load } = counting();
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      load.start('r1');
      now.mockReturnValue(1_000_000 + 10_001);
      await expect(load.take('r1')).resolves.toBe('figures of r1 #2');
      expect(asked).toEqual(['r1', 'r1']);
    } finally {
      now.mockRestore();
    }
  });

  it('gives the view the failure of the load started for it, without an unhandled rejection before', async () => {
    const load = earlyLoad(() => Promise.reject(new Error('offline')));
    load.start('r1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(load.take('r1')).rejects.toThrow('offline');
  });
});
