import { performance } from 'node:perf_hooks';
import type { Socket as NetSocket } from 'node:net';

/** The parts of engine.io's Socket (a socket.io socket's `conn`) used here; engine.io does not type them. */
interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: EngineTransport;
  flush(): void;
  on(event: 'upgrade', listener: (transport: EngineTransport) => void): void;
  once(event: 'close', listener: () => void): void;
}

interface EngineTransport {
  name: string;
  writable: boolean;
  send(packets: unknown[]): void;
  /** The `ws` WebSocket of a websocket transport, and its TCP socket. */
  socket?: { _socket?: NetSocket };
}

/**
 * Makes one connection write at most once per `windowMs`: the first packet after a quiet spell goes out at once;
 * packets that follow within the window wait for its end and then go out together, in order, in one system call.
 *
 * Every packet is still its own socket.io packet and WebSocket frame, so clients see no difference but timing. It is
 * the user-space form of what TCP_CORK does: under a heavy load a connection that receives 50 messages a second
 * costs a fraction of the writes (on a small machine, each write to a socket costs more than the rest of the work of
 * a delivery), and a quiet connection gets each packet without delay. 0 turns it off.
 */
export function coalesceWrites(conn: EngineConnection, windowMs: number): void {
  if (windowMs <= 0) return;
  const flushNow = conn.flush.bind(conn);
  let lastFlush = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;

  const flushAndNote = () => {
    timer = undefined;
    lastFlush = performance.now();
    flushNow();
  };

  conn.flush = () => {
    // engine.io flushes again when the transport is writable ("ready"); nothing to do meanwhile.
    if (timer || conn.readyState === 'closed' || !conn.transport.writable || !conn.writeBuffer.length) return;
    const wait = lastFlush + windowMs - performance.now();
    if (wait <= 0) flushAndNote();
    else timer = setTimeout(flushAndNote, wait);
  };
  conn.once('close', () => clearTimeout(timer));

  batchFrames(conn.transport);
  conn.on('upgrade', batchFrames);
}

/** Sends the frames of one flush in one write: the TCP socket is corked while `ws` writes them. */
function batchFrames(transport: EngineTransport): void {
  const tcp = transport.name === 'websocket' ? transport.socket?._socket : undefined;
  if (!tcp) return;
  const send = transport.send.bind(transport);
  transport.send = (packets) => {
    if (packets.length < 2) return send(packets);
    tcp.cork();
    try {
      send(packets);
    } finally {
      tcp.uncork();
    }
  };
}
