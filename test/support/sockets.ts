import { io, type Socket } from 'socket.io-client';
import type { MessageView } from '../../src/realtime/dto/views';

export type ClientSocket = Socket;

export interface AckError {
  ok: false;
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}
export type Ack<T = Record<string, unknown>> = ({ ok: true } & T) | AckError;

/** Connects a real socket.io client; resolves once connected, rejects with the connect_error. */
export function connect(url: string, token: string | undefined, options: Record<string, unknown> = {}): Promise<ClientSocket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token === undefined ? {} : { token },
    reconnection: false,
    forceNew: true,
    ...options,
  });
  return new Promise((resolve, reject) => {
    const refused = (error: Error) => {
      socket.off('connect', connected);
      socket.close();
      reject(error);
    };
    const connected = () => {
      socket.off('connect_error', refused);
      resolve(socket);
    };
    socket.once('connect', connected);
    socket.once('connect_error', refused);
  });
}

/** Emits with an acknowledgement and waits for it. */
export function ack<T = Record<string, unknown>>(socket: ClientSocket, event: string, payload?: unknown, timeoutMs = 5_000): Promise<Ack<T>> {
  return payload === undefined ? socket.timeout(timeoutMs).emitWithAck(event) : socket.timeout(timeoutMs).emitWithAck(event, payload);
}

/** Asserts a successful ack and returns it typed. */
export function ok<T>(result: Ack<T>): { ok: true } & T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

/** The next `event` (matching `filter`) on a socket. */
export function next<T = unknown>(socket: ClientSocket, event: string, filter: (payload: T) => boolean = () => true, timeoutMs = 3_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Everything a socket receives for `event` from now on. */
export function record<T = unknown>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

export const messagesOf = (events: { message: MessageView }[], channelId?: string) =>
  events.map((e) => e.message).filter((m) => !channelId || m.channelId === channelId);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
/** A fresh client message id. */
export const cid = (prefix = 'c') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
