import { createRequire } from 'node:module';
import type { Socket as NetSocket } from 'node:net';
import { PassThrough } from 'node:stream';
import { FrameCoalescer } from './frame-coalescer';

/**
 * The parts of socket.io's in-memory Adapter (socket.io-adapter 2.5) that a broadcast uses: its encoder (which
 * also builds the WebSocket frame once for every recipient: `wsPreEncodedFrame`) and its walk over the sockets of
 * the rooms asked for.
 */
export interface InMemoryAdapterInternals {
  nsp: { name: string };
  _encode(packet: BroadcastPacket, packetOpts: PacketOptions): unknown[];
  apply(opts: BroadcastOptions, callback: (socket: LocalSocket) => void): void;
}
interface BroadcastPacket {
  nsp?: string;
  [key: string]: unknown;
}
export interface BroadcastOptions {
  rooms: Set<string>;
  except?: Set<string>;
  flags?: { local?: boolean; volatile?: boolean; compress?: boolean; [flag: string]: unknown };
}
interface PacketOptions {
  preEncoded: true;
  volatile?: boolean;
  compress?: boolean;
  /** The frame's header and payload, set by _encode when the packet is one text packet. */
  wsPreEncodedFrame?: Buffer[];
}
/** A socket.io Socket, as far as a broadcast touches it. */
interface LocalSocket {
  notifyOutgoingListeners?: (packet: BroadcastPacket) => void;
  client: { writeToEngine(encoded: unknown[], opts: PacketOptions): void };
  conn: EngineSocket;
}
/** engine.io's Socket (engine.io 6), its WebSocket transport and the `ws` WebSocket under it. */
interface EngineSocket {
  readyState: string;
  writeBuffer: unknown[];
  transport: {
    name: string;
    perMessageDeflate?: unknown;
    socket?: { readyState: number; _sender?: { _state?: number; _queue?: unknown[] }; _socket?: NetSocket };
  };
}

const WEBSOCKET_OPEN = 1;

/**
 * Events nobody waits on, whose frames may wait for the coalescer's window (FrameCoalescer, patient): who joined or
 * left a channel. A burst of joins (a roundtable opening, a process restarting) sends each member one per joiner.
 */
const PATIENT_EVENTS = new Set(['presence']);
const SENDER_IDLE = 0; // ws Sender's DEFAULT state: not compressing, not reading a Blob

/**
 * Whether broadcasts are written straight to the recipients' connections (deliverLocally) or go socket.io's
 * ordinary way. Decided at start-up (forced off by REALTIME_DIRECT_DELIVERY=false, or when the installed socket.io,
 * engine.io or ws lack a shape the direct write needs) and turned off for good, with one log line, should a live
 * connection show an unexpected shape.
 */
export class DeliveryMode {
  private reason: string | null;
  private readonly frames: FrameCoalescer;

  /** coalesceMs: see FrameCoalescer (0: every frame is written at once). */
  constructor(
    off: string | null,
    private readonly log: (line: string) => void,
    coalesceMs = 0,
  ) {
    this.reason = off;
    this.frames = new FrameCoalescer(coalesceMs);
  }

  /** Writes a broadcast's frame to a recipient's TCP socket found by directSocket (patient: see FrameCoalescer). */
  write(tcp: NetSocket, frame: Buffer, patient = false): void {
    this.frames.write(tcp, frame, patient);
  }

  /** Writes now what is held for a connection (an engine.io Socket), such as the ack just given to it. */
  release(conn: unknown): void {
    const tcp = (conn as Partial<EngineSocket> | undefined)?.transport?.socket?._socket;
    if (tcp) this.frames.release(tcp);
  }

  get direct(): boolean {
    return this.reason === null;
  }

  /** Why broadcasts take socket.io's ordinary path (null while they are written directly). */
  get fallbackReason(): string | null {
    return this.reason;
  }

  fallBack(reason: string): void {
    if (this.reason !== null) return;
    this.reason = reason;
    this.log(`direct WebSocket delivery is off (${reason}); broadcasting through socket.io`);
  }
}

