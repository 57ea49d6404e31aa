// A minimal socket.io client for the load workers of bench/realtime.ts: the socket.io protocol (v5, engine.io v4)
// over a WebSocket (RFC 6455) spoken directly on a TCP socket, the default namespace, text packets only. It does
// what a real client does on the wire — the HTTP upgrade, authentication in the handshake, pongs to pings, emits
// with acknowledgements (masked frames, as clients must send), received events — with a fraction of the work of
// socket.io-client or even the `ws` package per received frame, so that the load generator, which shares the
// machine's two cores with the server it measures, takes less of them. Received events are handed over as the
// raw packet bytes: the worker reads only what it measures.
import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';

/** engine.io packet types (first character) and socket.io packet types (second), as byte values. */
const ENGINE = { open: 0x30, close: 0x31, ping: 0x32, pong: 0x33, message: 0x34 } as const;
const SOCKET = { connect: 0x30, disconnect: 0x31, event: 0x32, ack: 0x33, connectError: 0x34 } as const;
/** WebSocket opcodes. */
const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export type Ack = (response: unknown) => void;

/** One client-to-server frame: FIN + opcode, the masked length, a zero masking key (the payload stays as it is). */
function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + 4 + n);
  out[0] = 0x80 | opcode;
  if (n < 126) out[1] = 0x80 | n;
  else if (n < 65_536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(n), 2);
  }
  out.writeUInt32BE(0, head);
  payload.copy(out, head + 4);
  return out;
}

export class WireClient {
  private nextAckId = 0;
  private readonly acks = new Map<number, Ack>();
  private readonly listeners = new Map<string, (raw: Buffer) => void>();
  private pending: Buffer | null = null;
  private upgraded = false;
  private connected = false;
  private closed = false;
  onClose?: () => void;
  /** Handshake steps, while connecting. */
  private onConnected?: () => void;
  private onRefused?: (error: Error) => void;

  private constructor(
    private readonly tcp: Socket,
    private readonly auth: Record<string, unknown>,
  ) {}

  /** Opens the WebSocket and connects to the default namespace with `auth`; rejects on connect_error. */
  static connect(baseUrl: string, auth: Record<string, unknown>, timeoutMs: number): Promise<WireClient> {
    const { hostname, port } = new URL(baseUrl);
    const tcp = tcpConnect({ host: hostname, port: Number(port), noDelay: true });
    const client = new WireClient(tcp, auth);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('connect timed out')), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        client.close();
        reject(error);
      };
      client.onConnected = () => {
        clearTimeout(timer);
        resolve(client);
      };
      client.onRefused = fail;
      tcp.on('error', (error) => (client.connected ? client.close() : fail(error)));
      tcp.on('close', () => {
        if (!client.connected) fail(new Error('closed before connecting'));
        else client.close();
      });
      tcp.on('data', (chunk: Buffer) => client.read(chunk));
      tcp.on('connect', () => {
        tcp.write(
          `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
    });
  }

  /** Emits `event` with `payload`, and calls `ack` with the server's answer. */
  emit(event: string, payload: unknown, ack: Ack): void {
    const id = this.nextAckId++;
    this.acks.set(id, ack);
    this.sendText(`42${id}${JSON.stringify([event, payload])}`);
  }

  emitWithAck(event: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${event}: no answer within ${timeoutMs} ms`)), timeoutMs);
      this.emit(event, payload, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
    });
  }

  /** Calls `listener` with the raw packet bytes (`42["event",…]`) of every `event` received. */
  on(event: string, listener: (raw: Buffer) => void): void {
    this.listeners.set(event, listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const wasConnected = this.connected;
    this.connected = false;
    if (this.upgraded && !this.tcp.destroyed) this.tcp.end(frame(OP.close, Buffer.alloc(0)));
    else this.tcp.destroy();
    if (wasConnected) this.onClose?.();
  }

  private sendText(text: string): void {
    if (!this.closed) this.tcp.write(frame(OP.text, Buffer.from(text)));
  }

  /** TCP bytes in: first the HTTP upgrade answer, then WebSocket frames (unmasked from the server, never fragmented by it). */
  private read(chunk: Buffer): void {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (!this.upgraded) {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) {
        this.pending = data;
        return;
      }
      if (!data.subarray(0, 16).toString('latin1').startsWith('HTTP/1.1 101')) {
        this.onRefused?.(new Error(`upgrade refused: ${data.subarray(0, end).toString('latin1').split('\r\n')[0]}`));
        return;
      }
      this.upgraded = true;
      data = data.subarray(end + 4);
    }
    let at = 0;
    while (data.length - at >= 2) {
      const opcode = data[at] & 0x0f;
      let length = data[at + 1] & 0x7f;
      let start = at + 2;
      if (length === 126) {
        if (data.length - at < 4) break;
        length = data.readUInt16BE(at + 2);
        start = at + 4;
      } else if (length === 127) {
        if (data.length - at < 10) break;
        length = Number(data.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      if (data.length < start + length) break;
      const payload = data.subarray(start, start + length);
      at = start + length;
      if (opcode === OP.text) this.packet(payload);
      else if (opcode === OP.ping) this.tcp.write(frame(OP.pong, Buffer.from(payload)));
      else if (opcode === OP.close) this.close();
    }
    if (at < data.length) this.pending = Buffer.from(data.subarray(at));
  }

  /** One engine.io packet. */
  private packet(payload: Buffer): void {
    const engine = payload[0];
    if (engine === ENGINE.ping) return this.sendText('3');
    if (engine === ENGINE.open) return this.sendText(`40${JSON.stringify(this.auth)}`);
    if (engine === ENGINE.close) return this.close();
    if (engine !== ENGINE.message) return;
    const type = payload[1];
    if (type === SOCKET.event) {
      // 42["name",…]: the name is the first JSON string.
      const end = payload.indexOf(0x22, 4);
      this.listeners.get(payload.toString('latin1', 4, end))?.(payload);
    } else if (type === SOCKET.ack) {
      // 43<id>[response]
      const open = payload.indexOf(0x5b, 2);
      const id = Number(payload.toString('latin1', 2, open));
      const ack = this.acks.get(id);
      if (!ack) return;
      this.acks.delete(id);
      ack((JSON.parse(payload.toString('utf8', open)) as unknown[])[0]);
    } else if (type === SOCKET.connect && !this.connected) {
      this.connected = true;
      this.onConnected?.();
    } else if (type === SOCKET.connectError && !this.connected) {
      const { message } = JSON.parse(payload.toString('utf8', 2)) as { message?: string };
      this.onRefused?.(new Error(message ?? 'connect_error'));
    } else if (type === SOCKET.disconnect) {
      this.close();
    }
  }
}
