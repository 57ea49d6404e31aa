import type { Socket as NetSocket } from 'node:net';

/**
 * Joins the broadcast frames that follow one another closely on the same connection into one system call.
 *
 * Writing a frame to a TCP connection is a system call, and on a busy channel it is most of the server's work: at
 * 1,500 messages a second in rooms of 25, some 36,000 writes a second, each a few microseconds of the kernel's time
 * charged to this process. A connection's first frame after a quiet spell is written at once; the frames that follow
 * within `windowMs` of it are held in the TCP socket itself (cork) and leave together (uncork: one writev) when the
 * window ends, and a connection that had frames held stays held for one more window. Everything written to that
 * socket meanwhile, by anyone (ws's acks, engine.io's pings), is held in the same queue behind them, so nothing is
 * reordered; a frame waits at most `windowMs`, and only when another frame went to the same connection just before.
 * One timer for all connections, running only while some are held. windowMs 0: every frame is written at once.
 */
export class FrameCoalescer {
  /** Connections whose frames are held until the window ends. */
  private held = new Set<NetSocket>();
  /** Connections written to during this window (their next frame is held). */
  private recent = new Set<NetSocket>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly windowMs: number) {}

  write(tcp: NetSocket, frame: Buffer): void {
    if (this.windowMs <= 0) {
      tcp.write(frame);
      return;
    }
    if (this.recent.has(tcp) && !this.held.has(tcp)) {
      tcp.cork();
      this.held.add(tcp);
    }
    tcp.write(frame);
    this.recent.add(tcp);
    if (!this.timer) {
      this.timer = setTimeout(this.endWindow, this.windowMs);
      this.timer.unref();
    }
  }

  /** Writes what is held for a connection now (its next frame within the window is held again). */
  release(tcp: NetSocket): void {
    if (!this.held.delete(tcp)) return;
    tcp.uncork();
  }

  /** The window ends: the held connections write what they hold; they (and only they) are held again if written to. */
  private readonly endWindow = (): void => {
    this.timer = undefined;
    const flushed = this.held;
    this.held = new Set();
    for (const tcp of flushed) tcp.uncork();
    this.recent = flushed;
    if (flushed.size) {
      this.timer = setTimeout(this.endWindow, this.windowMs);
      this.timer.unref();
    }
  };
}