const deliveryModes = new WeakMap<object, DeliveryMode>();

/** Records how a socket.io server (made by RealtimeIoAdapter) delivers broadcasts to its own sockets. */
export const setDeliveryMode = (server: object, mode: DeliveryMode): void => void deliveryModes.set(server, mode);
export const deliveryModeOf = (server: object): DeliveryMode | undefined => deliveryModes.get(server);

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** What is missing from the in-memory adapter of a socket.io namespace for deliverLocally (empty: nothing). */
export function missingAdapterShapes(adapter: unknown): string[] {
  const a = adapter as Partial<Record<'nsp' | '_encode' | 'apply', unknown>> | null;
  const missing: string[] = [];
  if (!a || typeof (a.nsp as { name?: unknown } | undefined)?.name !== 'string') missing.push('adapter.nsp.name');
  if (!isFunction(a?._encode)) missing.push('adapter._encode()');
  if (!isFunction(a?.apply)) missing.push('adapter.apply()');
  if (missing.length) return missing;
  // The encoder must build the one WebSocket frame for all recipients (socket.io-adapter ≥ 2.5).
  try {
    const opts: PacketOptions = { preEncoded: true };
    (a as unknown as InMemoryAdapterInternals)._encode({ type: 2, data: ['greentable:probe'], nsp: '/' }, opts);
    const frame = opts.wsPreEncodedFrame;
    if (!Array.isArray(frame) || !frame.every((part) => Buffer.isBuffer(part))) missing.push('adapter._encode() → wsPreEncodedFrame');
  } catch {
    missing.push('adapter._encode() → wsPreEncodedFrame');
  }
  return missing;
}

/** What socket.io's Socket and Client classes (their prototypes) lack for deliverLocally. */
export function missingSocketShapes(socketPrototype: unknown, clientPrototype: unknown): string[] {
  const missing: string[] = [];
  if (!isFunction((clientPrototype as { writeToEngine?: unknown } | null)?.writeToEngine)) missing.push('client.writeToEngine()');
  const notify = (socketPrototype as { notifyOutgoingListeners?: unknown } | null)?.notifyOutgoingListeners;
  if (notify !== undefined && !isFunction(notify)) missing.push('socket.notifyOutgoingListeners()');
  return missing;
}

/** What a `ws` WebSocket (the one under engine.io's WebSocket transport, once open) lacks for directSocket. */
export function missingWebSocketShapes(ws: unknown): string[] {
  const w = ws as { readyState?: unknown; _sender?: { _state?: unknown; _queue?: unknown } | null; _socket?: { write?: unknown } | null } | null;
  const missing: string[] = [];
  if (typeof w?.readyState !== 'number') missing.push('ws.readyState');
  if (typeof w?._sender?._state !== 'number') missing.push('ws._sender._state');
  if (!Array.isArray(w?._sender?._queue)) missing.push('ws._sender._queue');
  if (!isFunction(w?._socket?.write)) missing.push('ws._socket.write()');
  return missing;
}

/** What an engine.io Socket (a live connection) lacks for directSocket. */
export function missingEngineShapes(conn: unknown): string[] {
  const c = conn as { readyState?: unknown; writeBuffer?: unknown; transport?: { name?: unknown; socket?: unknown } } | null;
  const missing: string[] = [];
  if (typeof c?.readyState !== 'string') missing.push('conn.readyState');
  if (!Array.isArray(c?.writeBuffer)) missing.push('conn.writeBuffer');
  if (typeof c?.transport?.name !== 'string') missing.push('conn.transport.name');
  else if (c.transport.name === 'websocket') missing.push(...missingWebSocketShapes(c.transport.socket));
  return missing;
}

/**
 * Opens a real `ws` WebSocket (the copy engine.io uses) on an in-memory stream, the way ws's server does after an
 * upgrade, and checks that it has the shapes directSocket reads.
 */
