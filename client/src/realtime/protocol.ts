import type { components } from '../api/schema.gen';
import type {
  ACK_FAILURE_SCHEMA,
  CLIENT_EVENTS,
  ClientEventName,
  ClientToServerEventsOf,
  RealtimeErrorCode,
  RealtimeSchemaName,
  SERVER_EVENTS,
  ServerEventName,
  ServerToClientEventsOf,
} from '../../../src/shared/realtime-protocol';

/**
 * The realtime protocol (docs/realtime.md) as the client types it: the event names and the names of their schemas
 * come from the map the server uses (src/shared/realtime-protocol.ts); the schemas themselves are the generated
 * OpenAPI types, `components['schemas'][name]` (the server adds them to openapi.json as extra models).
 */

export type { ClientEventName, ServerEventName };
export type AckErrorCode = RealtimeErrorCode;
/** Client-side failures: no connection, or no answer in time (the event may still have been processed). */
export type LocalErrorCode = 'offline' | 'timeout';

export interface AckError {
  code: AckErrorCode | LocalErrorCode;
  message: string;
  details?: { field: string; message: string }[];
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: AckError };

export type UserRef = components['schemas']['UserRef'];
/** What channel:join answers: the channel, its last seq, and everyone else present with their connections. */
export type JoinAck = Omit<components['schemas']['ChannelJoinAck'], 'ok'>;

/** The schemas of the socket events, generated from openapi.json like every other API type. */
export type RealtimeSchemas = Pick<components['schemas'], RealtimeSchemaName>;

/** socket.io-client's typed event maps: `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export type ServerToClientEvents = ServerToClientEventsOf<RealtimeSchemas>;
export type ClientToServerEvents = ClientToServerEventsOf<RealtimeSchemas>;

/** The payload of each server → client event. */
export type ServerEvents = { [E in ServerEventName]: RealtimeSchemas[(typeof SERVER_EVENTS)[E]] };
/** What a client → server event takes, and its acknowledgement (success, the server's failure, or a local one). */
export type ClientEventPayload<E extends ClientEventName> = RealtimeSchemas[(typeof CLIENT_EVENTS)[E]['payload']];
export type ClientEventAck<E extends ClientEventName> =
  RealtimeSchemas[(typeof CLIENT_EVENTS)[E]['ack']] | RealtimeSchemas[typeof ACK_FAILURE_SCHEMA] | { ok: false; error: AckError };

/** Retrying helps for these: the server or the network had trouble, the message itself is fine. */
export const isTransient = (code: AckError['code']): boolean =>
  code === 'timeout' || code === 'offline' || code === 'internal' || code === 'rate_limited' || code === 'unauthorized';

/** A fresh id for a message, chosen before its first send. */
export function newClientMessageId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Seconds since the epoch when a JWT expires, or null when it cannot be read. */
export function tokenExpiry(token: string | undefined): number | null {
  if (!token) return null;
  try {
    const part = token.split('.')[1];
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as unknown;
    if (typeof json !== 'object' || json === null) return null;
    const { exp } = json as { exp?: unknown };
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}
