import type { INestApplication } from '@nestjs/common';
import {
  ACK_FAILURE_SCHEMA,
  CLIENT_EVENTS,
  type ClientEventName,
  REALTIME_ERROR_CODES,
  SERVER_EVENTS,
  type ServerEventName,
} from '../shared/realtime-protocol';

/** What each client → server event does (the AsyncAPI operation's summary); docs/realtime.md says more. */
const CLIENT_SUMMARIES: Record<ClientEventName, string> = {
  'channel:join': 'Join a channel you may read: live message:*, typing and presence events; the ack says who is present.',
  'channel:leave': 'Leave a channel’s room.',
  'message:send':
    'Post a message. Acked only once committed; the same clientMessageId from the same author never makes a second message (a resend answers the first).',
  'channel:sync': 'The messages after afterSeq, oldest first (what was missed while away), in pages: ask again while hasMore.',
  'message:edit': 'The author rewrites their message; the previous text is kept as a revision.',
  'message:delete': 'A moderator hides a message, with a reason; it keeps its seq, its body becomes null.',
  typing: 'Tell the channel’s room that you are typing (from a connection that joined it and may post). The ack is optional.',
  'auth:refresh': 'Hand this connection a fresh access token of the same user (allowed also after auth:expired).',
  'roadmap:watch': 'Follow every commitment of a roadmap live: action_item:changed for each.',
  'roadmap:unwatch': 'Stop following a roadmap.',
  'vote:cast':
    'Vote, or change your vote, on an open vote of a roundtable where you are recorded present, or of a commitment your organization leads or supports (as POST /api/votes/:id/ballot). A secret ballot’s ack never echoes the choice; after the vote closed: conflict.',
  'channel:read': 'You have read a channel up to seq: your read position moves forward (never back; capped at the last message) for all your devices.',
  'queue:hand':
    'Raise your hand in the speaker queue of an open roundtable where you take part and are not recorded absent (as POST /api/roundtables/:id/queue/hand); the room hears queue:changed. Hand already up or roundtable not open: conflict.',
  'queue:lower': 'Lower your raised hand (as DELETE /api/roundtables/:id/queue/hand); the room hears queue:changed. No raised hand: not_found.',
  'reaction:add':
    'React to a message of a channel you may read with one emoji (adding the same one twice changes nothing); the ack has the message’s reactions as you see them.',
  'reaction:remove': 'Take back your reaction (one emoji) to a message; the ack has the message’s reactions as you see them.',
  'message:pin': 'A moderator of the channel pins a message (not a removed one): it joins GET /api/channels/:id/pins.',
  'message:unpin': 'A moderator of the channel unpins a message.',
};

/** What each server → client event tells, and to whom. */
const SERVER_SUMMARIES: Record<ServerEventName, string> = {
  'message:new': 'A message was posted (to the channel’s room, but the sending connection).',
  'message:updated': 'A message was edited (to the channel’s room, but the editing connection).',
  'message:deleted': 'A moderator removed a message (to the channel’s room, but the removing connection).',
  typing: 'Someone is typing (to the channel’s room, but the typist).',
  presence: 'A connection joined or left the channel’s room (one event per connection).',
  notification: 'A notification for you (to every connection of the user).',
  'auth:expired': 'This connection’s access token expired: send auth:refresh before disconnectAt.',
  'channel:evicted': 'You were removed from what the channel belongs to: your connections left its room.',
  'roundtable:changed': 'A roundtable changed (to its channel’s room).',
  'working_group:changed': 'A working group changed (to its channel’s room).',
  'action_item:changed': 'A commitment changed (to its channel’s room and its roadmap’s watchers).',
  'observation:reported': 'A value or an import of values was reported (to the reporter, facilitators and admins).',
  'observation:verified': 'A value was verified or rejected (to the reporter and the verifier).',
  'vote:opened': 'A vote was opened on a decision (to the roundtable’s channel room) or on a commitment (to the commitment’s channel room).',
  'vote:tally':
    'The live tally of an open vote per constituency, or only the turnout while it is hidden (to the channel room of the vote’s roundtable or commitment; bursts of ballots are told once).',
  'vote:closed': 'A vote closed: its outcome, the reasons and the final tally (to the channel room of its roundtable or commitment).',
  'channel:read': 'Your read position in a channel moved (to every connection of the user, so all devices show the same unread counts).',
  'queue:changed': 'The speaker queue changed: a hand raised or lowered, the floor given, a turn ended (to the roundtable’s channel room).',
  'queue:time_up': 'The speaker’s time given by the facilitator ran out (to the roundtable’s channel room).',
  'reaction:updated': 'Someone added or took back a reaction: the emoji’s count now and who (to the channel’s room, but the reacting connection).',
  'message:pinned': 'A moderator pinned a message (to the channel’s room, but the pinning connection).',
  'message:unpinned': 'A moderator unpinned a message (to the channel’s room, but the unpinning connection).',
  'translation:updated':
    'A translation was added or changed, or a missing language of a bilingual field filled in (to the room of the channel the text is read in, and for commitments to the roadmap’s watchers).',
};

/** The parts of an OpenAPI document's `components` used here. */
export interface OpenApiComponents {
  schemas?: Record<string, unknown>;
}

type Ref = { $ref: string };
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, object>;
  channels: Record<string, { address: string; title: string; messages: Record<string, Ref> }>;
  operations: Record<string, object>;
  components: { schemas: Record<string, unknown>; messages: Record<string, object>; securitySchemes: Record<string, object> };
}

const ref = ($ref: string): Ref => ({ $ref });
const SCHEMA_REF = '#/components/schemas/';
/** Component keys allow letters, digits, `.`, `-` and `_`: `channel:join` → `channel.join`. */
const key = (event: string) => event.replace(/:/g, '.');

