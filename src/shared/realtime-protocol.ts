/**
 * The realtime protocol's names, in one place for the server and the web client (docs/realtime.md, DESIGN §5):
 * every event, and the names of the schemas of its payload and acknowledgement. The schemas themselves are
 * components of the OpenAPI document (`components.schemas[name]`): the server declares them as classes
 * (src/realtime/dto/events.dto.ts, REALTIME_SCHEMAS) and types its socket.io server from them; the client types its
 * socket from the generated OpenAPI types through these names. Dependency-free: nothing outside src/shared.
 */

/** The `code` of a failed acknowledgement: `{ ok: false, error: { code, message, details? } }`. */
export const REALTIME_ERROR_CODES = ['unauthorized', 'forbidden', 'not_found', 'validation', 'rate_limited', 'conflict', 'internal'] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

/** The schema of every failed acknowledgement, whatever the event. */
export const ACK_FAILURE_SCHEMA = 'AckFailure';

/** Client → server events: the schema of the payload, and of the acknowledgement on success. */
export const CLIENT_EVENTS = {
  'channel:join': { payload: 'ChannelRefPayload', ack: 'ChannelJoinAck' },
  'channel:leave': { payload: 'ChannelRefPayload', ack: 'OkAck' },
  'message:send': { payload: 'MessageSendPayload', ack: 'MessageAck' },
  'channel:sync': { payload: 'ChannelSyncPayload', ack: 'ChannelSyncAck' },
  'message:edit': { payload: 'MessageEditPayload', ack: 'MessageAck' },
  'message:delete': { payload: 'MessageDeletePayload', ack: 'MessageAck' },
  typing: { payload: 'ChannelRefPayload', ack: 'OkAck' },
  'auth:refresh': { payload: 'AuthRefreshPayload', ack: 'AuthRefreshAck' },
  'roadmap:watch': { payload: 'RoadmapRefPayload', ack: 'OkAck' },
  'roadmap:unwatch': { payload: 'RoadmapRefPayload', ack: 'OkAck' },
  'vote:cast': { payload: 'VoteCastPayload', ack: 'VoteCastAck' },
  'channel:read': { payload: 'ChannelReadPayload', ack: 'ChannelReadAck' },
  'queue:hand': { payload: 'QueueHandPayload', ack: 'SpeakerQueueAck' },
  'queue:lower': { payload: 'QueueHandPayload', ack: 'SpeakerQueueAck' },
  'reaction:add': { payload: 'ReactionPayload', ack: 'ReactionAck' },
  'reaction:remove': { payload: 'ReactionPayload', ack: 'ReactionAck' },
  'message:pin': { payload: 'MessageRefPayload', ack: 'MessageAck' },
  'message:unpin': { payload: 'MessageRefPayload', ack: 'MessageAck' },
} as const;

/** Server → client events: the schema of the payload. */
export const SERVER_EVENTS = {
  'message:new': 'ChatMessageEvent',
  'message:updated': 'ChatMessageEvent',
  'message:deleted': 'ChatMessageEvent',
  typing: 'TypingEvent',
  presence: 'PresenceEvent',
  notification: 'NotificationEvent',
  'auth:expired': 'AuthExpiredEvent',
  'channel:evicted': 'ChannelEvictedEvent',
  'roundtable:changed': 'RoundtableChangedEvent',
  'working_group:changed': 'WorkingGroupChangedEvent',
  'action_item:changed': 'ActionItemChangedEvent',
  'observation:reported': 'ObservationReportedEvent',
  'observation:verified': 'ObservationVerifiedEvent',
  'vote:opened': 'VoteChangedEvent',
  'vote:tally': 'VoteTallyEvent',
  'vote:closed': 'VoteChangedEvent',
  'channel:read': 'ReadPositionEvent',
  'queue:changed': 'SpeakerQueueChangedEvent',
  'queue:time_up': 'SpeakerTimeUpEvent',
  'reaction:updated': 'ReactionUpdatedEvent',
  'message:pinned': 'ChatMessageEvent',
  'message:unpinned': 'ChatMessageEvent',
  'translation:updated': 'TranslationUpdatedEvent',
} as const;

export type ClientEventName = keyof typeof CLIENT_EVENTS;
export type ServerEventName = keyof typeof SERVER_EVENTS;
/** The name of every schema the protocol uses. */
export type RealtimeSchemaName =
  | (typeof CLIENT_EVENTS)[ClientEventName]['payload']
  | (typeof CLIENT_EVENTS)[ClientEventName]['ack']
  | (typeof SERVER_EVENTS)[ServerEventName]
  | typeof ACK_FAILURE_SCHEMA;

/**
 * The socket.io protocol over a map of schema types (the server's classes, or the client's generated OpenAPI
 * `components['schemas']`): socket.io's typed event maps for `Server<…>` / `Socket<…>` on either side.
 */
export type ClientToServerEventsOf<S extends Record<RealtimeSchemaName, unknown>> = {
  [E in ClientEventName]: (
    payload: S[(typeof CLIENT_EVENTS)[E]['payload']],
    ack: (answer: S[(typeof CLIENT_EVENTS)[E]['ack']] | S[typeof ACK_FAILURE_SCHEMA]) => void,
  ) => void;
};
export type ServerToClientEventsOf<S extends Record<RealtimeSchemaName, unknown>> = {
  [E in ServerEventName]: (payload: S[(typeof SERVER_EVENTS)[E]]) => void;
};
