// A minimal socket.io client for the load workers of bench/realtime.ts: the socket.io protocol (v5, engine.io v4)
// spoken directly over a `ws` WebSocket, the default namespace, text packets only. It does what a real client does on
// the wire — authenticates in the handshake, answers pings, emits with acknowledgements, receives events — with a
// fraction of socket.io-client's work per received packet, so that the load generator, which shares the machine's two
// cores with the server it measures, takes less of them. Received events are handed over undecoded: the worker
// reads only what it measures.
import WebSocket from 'ws';

/** engine.io packet types (first character) and socket.io packet types (second). */
const ENGINE = { open: '0', close: '1', ping: '2', pong: '3', message: '4' } as const;
const SOCKET = { connect: '0', disconnect: '1', event: '2', ack: '3', connectError: '4' } as const;

export type Ack = (response: unknown) => void;

export class WireClient {
  private readonly ws: WebSocket;
  private nextAckId = 0;
  private readonly acks = new Map<number, Ack>();
  private readonly listeners = new Map<string, (raw: string) => void>();
  private connected = false;
  onClose?: () => void;

  private constructor(ws: WebSocket) {
    this.ws = ws;
  }

  /** Opens the WebSocket and connects to the default namespace with `auth`; rejects on connect_error. */
  static connect(baseUrl: string, auth: Record<string, unknown>, timeoutMs: number): Promise<WireClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const client = new WireClient(new WebSocket(url, { perMessageDeflate: false }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        client.close();
        reject(new Error('connect timed out'));
      }, timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      client.ws.on('error', fail);
      client.ws.on('close', () => {
        if (!client.connected) fail(new Error('closed before connecting'));
        else client.onClose?.();
      });
      client.ws.on('message', (data: Buffer) => {
        const text = data.toString();
        if (client.connected) return client.receive(text);
        if (text[0] === ENGINE.open) return client.ws.send(`${ENGINE.message}${SOCKET.connect}${JSON.stringify(auth)}`);
        if (text[0] === ENGINE.ping) return client.ws.send(ENGINE.pong);
        if (text.startsWith(ENGINE.message + SOCKET.connect)) {
          clearTimeout(timer);
          client.connected = true;
          client.ws.off('error', fail);
          return resolve(client);
        }
        if (text.startsWith(ENGINE.message + SOCKET.connectError)) {
          const { message } = JSON.parse(text.slice(2)) as { message?: string };
          client.close();
          fail(new Error(message ?? 'connect_error'));
        }
      });
    });
  }

  /** Emits `event` with `payload`, and calls `ack` with the server's answer. */
  emit(event: string, payload: unknown, ack: Ack): void {
    const id = this.nextAckId++;
    this.acks.set(id, ack);
    this.ws.send(`${ENGINE.message}${SOCKET.event}${id}${JSON.stringify([event, payload])}`);
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

  /** Calls `listener` with the raw packet text (`42["event",…]`) of every `event` received. */
  on(event: string, listener: (raw: string) => void): void {
    this.listeners.set(event, listener);
  }

  /** Forgets an ack that will never be wanted (a timed-out one), so the map does not grow. */
  forgetAck(id: number): void {
    this.acks.delete(id);
  }

  close(): void {
    this.connected = false;
    this.ws.close();
  }

  private receive(text: string): void {
    if (text === ENGINE.ping) {
      this.ws.send(ENGINE.pong);
      return;
    }
    if (text[0] !== ENGINE.message) return;
    const type = text[1];
    if (type === SOCKET.event) {
      // 42["name",…]: the name is the first JSON string.
      const end = text.indexOf('"', 4);
      this.listeners.get(text.slice(4, end))?.(text);
    } else if (type === SOCKET.ack) {
      // 43<id>[response]
      const open = text.indexOf('[', 2);
      const id = Number(text.slice(2, open));
      const ack = this.acks.get(id);
      if (!ack) return;
      this.acks.delete(id);
      ack((JSON.parse(text.slice(open)) as unknown[])[0]);
    } else if (type === SOCKET.disconnect) {
      this.close();
    }
  }
}
