import { once } from 'node:events';
import { createServer, type Server, Socket } from 'node:net';
import { loadConfig } from '../config/app-config';
import { FrameCoalescer } from './frame-coalescer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real TCP connection on the loopback: what the far end received, chunk by chunk as the kernel handed it over. */
async function connection(): Promise<{ tcp: Socket; chunks: string[]; text: () => string; close: () => Promise<void> }> {
  const chunks: string[] = [];
  const server: Server = createServer((far) => far.on('data', (chunk: Buffer) => chunks.push(chunk.toString())));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const tcp = new Socket();
  tcp.setNoDelay(true);
  tcp.connect(port, '127.0.0.1');
  await once(tcp, 'connect');
  return {
    tcp,
    chunks,
    text: () => chunks.join(''),
    close: async () => {
      tcp.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Waits until the far end has received `text` (at most 2 s) and says how long that took. */
async function arrival(c: { text: () => string }, text: string): Promise<number> {
  const started = performance.now();
  while (c.text() !== text) {
    if (performance.now() - started > 2000) throw new Error(`received ${JSON.stringify(c.text())}, not ${JSON.stringify(text)}`);
    await sleep(2);
  }
  return performance.now() - started;
}

// Windows of a few hundred milliseconds, so that a slow machine's late timers cannot blur "held" and "written".
describe('FrameCoalescer', () => {
  it('writes a connection’s first frame at once, and the frames that follow within the window together when it ends', async () => {
    const c = await connection();
    try {
      const frames = new FrameCoalescer(400, 0);
      const opened = performance.now();
      frames.write(c.tcp, Buffer.from('A'));
      expect(await arrival(c, 'A')).toBeLessThan(200);

      frames.write(c.tcp, Buffer.from('B'));
      frames.write(c.tcp, Buffer.from('C'));
      await arrival(c, 'ABC');
      expect(performance.now() - opened).toBeGreaterThanOrEqual(395); // held until the window ended
      expect(c.chunks).toEqual(['A', 'BC']); // one write, one arrival
    } finally {
      await c.close();
    }
  });

  it('keeps the order of whatever else is written to the same connection while frames are held', async () => {
    const c = await connection();
    try {
      const frames = new FrameCoalescer(300, 0);
      frames.write(c.tcp, Buffer.from('1'));
      frames.write(c.tcp, Buffer.from('2'));
      c.tcp.write('ack'); // as ws writes an acknowledgement: behind the held frame, not before it
      frames.write(c.tcp, Buffer.from('3'));
      await arrival(c, '1');
      await sleep(50);
      expect(c.text()).toBe('1');
      await arrival(c, '12ack3');
    } finally {
      await c.close();
    }
  });

  it('writes at once again after a quiet window, and holds nothing with a window of 0', async () => {
    const c = await connection();
    try {
      const frames = new FrameCoalescer(100, 0);
      frames.write(c.tcp, Buffer.from('a'));
      frames.write(c.tcp, Buffer.from('b'));
      await arrival(c, 'ab');
      await sleep(250); // a window without anything: the connection is quiet again
      const quiet = performance.now();
      frames.write(c.tcp, Buffer.from('c'));
      await arrival(c, 'abc');
      expect(performance.now() - quiet).toBeLessThan(90);

      const immediate = new FrameCoalescer(0);
      immediate.write(c.tcp, Buffer.from('d'));
      immediate.write(c.tcp, Buffer.from('e'));
      expect(await arrival(c, 'abcde')).toBeLessThan(90);
    } finally {
      await c.close();
    }
  });

  it('writes what is held for a connection at once when asked (an ack before the room hears of it)', async () => {
    const c = await connection();
    try {
      const frames = new FrameCoalescer(400, 0);
      frames.write(c.tcp, Buffer.from('presence'));
      await arrival(c, 'presence');
      frames.write(c.tcp, Buffer.from('typing'));
      c.tcp.write('ack');
      const released = performance.now();
      frames.release(c.tcp);
      await arrival(c, 'presencetypingack');
      expect(performance.now() - released).toBeLessThan(200);
      frames.release(c.tcp); // nothing held: nothing to do
      frames.write(c.tcp, Buffer.from('next')); // written to within the window: held again
      await sleep(50);
      expect(c.text()).toBe('presencetypingack');
      await arrival(c, 'presencetypingacknext');
    } finally {
      await c.close();
    }
  });

  it('holds nothing while the process writes fewer frames a window than it takes to be busy', async () => {
    const c = await connection();
    try {
      const frames = new FrameCoalescer(400, 3);
      frames.write(c.tcp, Buffer.from('a'));
      frames.write(c.tcp, Buffer.from('b'));
      expect(await arrival(c, 'ab')).toBeLessThan(200); // quiet: both at once, not when the window ends
    } finally {
      await c.close();
    }
  });

  it('counts as busy from 10,000 frames a second whatever the window: 4,000 in a window of 400 ms', async () => {
    for (const [count, held] of [
      [3_999, false],
      [4_000, true],
    ] as const) {
      const c = await connection();
      try {
        const frames = new FrameCoalescer(400);
        const burst = 'q'.repeat(count);
        for (let i = 0; i < count; i++) frames.write(c.tcp, Buffer.from('q'));
        await arrival(c, burst);
        await sleep(450); // that window has ended
        frames.write(c.tcp, Buffer.from('b'));
        frames.write(c.tcp, Buffer.from('c'));
        const waited = await arrival(c, `${burst}bc`);
        if (held) expect(waited).toBeGreaterThanOrEqual(300);
        else expect(waited).toBeLessThan(200);
      } finally {
        await c.close();
      }
    }
  });

  it('holds patient frames (who joined) until the window ends even when quiet, and lets the next other frame take them along', async () => {
    const c = await connection();
    try {
      const frames = new FrameCoalescer(400, 1_000_000); // never busy
      const opened = performance.now();
      frames.write(c.tcp, Buffer.from('joined1'), true);
      frames.write(c.tcp, Buffer.from('joined2'), true);
      await arrival(c, 'joined1joined2');
      expect(performance.now() - opened).toBeGreaterThanOrEqual(395); // held, on a quiet server, until the window ended
      expect(c.chunks).toEqual(['joined1joined2']); // one write

      frames.write(c.tcp, Buffer.from('joined3'), true);
      await sleep(50);
      expect(c.text()).toBe('joined1joined2');
      const urgent = performance.now();
      frames.write(c.tcp, Buffer.from('message')); // someone waits on this one: it goes now, after the held one
      await arrival(c, 'joined1joined2joined3message');
      expect(performance.now() - urgent).toBeLessThan(200);
      frames.write(c.tcp, Buffer.from('next')); // not held: nothing patient before it, and the server is quiet
      expect(await arrival(c, 'joined1joined2joined3messagenext')).toBeLessThan(200);
    } finally {
      await c.close();
    }
  });

  it('lets a connection that closes while its frames are held go without an error', async () => {
    const c = await connection();
    const frames = new FrameCoalescer(50, 0);
    frames.write(c.tcp, Buffer.from('x'));
    frames.write(c.tcp, Buffer.from('y'));
    await arrival(c, 'x');
    c.tcp.destroy();
    await sleep(150);
    expect(c.text()).toBe('x');
    await c.close();
  });

  it('is 30 ms unless REALTIME_COALESCE_MS says otherwise, and refuses a window that is not 0–100 ms', () => {
    expect(loadConfig({}).realtimeCoalesceMs).toBe(30);
    expect(loadConfig({ REALTIME_COALESCE_MS: '0' }).realtimeCoalesceMs).toBe(0);
    expect(() => loadConfig({ REALTIME_COALESCE_MS: '500' })).toThrow(/REALTIME_COALESCE_MS: REALTIME_COALESCE_MS must be between 0 and 100/);
    expect(() => loadConfig({ REALTIME_COALESCE_MS: 'soon' })).toThrow(/REALTIME_COALESCE_MS/);
  });
});
