import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  isUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { ActionItemDetailView } from '../../roadmaps/dto/roadmap.dto';
import { SpeakerQueueView } from '../../speaker-queue/dto/speaker-queue.dto';
import { CastBallotDto, MyBallotView, TallyView, VoteSummaryView } from '../../votes/dto/vote.dto';
import { CLIENT_EVENTS, REALTIME_ERROR_CODES, type RealtimeErrorCode, type RealtimeSchemaName, SERVER_EVENTS } from '../../shared/realtime-protocol';
import { bodyProblem, normalizeBody } from '../message-text';
import { isReactionEmoji } from '../reaction-emoji';
import type { ChannelView, MessageView, NotificationView, ReactionView, UserRef } from './views';
import { Omittable } from '../../common/validation';
import { TranslationView } from '../../translations/dto/views';
import { TRANSLATION_KINDS, TRANSLATION_LANGS, type TranslationKind, type TranslationLang } from '../../shared/enums';

/*
 * The schemas of the socket protocol (src/shared/realtime-protocol.ts names them): the payloads clients send,
 * validated as REST bodies are, the acknowledgements, and the payloads of the events the server pushes. Each class
 * is named as its schema in the OpenAPI and AsyncAPI documents.
 */

// ---- client → server payloads ----

/** A message body: trimmed, 1–4000 characters, no control characters except newline and tab. */
function IsMessageBody() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMessageBody',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => bodyProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => bodyProblem(args.value, args.property) ?? '',
      },
    });
}

/** The most files one message may carry. */
export const MAX_ATTACHMENTS = 10;

const uuid = (field: string) => IsUUID('all', { message: `${field} must be a UUID` });

/** 1–128 printable ASCII characters without spaces. */
const CLIENT_MESSAGE_ID = /^[\x21-\x7e]{1,128}$/;

export class ChannelRefPayload {
  @uuid('channelId')
  channelId: string;
}

export class RoadmapRefPayload {
  @uuid('roadmapId')
  roadmapId: string;
}

export class MessageSendPayload {
  @uuid('channelId')
  channelId: string;

  @IsString({ message: 'clientMessageId must be a string' })
  @Matches(CLIENT_MESSAGE_ID, { message: 'clientMessageId must be 1 to 128 printable ASCII characters without spaces' })
  clientMessageId: string;

  @Transform(({ value }) => normalizeBody(value))
  @IsMessageBody()
  body: string;

  /** The message this one answers; null or left out: a message of its own. */
  @IsOptional()
  @uuid('parentId')
  parentId?: string | null;

  /** Documents the sender uploaded to this channel (POST /api/documents?targetType=channel) and not yet attached; at most 10. */
  @Omittable()
  @IsArray({ message: 'attachmentIds must be an array of document ids' })
  @ArrayMaxSize(MAX_ATTACHMENTS, { message: `attachmentIds must hold at most ${MAX_ATTACHMENTS} document ids` })
  @ArrayUnique({ message: 'attachmentIds must not name a document twice' })
  @IsUUID('all', { each: true, message: 'attachmentIds must hold document ids (UUIDs)' })
  attachmentIds?: string[];
}

const SEND_FIELDS = new Set(['channelId', 'clientMessageId', 'body', 'parentId']);

/**
 * message:send is the hot event, and class-validator costs more than the rest of its checks: a payload that is
 * plainly valid by the rules above (the same functions and patterns) becomes the MessageSendPayload that validation
 * would make of it; anything else gives null, and takes the full validation, which names each problem.
 */
export function quickSendMessage(payload: Record<string, unknown>): MessageSendPayload | null {
  for (const key of Object.keys(payload)) if (!SEND_FIELDS.has(key)) return null;
  const { channelId, clientMessageId, parentId } = payload;
  if (typeof channelId !== 'string' || !isUUID(channelId, 'all')) return null;
  if (typeof clientMessageId !== 'string' || !CLIENT_MESSAGE_ID.test(clientMessageId)) return null;
  const body = normalizeBody(payload.body);
  if (typeof body !== 'string' || bodyProblem(body) !== null) return null;
  if (parentId !== undefined && parentId !== null && (typeof parentId !== 'string' || !isUUID(parentId, 'all'))) return null;
  const dto = new MessageSendPayload();
  dto.channelId = channelId;
  dto.clientMessageId = clientMessageId;
  dto.body = body;
  if ('parentId' in payload) dto.parentId = parentId;
  return dto;
}

