import type { MessageView, NotificationView, UserRef } from './dto/views';

/** Every socket of a signed-in user joins this room, on whichever app process it is connected to. */
export const userRoom = (userId: string) => `user:${userId}`;
/** The sockets that joined a channel (channel:join) and receive its messages live. */
export const channelRoom = (channelId: string) => `channel:${channelId}`;

/** A change to a domain object, pushed to the people it concerns. */
export interface DomainEvent {
  id: string;
  [field: string]: unknown;
}

/**
 * Server → client events and their payloads. Other modules add their own with declaration merging:
 * `declare module '../realtime/realtime.events' { interface ServerEvents { 'roadmap:changed': DomainEvent } }`.
 */
export interface ServerEvents {
  'message:new': { message: MessageView };
  'message:updated': { message: MessageView };
  'message:deleted': { message: MessageView };
  typing: { channelId: string; user: UserRef };
  presence: { channelId: string; user: UserRef; status: 'joined' | 'left' };
  notification: { notification: NotificationView };
  'auth:expired': { expiredAt: string; disconnectAt: string };
  /** You were removed from the thing this channel belongs to: your sockets have left its room. */
  'channel:evicted': { channelId: string };
  'roundtable:changed': DomainEvent;
  'working_group:changed': DomainEvent;
  'action_item:changed': DomainEvent;
  'observation:reported': DomainEvent;
  'observation:verified': DomainEvent;
}

export type ServerEventName = keyof ServerEvents;
