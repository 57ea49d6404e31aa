import type { Socket as NetSocket } from 'node:net';

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
const SENDER_IDLE = 0; // ws Sender's DEFAULT state: not compressing, not reading a Blob

/**
 * The TCP socket a frame can go to directly, skipping engine.io's and ws's per-packet work, when doing so
 * cannot reorder or lose anything: the connection is open on the WebSocket transport without compression,
 * engine.io holds nothing back (its write buffer is empty, so every earlier packet is already in the TCP
 * socket's own ordered stream) and ws's sender has nothing queued. Otherwise null: the usual path.
 */
function directSocket(conn: EngineSocket): NetSocket | null {
  if (conn.readyState !== 'open' || conn.writeBuffer.length !== 0) return null;
  const transport = conn.transport;
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
export function deliverLocally(adapter: InMemoryAdapterInternals, packet: BroadcastPacket, opts: BroadcastOptions): void {
  const flags = opts.flags ?? {};
  const packetOpts: PacketOptions = { preEncoded: true, volatile: flags.volatile, compress: flags.compress };
  packet.nsp = adapter.nsp.name;
  const encoded = adapter._encode(packet, packetOpts);
  const parts = flags.volatile ? undefined : packetOpts.wsPreEncodedFrame;
  const frame = parts ? (parts.length === 1 ? parts[0] : Buffer.concat(parts)) : null;
  adapter.apply(opts, (socket) => {
    socket.notifyOutgoingListeners?.(packet);
    const tcp = frame && directSocket(socket.conn);
    if (tcp) tcp.write(frame);
    else socket.client.writeToEngine(encoded, packetOpts);
  });
}