/**
 * channel:join, channel:leave and typing carry only a channel id, and a room's worth of connections joins at once after a
 * restart: a payload that is exactly `{ channelId: <UUID> }` becomes the ChannelRefPayload that validation would make
 * of it; anything else gives null, and takes the full validation.
 */
export function quickChannelRef(payload: Record<string, unknown>): ChannelRefPayload | null {
  const keys = Object.keys(payload);
  const { channelId } = payload;
  if (keys.length !== 1 || keys[0] !== 'channelId' || typeof channelId !== 'string' || !isUUID(channelId, 'all')) return null;
  const dto = new ChannelRefPayload();
  dto.channelId = channelId;
  return dto;
}

/** A reaction: exactly one emoji (the picker's or any other single one). */
function IsReactionEmoji() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isReactionEmoji',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => isReactionEmoji(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be one emoji`,
      },
    });
}

/** Add or take back my reaction to a message. */
export class ReactionPayload {
  @uuid('messageId')
  messageId: string;

  @IsReactionEmoji()
  emoji: string;
}

/** A message to pin or unpin. */
export class MessageRefPayload {
  @uuid('messageId')
  messageId: string;
}

export class ChannelSyncPayload {
  @uuid('channelId')
  channelId: string;

  @IsInt({ message: 'afterSeq must be an integer' })
  @Min(0, { message: 'afterSeq must be 0 or more' })
  @Max(Number.MAX_SAFE_INTEGER, { message: `afterSeq must be at most ${Number.MAX_SAFE_INTEGER}` })
  afterSeq: number;

  @Omittable()
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class MessageEditPayload {
  @uuid('messageId')
  messageId: string;

  @Transform(({ value }) => normalizeBody(value))
  @IsMessageBody()
  body: string;
}

export class MessageDeletePayload {
  @uuid('messageId')
  messageId: string;

  /** DESIGN §5 sends { messageId } alone; the web client always asks the moderator for a reason. */
  @Omittable()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'reason must be a string' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason?: string;
}

/** I have read this channel up to seq (moves my read position forward, for all my devices). */
export class ChannelReadPayload {
  @uuid('channelId')
  channelId: string;

