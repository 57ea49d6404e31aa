import type { Channel, ChatMessage, AppNotification, ActionItem } from '../api/types';
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
 * come from the map the server uses (src/shared/realtime-protocol.ts); the schemas themselves are to come from the
 * generated OpenAPI types, `components['schemas'][name]` (the server adds them to openapi.json as extra models).
 *
 * Until those generated types exist, `RealtimeSchemas` below stands in for `components['schemas']`, from the
 * hand-written API types: replace its body by `Pick<components['schemas'], RealtimeSchemaName>` once openapi.json
 * is generated, and delete the hand-written shapes.
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

export interface UserRef {
  id: string;
  displayName: string;
}

export interface JoinAck {
  channel: Channel;
  lastSeq: number;
  /** Everyone else in the channel at the moment of joining, with their number of connections. */
  present: { user: UserRef; connections: number }[];
}

/** Stand-in for the generated `components['schemas']` (see above). */
export interface RealtimeSchemas extends Record<RealtimeSchemaName, unknown> {
  ChannelRefPayload: { channelId: string };
  RoadmapRefPayload: { roadmapId: string };
  MessageSendPayload: { channelId: string; clientMessageId: string; body: string; parentId?: string };
  ChannelSyncPayload: { channelId: string; afterSeq: number; limit?: number };
  MessageEditPayload: { messageId: string; body: string };
  MessageDeletePayload: { messageId: string; reason?: string };
  AuthRefreshPayload: { token: string };
  OkAck: { ok: true };
  ChannelJoinAck: { ok: true } & JoinAck;
  MessageAck: { ok: true; message: ChatMessage };
  ChannelSyncAck: { ok: true; messages: ChatMessage[]; hasMore: boolean };
  AuthRefreshAck: { ok: true; expiresAt: string };
  AckFailure: { ok: false; error: { code: AckErrorCode; message: string; details?: { field: string; message: string }[] } };
  ChatMessageEvent: { message: ChatMessage };
  TypingEvent: { channelId: string; user: UserRef };
  PresenceEvent: { channelId: string; user: UserRef; status: 'joined' | 'left' };
  NotificationEvent: { notification: AppNotification };
  AuthExpiredEvent: { expiredAt: string; disconnectAt: string };
  ChannelEvictedEvent: { channelId: string };
  RoundtableChangedEvent: { id: string; action: string };
  WorkingGroupChangedEvent: { id: string; action: string };
  /** `by`: the id of the user who made the change. */
  ActionItemChangedEvent: { id: string; actionItem: Omit<ActionItem, never>; by: string };
  /** A value or an import was reported (to the reporter and every facilitator and admin). */
  ObservationReportedEvent: {
    id: string;
    indicatorId?: string;
    code?: string;
    period?: string;
    outcome?: 'inserted' | 'superseded';
    importId?: string;
    rows?: number;
    inserted?: number;
    superseded?: number;
    reportedBy: UserRef;
  };
  /** A value was verified or rejected (to the reporter and the verifier). */
  ObservationVerifiedEvent: { id: string; indicatorId: string; period: string; status: 'verified' | 'rejected'; reason: string | null; by: string };
}

/** socket.io-client's typed event maps: `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export type ServerToClientEvents = ServerToClientEventsOf<RealtimeSchemas>;
export type ClientToServerEvents = ClientToServerEventsOf<RealtimeSchemas>;

/** The payload of each server → client event. */
export type ServerEvents = { [E in ServerEventName]: RealtimeSchemas[(typeof SERVER_EVENTS)[E]] };
/** What a client → server event takes, and its acknowledgement (success, the server's failure, or a local one). */
export type ClientEventPayload<E extends ClientEventName> = RealtimeSchemas[(typeof CLIENT_EVENTS)[E]['payload']];
export type ClientEventAck<E extends ClientEventName> =
  | RealtimeSchemas[(typeof CLIENT_EVENTS)[E]['ack']]
  | RealtimeSchemas[typeof ACK_FAILURE_SCHEMA]
  | { ok: false; error: AckError };

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
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}
