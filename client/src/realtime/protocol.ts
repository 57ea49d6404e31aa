import type { Channel, ChatMessage, AppNotification, ActionItem } from '../api/types';

/** The shapes of the realtime protocol (docs/realtime.md) the client uses. */

export type AckErrorCode = 'unauthorized' | 'forbidden' | 'not_found' | 'validation' | 'rate_limited' | 'internal';
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

export interface ServerEvents {
  'message:new': { message: ChatMessage };
  'message:updated': { message: ChatMessage };
  'message:deleted': { message: ChatMessage };
  typing: { channelId: string; user: UserRef };
  presence: { channelId: string; user: UserRef; status: 'joined' | 'left' };
  notification: { notification: AppNotification };
  'channel:evicted': { channelId: string };
  /** `by`: the id of the user who made the change. */
  'action_item:changed': { id: string; actionItem?: Omit<ActionItem, never>; by?: string };
  'roundtable:changed': { id: string };
  'working_group:changed': { id: string };
  /** A value or an import was reported (to the reporter and every facilitator and admin). */
  'observation:reported': { id: string; indicatorId?: string; code?: string; period?: string; outcome?: string; importId?: string; reportedBy?: UserRef | string };
  /** A value was verified or rejected (to the reporter and the verifier). */
  'observation:verified': { id: string; indicatorId: string; period: string; status: 'verified' | 'rejected'; reason: string | null; by?: UserRef | string };
}

export type ServerEventName = keyof ServerEvents;

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