  @IsInt({ message: 'seq must be an integer' })
  @Min(0, { message: 'seq must be 0 or more' })
  @Max(Number.MAX_SAFE_INTEGER, { message: `seq must be at most ${Number.MAX_SAFE_INTEGER}` })
  seq: number;
}

export class AuthRefreshPayload {
  @IsString({ message: 'token must be a string' })
  @MinLength(1, { message: 'token is required' })
  @MaxLength(4096)
  token: string;
}

// ---- acknowledgements ----

export class OkAck {
  @ApiProperty({ type: Boolean, enum: [true] })
  ok: true;
}

/** Someone in a channel's room, with their number of connections (tabs, devices) on every app process. */
export class PresentUser {
  user: UserRef;
  connections: number;
}

export class ChannelJoinAck extends OkAck {
  channel: ChannelView;
  /** The channel's highest seq at the moment of joining. */
  lastSeq: number;
  /** Everyone else in the channel at that moment. */
  present: PresentUser[];
}

export class MessageAck extends OkAck {
  message: MessageView;
}

export class ReactionAck extends OkAck {
  messageId: string;
  /** The message's reactions now, as the reactor sees them. */
  reactions: ReactionView[];
}

export class ChannelSyncAck extends OkAck {
  /** The messages after afterSeq, oldest first, as they are now. */
  messages: MessageView[];
  /** More follow: ask again from the last seq. */
  hasMore: boolean;
}

export class ChannelReadAck extends OkAck {
  channelId: string;
  /** The read position now (it never moves back: another device may have read further). */
  lastReadSeq: number;
}

export class AuthRefreshAck extends OkAck {
  /** When the new token expires (ISO time). */
  expiresAt: string;
}

export class AckFieldError {
  field: string;
  message: string;
}

export class AckError {
  @ApiProperty({ enum: REALTIME_ERROR_CODES })
  code: RealtimeErrorCode;
  message: string;
  /** With code validation: each field refused. */
  details?: AckFieldError[];
}

/** The acknowledgement of any event that failed. */
export class AckFailure {
  @ApiProperty({ type: Boolean, enum: [false] })
  ok: false;
  error: AckError;
}

// ---- server → client payloads ----

/** message:new, message:updated, message:deleted. */
export class ChatMessageEvent {
  message: MessageView;
}

export class TypingEvent {
  channelId: string;
  user: UserRef;
}

export class PresenceEvent {
  channelId: string;
  user: UserRef;
  @ApiProperty({ enum: ['joined', 'left'] })
  status: 'joined' | 'left';
}

export class NotificationEvent {
  notification: NotificationView;
}

export class AuthExpiredEvent {
  expiredAt: string;
  /** Unless auth:refresh comes first, the connection is closed then. */
  disconnectAt: string;
}

/** You were removed from the thing this channel belongs to: your connections have left its room. */
export class ChannelEvictedEvent {
  channelId: string;
}

/** Someone added or took back a reaction: the emoji's count now, and who (so each reader can tell whether it is theirs). */
export class ReactionUpdatedEvent {
  channelId: string;
  messageId: string;
  emoji: string;
  count: number;
  user: UserRef;
  /** true: the user added it; false: they took it back. */
  added: boolean;
}

/** My read position in a channel moved (on this device or another of mine). */
export class ReadPositionEvent {
  channelId: string;
  lastReadSeq: number;
}

/** An audited change of a roundtable, told to its channel's room. */
export class RoundtableChangedEvent {
  id: string;
  /** The audited action, e.g. roundtable.updated. */
  action: string;
}

/** An audited change of a working group, told to its channel's room. */
export class WorkingGroupChangedEvent {
  id: string;
  action: string;
}

/** A commitment changed: to its channel's room and to its roadmap's watchers. */
/** A commitment as GET /api/action-items/:id answers it, without `can` (which depends on the reader). */
export class ChangedActionItem extends OmitType(ActionItemDetailView, ['can'] as const) {}

export class ActionItemChangedEvent {
  id: string;
  actionItem: ChangedActionItem;
  /** The id of who made the change. */
  by: string;
}

/** A value, or an import of values, was reported: to the reporter and every facilitator and admin. */
export class ObservationReportedEvent {
  /** The observation (or, for an import, the import). */
  id: string;
  indicatorId?: string;
  code?: string;
  period?: string;
  @ApiProperty({ enum: ['inserted', 'superseded'], required: false })
  outcome?: 'inserted' | 'superseded';
  importId?: string;
  rows?: number;
  inserted?: number;
  superseded?: number;
  reportedBy: UserRef;
}

/** A value was verified or rejected: to the reporter and the verifier. */
export class ObservationVerifiedEvent {
  id: string;
  indicatorId: string;
  period: string;
  @ApiProperty({ enum: ['verified', 'rejected'] })
  status: 'verified' | 'rejected';
  reason: string | null;
  /** The verifier's display name. */
  by: string;
}

export class VoteCastPayload extends CastBallotDto {
  @uuid('voteId')
  voteId: string;
}

export class VoteCastAck extends OkAck {
  ballot: MyBallotView;
}

/** vote:opened and vote:closed: the vote as every reader of its roundtable (or commitment) sees it. */
export class VoteChangedEvent {
  vote: VoteSummaryView;
}

/** The live tally of an open vote (only the turnout while hidden). */
export class VoteTallyEvent {
  voteId: string;
  /** A vote on a roundtable's decision. */
  roundtableId: string | null;
  decisionId: string | null;
  /** A vote on a commitment. */
  actionItemId: string | null;
  tally: TallyView;
}

/** queue:hand and queue:lower: your hand in the speaker queue of an open roundtable. */
export class QueueHandPayload {
  @uuid('roundtableId')
  roundtableId: string;
}

export class SpeakerQueueAck extends OkAck {
  /** The queue as it is after your hand went up (or down). */
  queue: SpeakerQueueView;
}

/** The speaker queue of a roundtable as it is now. */
export class SpeakerQueueChangedEvent {
  queue: SpeakerQueueView;
}

/** The speaking time the facilitator gave has run out. */
export class SpeakerTimeUpEvent {
  roundtableId: string;
  turnId: string;
  speaker: UserRef;
  limitSeconds: number;
}

/**
 * A translation was added or changed: a free text's translation record, or one language of a bilingual field filled
 * in (to the room of the channel the text is read in, and for commitments to the roadmap's watchers).
 */
export class TranslationUpdatedEvent {
  @ApiProperty({ enum: TRANSLATION_KINDS })
  kind: TranslationKind;

