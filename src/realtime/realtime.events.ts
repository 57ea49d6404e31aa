/** Every socket of a signed-in user joins this room, on whichever app process it is connected to. */
export const userRoom = (userId: string) => `user:${userId}`;
/** The sockets that joined a channel (channel:join) and receive its messages live. */
export const channelRoom = (channelId: string) => `channel:${channelId}`;

/*
 * The events themselves, server → client and client → server, are named in src/shared/realtime-protocol.ts, with
 * the schemas of their payloads in dto/events.dto.ts: a new event is added there (name, schema class), not here.
 */
