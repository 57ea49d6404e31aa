import type { Socket as NetSocket } from 'node:net';

/** Broadcast frames a second from which a process counts as busy and holds frames (whatever the window). */
const BUSY_FRAMES_PER_SECOND = 10_000;

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
 * Only while the process is busy (busyFrames a window, by default 10,000 frames a second): a quiet server writes each
 * frame at once. One timer for all connections, running only while frames are written. windowMs 0: every frame is
 * written at once.
 *
 * A patient frame (news nobody waits on, such as who joined a channel: write(…, true)) is held until the window ends
 * even on a quiet server, so that the ones a burst of joins sends each member leave together; the first frame that is
 * not patient writes it, and itself, at once (unless the connection is held because the server is busy).
 */
export class FrameCoalescer {
  /** Connections whose frames are held until the window ends. */
  private held = new Set<NetSocket>();
  /** Held connections that hold only patient frames (and what was written to them since). */
  private patient = new Set<NetSocket>();
  /** Connections written to during this window (their next frame is held). */
  private recent = new Set<NetSocket>();
  private timer?: NodeJS.Timeout;
  /** Frames written in this window, and whether the last window had as many as busyFrames. */
  private frames = 0;
  private busy = false;

  /**
   * busyFrames: frames are held only while the process writes at least this many per window (on a busy server, where
   * the system calls cost); below it each is written at once, as the change it reports has just been answered.
   */
  constructor(
    private readonly windowMs: number,
    private readonly busyFrames = Math.ceil((BUSY_FRAMES_PER_SECOND * windowMs) / 1000),
  ) {
    this.busy = busyFrames <= 0;
  }

  write(tcp: NetSocket, frame: Buffer, patient = false): void {
    if (this.windowMs <= 0) {
      tcp.write(frame);
      return;
    }
    this.frames++;
    const hold = this.busy && this.recent.has(tcp);
    if (!this.held.has(tcp)) {
      if (hold || patient) {
        tcp.cork();
        this.held.add(tcp);
        if (!hold) this.patient.add(tcp);
      }
    } else if (!patient && this.patient.has(tcp)) {
      this.patient.delete(tcp);
      if (!hold) {
        // Someone waits on this one: it leaves now, with the patient frames before it.
        tcp.write(frame);
        this.recent.add(tcp);
        this.release(tcp);
        return;
      }
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
    this.patient.delete(tcp);
    tcp.uncork();
  }

  /** The window ends: the held connections write what they hold; they (and only they) are held again if written to. */
  private readonly endWindow = (): void => {
    this.timer = undefined;
    const flushed = this.held;
    this.held = new Set();
    this.patient.clear();
    for (const tcp of flushed) tcp.uncork();
    this.busy = this.frames >= this.busyFrames;
    this.frames = 0;
    this.recent = flushed;
    if (flushed.size) {
      this.timer = setTimeout(this.endWindow, this.windowMs);
      this.timer.unref();
    }
  };
}