  targetId: string;

  @ApiProperty({ enum: TRANSLATION_LANGS })
  lang: TranslationLang;

  text: string;
  /** For free texts (positions, status reasons, messages): the translation as readers get it; null for a bilingual field. */
  translation: TranslationView | null;
  /** The commitment, roundtable or indicator the text belongs to (for a message: its channel). */
  contextId: string | null;
  /** The id of who saved it. */
  by: string;
}

/** Every schema of the protocol, by the name src/shared/realtime-protocol.ts gives it. */
export const REALTIME_SCHEMA_CLASSES = {
  ChannelRefPayload,
  RoadmapRefPayload,
  MessageSendPayload,
  ChannelSyncPayload,
  MessageEditPayload,
  MessageDeletePayload,
  AuthRefreshPayload,
  ChannelReadPayload,
  ReactionPayload,
  MessageRefPayload,
  ReactionAck,
  ReactionUpdatedEvent,
  OkAck,
  ChannelJoinAck,
  MessageAck,
  ChannelSyncAck,
  AuthRefreshAck,
  ChannelReadAck,
  AckFailure,
  ChatMessageEvent,
  TypingEvent,
  PresenceEvent,
  NotificationEvent,
  AuthExpiredEvent,
  ChannelEvictedEvent,
  RoundtableChangedEvent,
  WorkingGroupChangedEvent,
  ActionItemChangedEvent,
  ObservationReportedEvent,
  ObservationVerifiedEvent,
  VoteCastPayload,
  VoteCastAck,
  VoteChangedEvent,
  VoteTallyEvent,
  ReadPositionEvent,
  SpeakerQueueChangedEvent,
  SpeakerTimeUpEvent,
  QueueHandPayload,
  SpeakerQueueAck,
  TranslationUpdatedEvent,
} satisfies Record<RealtimeSchemaName, abstract new () => object>;

/** The protocol's schemas as the server types them. */
export type RealtimeSchemas = { [K in RealtimeSchemaName]: InstanceType<(typeof REALTIME_SCHEMA_CLASSES)[K]> };

/**
 * The classes to give the OpenAPI document as extra models (`SwaggerModule.createDocument(app, config,
 * { extraModels: REALTIME_SCHEMAS })`), so that every payload and ack of the socket protocol is a component schema,
 * together with the ones they refer to.
 */
export const REALTIME_SCHEMAS = [...Object.values(REALTIME_SCHEMA_CLASSES), PresentUser, AckError, AckFieldError];

/** The payload class of each client → server event (what the validation pipe makes of it). */
export type ClientEventPayload<E extends keyof typeof CLIENT_EVENTS> = RealtimeSchemas[(typeof CLIENT_EVENTS)[E]['payload']];
/** The acknowledgement of each client → server event on success. */
export type ClientEventAck<E extends keyof typeof CLIENT_EVENTS> = RealtimeSchemas[(typeof CLIENT_EVENTS)[E]['ack']];
/** The payload of each server → client event. */
export type ServerEventPayload<E extends keyof typeof SERVER_EVENTS> = RealtimeSchemas[(typeof SERVER_EVENTS)[E]];