/** Every schema `names` refer to, directly or through other schemas' $refs; throws naming those missing. */
function closure(all: Record<string, unknown>, names: Iterable<string>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  const missing: string[] = [];
  const queue = [...names];
  while (queue.length) {
    const name = queue.shift()!;
    if (name in picked) continue;
    if (!(name in all)) {
      missing.push(name);
      continue;
    }
    picked[name] = all[name];
    const text = JSON.stringify(all[name]);
    for (const match of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) queue.push(decodeURIComponent(match[1]));
  }
  if (missing.length) throw new Error(`The OpenAPI components lack the realtime schemas ${[...new Set(missing)].join(', ')} (REALTIME_SCHEMAS as extraModels)`);
  return Object.fromEntries(
    Object.keys(picked)
      .sort()
      .map((name) => [name, picked[name]]),
  );
}

/**
 * The AsyncAPI 3 description of the socket protocol, from the shared event map (src/shared/realtime-protocol.ts) and
 * the component schemas of the OpenAPI document (which has REALTIME_SCHEMAS as extra models): a channel per event
 * name and an operation per event (`receive.<event>` from clients, `send.<event>` to them), messages whose payloads $ref the same schemas, the handshake's token, and each client
 * event's acknowledgement as the operation's reply (its success schema, or AckFailure).
 */
export function buildAsyncApiDocument(components: OpenApiComponents, options: { host?: string } = {}): AsyncApiDocument {
  const channels: AsyncApiDocument['channels'] = {};
  const operations: AsyncApiDocument['operations'] = {};
  const messages: AsyncApiDocument['components']['messages'] = {
    ackFailure: {
      name: 'ack failure',
      title: 'A failed acknowledgement',
      summary: `{ ok: false, error: { code, message, details? } }, code one of ${REALTIME_ERROR_CODES.join(', ')}.`,
      payload: ref(SCHEMA_REF + ACK_FAILURE_SCHEMA),
    },
  };
  const used = new Set<string>([ACK_FAILURE_SCHEMA]);

  for (const event of Object.keys(CLIENT_EVENTS) as ClientEventName[]) {
    const { payload, ack } = CLIENT_EVENTS[event];
    used.add(payload).add(ack);
    messages[key(event)] = { name: event, title: event, summary: CLIENT_SUMMARIES[event], payload: ref(SCHEMA_REF + payload) };
    messages[`${key(event)}.ack`] = { name: `${event} ack`, title: `${event} acknowledgement`, payload: ref(SCHEMA_REF + ack) };
    channels[event] = {
      address: event,
      title: event,
      messages: {
        request: ref(`#/components/messages/${key(event)}`),
        ack: ref(`#/components/messages/${key(event)}.ack`),
        failure: ref('#/components/messages/ackFailure'),
      },
    };
    operations[`receive.${key(event)}`] = {
      action: 'receive',
      title: event,
      summary: CLIENT_SUMMARIES[event],
      channel: ref(`#/channels/${event}`),
      messages: [ref(`#/channels/${event}/messages/request`)],
      reply: { channel: ref(`#/channels/${event}`), messages: [ref(`#/channels/${event}/messages/ack`), ref(`#/channels/${event}/messages/failure`)] },
    };
  }
  for (const event of Object.keys(SERVER_EVENTS) as ServerEventName[]) {
    const payload = SERVER_EVENTS[event];
    used.add(payload);
    messages[`${key(event)}.event`] = { name: event, title: event, summary: SERVER_SUMMARIES[event], payload: ref(SCHEMA_REF + payload) };
    // An event name both sides use (typing) is one channel with the messages of both.
    channels[event] ??= { address: event, title: event, messages: {} };
    channels[event].messages.event = ref(`#/components/messages/${key(event)}.event`);
    operations[`send.${key(event)}`] = {
      action: 'send',
      title: event,
      summary: SERVER_SUMMARIES[event],
      channel: ref(`#/channels/${event}`),
      messages: [ref(`#/channels/${event}/messages/event`)],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'GreenTable realtime protocol',
      version: '1',
      description:
        'Discussion channels, presence and live domain events over socket.io 4 (default namespace, path /socket.io). Each socket.io event is a ' +
        'channel here; every client → server event takes an acknowledgement callback, described as its operation’s reply. See docs/realtime.md.',
    },
    defaultContentType: 'application/json',
    servers: {
      greentable: {
        host: options.host ?? 'localhost:3000',
        protocol: 'ws',
        pathname: '/socket.io',
        title: 'The GreenTable app (same host and port as the REST API)',
        description: 'socket.io 4 on the default namespace; authenticate in the handshake with `auth: { token: <access token> }`.',
        security: [ref('#/components/securitySchemes/accessToken')],
      },
    },
    channels,
    operations,
    components: {
      schemas: closure(components.schemas ?? {}, used),
      messages,
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The REST access token (POST /api/auth/login), given in the socket.io handshake as `auth: { token }`. A missing, bad or expired one is refused at connect (connect_error, data.code unauthorized).',
        },
      },
    },
  };
}

/** Serves the document beside the OpenAPI one, at /api/docs/asyncapi.json. */
export function serveAsyncApiDocument(app: INestApplication, components: () => OpenApiComponents): void {
  // Built on the first request, like the OpenAPI document it takes its schemas from.
  let document: AsyncApiDocument | undefined;
  app.getHttpAdapter().get('/api/docs/asyncapi.json', (_request: unknown, response: unknown) => {
    app.getHttpAdapter().reply(response, (document ??= buildAsyncApiDocument(components())), 200);
  });
}