export function probeWebSocket(): string[] {
  try {
    const fromEngine = createRequire(require.resolve('engine.io'));
    const { WebSocket } = fromEngine('ws') as {
      WebSocket: new (
        address: null,
        protocols?: undefined,
        options?: object,
      ) => { setSocket(socket: unknown, head: Buffer, options: object): void; terminate(): void };
    };
    const ws = new WebSocket(null, undefined, {});
    const stream = new PassThrough();
    ws.setSocket(stream, Buffer.alloc(0), { maxPayload: 0, skipUTF8Validation: false });
    const missing = missingWebSocketShapes(ws);
    ws.terminate();
    stream.destroy();
    return missing;
  } catch (error) {
    return [`ws: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/** Says why the direct path cannot be used with this namespace adapter and these socket.io classes (null: it can). */
export function directDeliveryProblem(adapter: unknown, socketPrototype: unknown, clientPrototype: unknown): string | null {
  const missing = [...missingAdapterShapes(adapter), ...missingSocketShapes(socketPrototype, clientPrototype), ...probeWebSocket()];
  return missing.length ? `the installed socket.io lacks ${missing.join(', ')}` : null;
}

/** Connections already checked against the shapes the direct path reads (each engine.io connection once). */
const checked = new WeakSet<object>();

/**
 * The TCP socket a frame can go to directly, skipping engine.io's and ws's per-packet work, when doing so
 * cannot reorder or lose anything: the connection is open on the WebSocket transport without compression,
 * engine.io holds nothing back (its write buffer is empty, so every earlier packet is already in the TCP
 * socket's own ordered stream) and ws's sender has nothing queued. Otherwise null: the usual path. A connection
 * of an unexpected shape turns the direct path off (mode.fallBack).
 */
function directSocket(conn: EngineSocket, mode: DeliveryMode): NetSocket | null {
  const transport = conn.transport;
  if (!checked.has(transport ?? conn)) {
    const missing = missingEngineShapes(conn);
    if (missing.length) {
      mode.fallBack(`a connection lacks ${missing.join(', ')}`);
      return null;
    }
    // Checked once per transport: a connection that upgrades from polling to WebSocket is checked again.
    checked.add(transport);
  }
  if (conn.readyState !== 'open' || conn.writeBuffer.length !== 0) return null;
  if (transport.name !== 'websocket' || transport.perMessageDeflate) return null;
  const ws = transport.socket;
  const sender = ws?._sender;
  const tcp = ws?._socket;
  if (!ws || ws.readyState !== WEBSOCKET_OPEN || !sender || sender._state !== SENDER_IDLE || sender._queue?.length !== 0) return null;
  if (!tcp || tcp.destroyed || !tcp.writable) return null;
  return tcp;
}

/**
 * Delivers a broadcast to this process's sockets, as socket.io's in-memory Adapter.broadcast does, but writes the
 * one WebSocket frame built for all recipients straight to each recipient's TCP socket (one write each) instead of
 * passing it through engine.io's and ws's queues and callbacks per recipient — most of a busy channel's cost is
 * that per-recipient work. Where the direct write is not safe (see directSocket), or the packet is not a plain
 * text frame, or the broadcast is volatile, the packet goes the usual way.
 */
export function deliverLocally(adapter: InMemoryAdapterInternals, packet: BroadcastPacket, opts: BroadcastOptions, mode: DeliveryMode): void {
  const flags = opts.flags ?? {};
  const packetOpts: PacketOptions = { preEncoded: true, volatile: flags.volatile, compress: flags.compress };
  packet.nsp = adapter.nsp.name;
  const encoded = adapter._encode(packet, packetOpts);
  const parts = flags.volatile ? undefined : packetOpts.wsPreEncodedFrame;
  const frame = parts ? (parts.length === 1 ? parts[0] : Buffer.concat(parts)) : null;
  const patient = Array.isArray(packet.data) && PATIENT_EVENTS.has(packet.data[0] as string);
  adapter.apply(opts, (socket) => {
    socket.notifyOutgoingListeners?.(packet);
    const tcp = frame && mode.direct ? directSocket(socket.conn, mode) : null;
    if (tcp) mode.write(tcp, frame!, patient);
    else socket.client.writeToEngine(encoded, packetOpts);
  });
}
