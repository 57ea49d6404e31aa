import { createRequire } from 'node:module';
import { Server, Socket } from 'socket.io';
import { loadConfig } from '../config/app-config';
import {
  DeliveryMode,
  deliverLocally,
  directDeliveryProblem,
  type InMemoryAdapterInternals,
  missingAdapterShapes,
  missingEngineShapes,
  missingSocketShapes,
  probeWebSocket,
} from './local-delivery';

const clientPrototype = (createRequire(require.resolve('socket.io'))('./client') as { Client: { prototype: unknown } }).Client.prototype;

/** A connection as engine.io 6 and ws 8 shape it, open on the WebSocket transport, with a TCP socket that records writes. */
function openConnection(written: Buffer[]) {
  return {
    readyState: 'open',
    writeBuffer: [] as unknown[],
    transport: {
      name: 'websocket',
      perMessageDeflate: null,
      socket: { readyState: 1, _sender: { _state: 0, _queue: [] }, _socket: { destroyed: false, writable: true, write: (b: Buffer) => written.push(b) } },
    },
  };
}

describe('the direct delivery path checks the shapes it relies on', () => {
  it('finds nothing missing in the installed socket.io, engine.io and ws, on a real server', () => {
    const io = new Server();
    try {
      expect(missingAdapterShapes(io.of('/').adapter)).toEqual([]);
      expect(missingSocketShapes(Socket.prototype, clientPrototype)).toEqual([]);
      expect(probeWebSocket()).toEqual([]);
      expect(directDeliveryProblem(io.of('/').adapter, Socket.prototype, clientPrototype)).toBeNull();
    } finally {
      io.removeAllListeners();
    }
  });

  it('names what a differently shaped adapter, socket.io or connection lacks', () => {
    expect(missingAdapterShapes({ nsp: { name: '/' }, apply: () => undefined })).toEqual(['adapter._encode()']);
    // An encoder that no longer builds the shared WebSocket frame.
    expect(missingAdapterShapes({ nsp: { name: '/' }, apply: () => undefined, _encode: () => ['2["x"]'] })).toEqual(['adapter._encode() → wsPreEncodedFrame']);
    expect(missingSocketShapes(Socket.prototype, {})).toEqual(['client.writeToEngine()']);
    expect(directDeliveryProblem({}, Socket.prototype, clientPrototype)).toMatch(/lacks adapter\.nsp\.name, adapter\._encode\(\), adapter\.apply\(\)/);

    const conn = openConnection([]);
    expect(missingEngineShapes(conn)).toEqual([]);
    expect(missingEngineShapes({ ...conn, writeBuffer: undefined })).toEqual(['conn.writeBuffer']);
    expect(missingEngineShapes({ ...conn, transport: { ...conn.transport, socket: { readyState: 1, _sender: { state: 0 }, _socket: {} } } })).toEqual([
      'ws._sender._state',
      'ws._sender._queue',
      'ws._socket.write()',
    ]);
  });

  it('writes the shared frame directly to a well-shaped connection, and falls back for good (one log line) on one that is not', () => {
    const io = new Server();
    try {
      const adapter = io.of('/').adapter as unknown as InMemoryAdapterInternals;
      const lines: string[] = [];
      const mode = new DeliveryMode(null, (line) => lines.push(line));
      const direct: Buffer[] = [];
      const viaEngine: unknown[] = [];
      const good = { client: { writeToEngine: (e: unknown) => viaEngine.push(e) }, conn: openConnection(direct) };
      const odd = {
        client: { writeToEngine: (e: unknown) => viaEngine.push(e) },
        conn: { ...openConnection(direct), writeBuffer: undefined as unknown as unknown[] },
      };
      let recipients = [good];
      adapter.apply = (_opts, callback) => recipients.forEach((s) => callback(s as never));

      deliverLocally(adapter, { type: 2, data: ['message:new', { n: 1 }] }, { rooms: new Set(['r']) }, mode);
      expect(direct).toHaveLength(1);
      expect(direct[0].toString()).toContain('["message:new",{"n":1}]');
      expect(viaEngine).toHaveLength(0);

      recipients = [odd, good];
      deliverLocally(adapter, { type: 2, data: ['message:new', { n: 2 }] }, { rooms: new Set(['r']) }, mode);
      deliverLocally(adapter, { type: 2, data: ['message:new', { n: 3 }] }, { rooms: new Set(['r']) }, mode);
      expect(mode.direct).toBe(false);
      expect(mode.fallbackReason).toBe('a connection lacks conn.writeBuffer');
      expect(lines).toEqual(['direct WebSocket delivery is off (a connection lacks conn.writeBuffer); broadcasting through socket.io']);
      expect(direct).toHaveLength(1);
      expect(viaEngine).toHaveLength(4);
    } finally {
      io.removeAllListeners();
    }
  });

  it('is forced off by REALTIME_DIRECT_DELIVERY=false, and refuses a value that is not a boolean', () => {
    expect(loadConfig({}).realtimeDirectDelivery).toBe(true);
    expect(loadConfig({ REALTIME_DIRECT_DELIVERY: 'false' }).realtimeDirectDelivery).toBe(false);
    expect(() => loadConfig({ REALTIME_DIRECT_DELIVERY: 'sometimes' })).toThrow(/REALTIME_DIRECT_DELIVERY: REALTIME_DIRECT_DELIVERY must be true or false/);
  });
});
