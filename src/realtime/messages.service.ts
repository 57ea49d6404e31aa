import { HttpStatus, Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { ApiError, badRequest, conflict, forbidden, notFound, orNotFound } from '../common/errors';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { UserIdentity } from '../users/users.service';
import { ChannelRef, ChannelsService } from './channels.service';
import type { ReactionPayload as ReactionDto, ReactionUpdatedEvent } from './dto/events.dto';
import type { MessageDeletePayload as DeleteMessageDto, MessageEditPayload as EditMessageDto, MessageSendPayload as SendMessageDto } from './dto/events.dto';
import type { MessageHistoryQuery } from './dto/realtime.dto';
import type { AuthorView, MessageAttachmentView, MessageQuote, MessageRevisionView, MessageView, ReactionView } from './dto/views';
import type { TranslationView } from '../translations/dto/views';
import type { LocalizedText } from '../common/localized-text';
import { MessageAttachments } from './message-attachments';
import type { Message } from './entities/message.entity';
import { mentionSegments, quoteExcerpt, resolveMentions } from './message-text';
import type { MentionedUser, QuotedRow } from './messages.repository';
import type { ChannelKind } from './entities/channel.entity';
import type { NewMessage, WrittenRow } from './message-writer';
import { MessagesRepository } from './messages.repository';
import { RealtimeEmitter } from './realtime.emitter';
import { ReactionsRepository } from './reactions.repository';
import { TranslationRecords } from '../translations/translation-records';

export const toAuthorView = (user: UserIdentity): AuthorView => ({
  id: user.id,
  displayName: user.displayName,
  organization: { id: user.organization.id, name: user.organization.name },
  constituency: user.organization.constituency,
});

export function toMessageView(
  m: Message,
  attachments: MessageAttachmentView[] = [],
  author: AuthorView = toAuthorView(m.author),
  reactions: ReactionView[] = [],
): MessageView {
  const q = m.parent;
  return {
    id: m.id,
    channelId: m.channelId,
    seq: Number(m.seq),
    clientMessageId: m.clientMessageId,
    author,
    body: m.removedAt ? null : m.body,
    parentId: m.parentId,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt ? m.editedAt.toISOString() : null,
    removed: m.removedAt
      ? { at: m.removedAt.toISOString(), by: m.removedBy ? { id: m.removedBy.id, displayName: m.removedBy.displayName } : null, reason: m.removalReason ?? '' }
      : null,
    mentions: m.mentions ?? [],
    // A removed message no longer shows its files either (they stay in the record).
    attachments: m.removedAt ? [] : attachments,
    quote: q
      ? { id: q.id, seq: Number(q.seq), author: { id: q.author.id, displayName: q.author.displayName }, excerpt: q.removedAt ? null : quoteExcerpt(q.body) }
      : null,
    reactions,
    pinned: m.pinnedAt ? { at: m.pinnedAt.toISOString(), by: m.pinnedBy ? { id: m.pinnedBy.id, displayName: m.pinnedBy.displayName } : null } : null,
    translations: [],
  };
}

/** The client page that shows a channel's discussion. */
export function channelLink(kind: ChannelKind, refId: string | null): string {
  switch (kind) {
    case 'roundtable':
      return `/roundtables/${refId}`;
    case 'working_group':
      return `/working-groups/${refId}`;
    case 'action_item':
      return `/action-items/${refId}`;
    case 'direct':
      return `/conversations/${refId}`;
    default:
      return '/discussions';
  }
}

/** A channel's discussion as notifications and mails name it. */
export const PLACE_TITLES: Record<ChannelKind, { en: string; zh: string }> = {
  lobby: { en: 'the lobby', zh: '公共大厅' },
  roundtable: { en: 'a roundtable discussion', zh: '圆桌会议讨论' },
  working_group: { en: 'a working group discussion', zh: '工作组讨论' },
  action_item: { en: "a commitment's discussion", zh: '承诺事项讨论' },
  caucus: { en: 'a caucus discussion', zh: '小组会议讨论' },
  direct: { en: 'a conversation', zh: '对话' },
};

/** A channel's discussion named by its thing's title: "the roundtable “Green skills in Suzhou”". */
const NAMED_PLACES: Partial<Record<ChannelKind, { en: (title: string) => string; zh: (title: string) => string }>> = {
  roundtable: { en: (t) => `the roundtable “${t}”`, zh: (t) => `圆桌会议“${t}”` },
  working_group: { en: (t) => `the working group “${t}”`, zh: (t) => `工作组“${t}”` },
  action_item: { en: (t) => `the discussion of the commitment “${t}”`, zh: (t) => `承诺事项“${t}”的讨论` },
};

/** Where a mention or reply happened, in both languages: the thing's title when there is one, else the kind of place. */
export function placeTitle(kind: ChannelKind, thing: LocalizedText | null): { en: string; zh: string } {
  const named = NAMED_PLACES[kind];
  const en = thing?.en ?? thing?.zh;
  const zh = thing?.zh ?? thing?.en;
  if (!named || !en || !zh) return PLACE_TITLES[kind];
  return { en: named.en(en), zh: named.zh(zh) };
}

function toQuote(id: string, q: QuotedRow): MessageQuote {
  return {
    id,
    seq: Number(q.quotedSeq),
    author: { id: q.quotedAuthorId, displayName: q.quotedAuthorName },
    excerpt: q.quotedBody === null ? null : quoteExcerpt(q.quotedBody),
  };
}

export interface MessageChange {
  message: MessageView;
  /** False when nothing changed (a resend, an unchanged edit, a second removal): nothing to broadcast. */
  changed: boolean;
}

const DEFAULT_SYNC_LIMIT = 100;
const DEFAULT_HISTORY_LIMIT = 50;
/** More pins than this and the list stops being a shortlist. */
const MAX_PINS = 100;

@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly uow: UnitOfWork,
    private readonly channels: ChannelsService,
    private readonly emitter: RealtimeEmitter,
    private readonly activity: ActivityService,
    private readonly attachments: MessageAttachments,
    private readonly reactions: ReactionsRepository,
    private readonly translations: TranslationRecords,
  ) {}

  /** A message as the reader sees it (with its attachments and the reactions, theirs marked). */
  private async load(id: string, reader: AuthUser): Promise<MessageView> {
    return (await this.views([await this.messages.load(id)], reader))[0];
  }

  /**
   * Messages as the reader sees them: the attachments, reactions and translations of all of them are read in one query each,
   * here and never in the send path (a new message has none).
   */
  private async views(rows: Message[], reader: AuthUser): Promise<MessageView[]> {
    const ids = rows.map((m) => m.id);
    const files = await this.attachments.of(ids);
    const counted = await this.reactions.ofMessages(ids, reader.id);
    const reactions = new Map<string, ReactionView[]>();
    for (const r of counted) {
      let list = reactions.get(r.messageId);
      if (!list) reactions.set(r.messageId, (list = []));
      list.push({ emoji: r.emoji, count: r.count, mine: r.mine });
    }
    // Translations added later: removed messages keep none on screen.
    const shown = rows.filter((m) => !m.removedAt).map((m) => m.id);
    const translations = shown.length ? await this.translations.of('message', shown) : new Map<string, TranslationView[]>();
    return rows.map((m) => ({ ...toMessageView(m, files.get(m.id), undefined, reactions.get(m.id)), translations: translations.get(m.id) ?? [] }));
  }

  /**
   * Posts a message. Rights are checked now, not when the channel was joined (a check of a moment ago is reused
   * until anything changes them: ChannelsService.authorizePost); the row is committed before this
   * returns; the same clientMessageId from the same author returns the first message with changed: false.
   */
  async send(user: AuthUser, author: AuthorView, dto: SendMessageDto): Promise<MessageChange> {
    const { channel } = await this.channels.authorizePost(user, dto.channelId);
    const parent = dto.parentId ? await this.messages.parentWithAuthor(dto.parentId, channel.id) : undefined;
    if (parent === null) throw badRequest('parentId', 'parentId does not name a message in this channel');
    const mentions = await this.mentionedReaders(user, channel, dto.body);
    const repliedTo = parent?.author && (await this.replyReader(user, channel, parent.author, mentions));
    const message: NewMessage = {
      channelId: channel.id,
      authorId: user.id,
      clientMessageId: dto.clientMessageId,
      body: dto.body,
      parentId: dto.parentId ?? null,
      mentions,
    };
    const attachmentIds = dto.attachmentIds ?? [];
    let attached: MessageAttachmentView[] = [];
    let row: WrittenRow | undefined;
    try {
      // The hot path: no attachments, mentions or reply, so no transaction and no other query.
      if (mentions.length === 0 && !repliedTo && attachmentIds.length === 0) {
        row = await this.messages.insert(message);
      } else {
        // The mentions' and the reply's notifications, and the attachments, commit with the message.
        const place = mentions.length || repliedTo ? await this.channels.thingTitle(channel) : null;
        row = await this.uow.run(async (tx) => {
          const inserted = await this.messages.insert(message, tx);
          if (!inserted) return inserted;
          if (attachmentIds.length) {
            attached = await this.attachments.attach(tx, { messageId: inserted.id, channelId: channel.id, authorId: user.id }, attachmentIds);
            // Anything not attachable undoes the whole send (the message and its seq too).
            if (attached.length !== attachmentIds.length) {
              throw badRequest('attachmentIds', 'attachmentIds must name documents you uploaded to this channel that no message carries yet');
            }
          }
          const written = { id: inserted.id, seq: Number(inserted.seq), parentId: dto.parentId ?? null };
          await this.notifyMentions(tx, mentions, channel, written, author, place);
          if (repliedTo) await this.notifyOne(tx, repliedTo, 'reply', channel, written, author, place);
          return inserted;
        });
      }
    } catch (error) {
      if (!this.messages.isDuplicateClientId(error)) throw error;
      return { message: await this.firstSent(user, dto), changed: false };
    }
    if (!row) throw new ApiError(HttpStatus.UNAUTHORIZED, 'Your account is no longer active');
    this.channels.written(channel.id, Number(row.seq));
    const view: MessageView = {
      id: row.id,
      channelId: channel.id,
      seq: Number(row.seq),
      clientMessageId: dto.clientMessageId,
      author,
      body: dto.body,
      parentId: dto.parentId ?? null,
      createdAt: new Date(row.created_at).toISOString(),
      editedAt: null,
      removed: null,
      mentions,
      attachments: attachmentIds.map((id) => attached.find((a) => a.id === id)!),
      quote: parent ? toQuote(dto.parentId!, parent.quoted) : null,
      reactions: [],
      pinned: null,
      translations: [],
    };
    return { message: view, changed: true };
  }

  private async firstSent(user: AuthUser, dto: SendMessageDto): Promise<MessageView> {
    const first = await this.messages.firstSent(user.id, dto.clientMessageId);
    if (first.channelId !== dto.channelId) {
      throw badRequest('clientMessageId', 'clientMessageId was already used for a message in another channel');
    }
    return (await this.views([first], user))[0];
  }

  /** The users a body mentions who can read the channel (never the author). */
  private async mentionedReaders(user: AuthUser, channel: ChannelRef, body: string): Promise<string[]> {
    const segments = mentionSegments(body);
    if (!segments.length) return [];
    const rows = await this.messages.mentionCandidates(segments, user.id);
    const ids = resolveMentions(segments, rows);
    const readers: string[] = [];
    for (const id of ids) {
      const candidate = rows.find((r) => r.id === id)!;
      const access = await this.channels.access(
        {
          id,
          email: candidate.email,
          displayName: candidate.displayName,
          role: candidate.role,
          locale: candidate.locale,
          organizationId: candidate.organizationId,
          constituency: candidate.constituency,
        },
        channel,
      );
      if (access?.read) readers.push(id);
    }
    return readers;
  }

  /** The author of the message replied to, when they can still read the channel and are not already mentioned. */
  private async replyReader(user: AuthUser, channel: ChannelRef, parentAuthor: MentionedUser, mentions: string[]): Promise<string | null> {
    if (parentAuthor.id === user.id || mentions.includes(parentAuthor.id)) return null;
    const access = await this.channels.access(
      {
        id: parentAuthor.id,
        email: parentAuthor.email,
        displayName: parentAuthor.displayName,
        role: parentAuthor.role,
        locale: parentAuthor.locale,
        organizationId: parentAuthor.organizationId,
        constituency: parentAuthor.constituency,
      },
      channel,
    );
    return access?.read ? parentAuthor.id : null;
  }

  private async notifyMentions(
    tx: Tx,
    userIds: string[],
    channel: ChannelRef,
    message: { id: string; seq: number; parentId?: string | null },
    author: AuthorView,
    place: LocalizedText | null,
  ): Promise<void> {
    for (const userId of userIds) await this.notifyOne(tx, userId, 'mention', channel, message, author, place);
  }

  private async notifyOne(
    tx: Tx,
    userId: string,
    kind: 'mention' | 'reply',
    channel: ChannelRef,
    message: { id: string; seq: number; parentId?: string | null },
    author: AuthorView,
    place: LocalizedText | null,
  ): Promise<void> {
    // No excerpt: a moderator may later hide the text, and a notification must not keep it on show.
    await this.emitter.notify(tx, userId, kind, {
      channelId: channel.id,
      channelKind: channel.kind,
      refId: channel.refId,
      messageId: message.id,
      // The thread a reply by mail goes into: the message's own thread, or the message itself.
      threadId: message.parentId ?? message.id,
      seq: message.seq,
      author: { id: author.id, displayName: author.displayName },
      // The discussion it happened in, named by its roundtable, working group or commitment, in both languages.
      title: placeTitle(channel.kind, place),
      link: channelLink(channel.kind, channel.refId),
    });
  }

  /** The author rewrites their message; the previous text is kept in message_revisions. */
  async edit(user: AuthUser, author: AuthorView, dto: EditMessageDto): Promise<MessageChange> {
    const current = orNotFound(await this.messages.findHeader(dto.messageId), 'Message');
    const { channel } = await this.channels.authorize(user, current.channelId, 'post');
    if (current.authorId !== user.id) throw forbidden('Only the author may edit a message');
    const mentions = await this.mentionedReaders(user, channel, dto.body);
    const place = mentions.length ? await this.channels.thingTitle(channel) : null;
    const changed = await this.uow.run(async (tx) => {
      const m = orNotFound(await this.messages.lock(tx, dto.messageId), 'Message');
      if (m.removedAt) throw forbidden('A removed message cannot be edited');
      if (m.body === dto.body) return false;
      await this.messages.rewrite(tx, m, { body: dto.body, editorId: user.id, mentions });
      const added = mentions.filter((id) => !m.mentions.includes(id));
      await this.notifyMentions(tx, added, channel, { id: m.id, seq: Number(m.seq) }, author, place);
      return true;
    });
    return { message: await this.load(dto.messageId, user), changed };
  }

  /** A moderator hides a message with a reason. The text stays in the record; the removal is audited. */
  async remove(user: AuthUser, dto: DeleteMessageDto): Promise<MessageChange> {
    const current = orNotFound(await this.messages.findHeader(dto.messageId), 'Message');
    await this.channels.authorize(user, current.channelId, 'moderate');
    const changed = await this.uow.run(async (tx) => {
      const m = orNotFound(await this.messages.lock(tx, dto.messageId), 'Message');
      if (m.removedAt) return false;
      await this.messages.markRemoved(tx, m.id, { byId: user.id, reason: dto.reason || null });
      await this.activity.recordBy(tx, user, 'message.removed', m.id, {
        channelId: m.channelId,
        seq: Number(m.seq),
        authorId: m.authorId,
        reason: dto.reason || null,
      });
      return true;
    });
    return { message: await this.load(dto.messageId, user), changed };
  }

  /** What was posted after `afterSeq`, oldest first: the catch-up after a reconnect. */
  async since(user: AuthUser, channelId: string, afterSeq: number, limit = DEFAULT_SYNC_LIMIT): Promise<{ messages: MessageView[]; hasMore: boolean }> {
    await this.channels.authorize(user, channelId, 'read');
    const rows = await this.messages.after(channelId, afterSeq, limit + 1);
    return { messages: await this.views(rows.slice(0, limit), user), hasMore: rows.length > limit };
  }

  /**
   * History by seq cursors, always ascending. afterSeq pages forward (hasMore: newer ones remain); otherwise the
   * newest page before beforeSeq (or the end) is returned (hasMore: older ones remain).
   */
  async history(user: AuthUser, channelId: string, query: MessageHistoryQuery): Promise<{ items: MessageView[]; hasMore: boolean }> {
    await this.channels.authorize(user, channelId, 'read');
    const limit = query.limit ?? DEFAULT_HISTORY_LIMIT;
    if (query.afterSeq !== undefined) {
      const rows = await this.messages.between(channelId, query.afterSeq, query.beforeSeq, limit + 1);
      return { items: await this.views(rows.slice(0, limit), user), hasMore: rows.length > limit };
    }
    const rows = await this.messages.before(channelId, query.beforeSeq, limit + 1);
    return { items: await this.views(rows.slice(0, limit).reverse(), user), hasMore: rows.length > limit };
  }

  /**
   * Adds (or takes back) the user's reaction to a message. Whoever may read the channel may react; a hidden channel
   * or unknown message is not_found, a removed message cannot be reacted to (conflict). The event for the room is
   * null when nothing changed (the same reaction twice).
   */
  async react(
    user: AuthUser,
    dto: ReactionDto,
    add: boolean,
  ): Promise<{ ack: { messageId: string; reactions: ReactionView[] }; event: ReactionUpdatedEvent | null }> {
    const header = orNotFound(await this.messages.findHeader(dto.messageId), 'Message');
    await this.channels.authorize(user, header.channelId, 'read');
    if (add && header.removedAt) throw conflict('A removed message cannot be reacted to');
    const { changed, count } = add ? await this.reactions.add(header.id, user.id, dto.emoji) : await this.reactions.remove(header.id, user.id, dto.emoji);
    const reactions = (await this.reactions.ofMessages([header.id], user.id)).map((r) => ({ emoji: r.emoji, count: r.count, mine: r.mine }));
    return {
      ack: { messageId: header.id, reactions },
      event: changed
        ? { channelId: header.channelId, messageId: header.id, emoji: dto.emoji, count, user: { id: user.id, displayName: user.displayName }, added: add }
        : null,
    };
  }

  /** A moderator of the channel pins (or unpins) a message; a removed message cannot be pinned. Audited. */
  async pin(user: AuthUser, messageId: string, pinned: boolean): Promise<MessageChange> {
    const header = orNotFound(await this.messages.findHeader(messageId), 'Message');
    const { access } = await this.channels.authorize(user, header.channelId, 'read');
    if (!access.moderate) throw forbidden("Only the channel's moderators may pin messages");
    if (pinned && header.removedAt) throw conflict('A removed message cannot be pinned');
    const changed = await this.uow.run(async (tx) => {
      const done = await this.messages.setPinned(tx, messageId, pinned ? user.id : null);
      if (done) await this.activity.recordBy(tx, user, pinned ? 'message.pinned' : 'message.unpinned', messageId, { channelId: header.channelId });
      return done;
    });
    return { message: await this.load(messageId, user), changed };
  }

  /** The pinned messages of a channel, most recently pinned first (readers of the channel only). */
  async pins(user: AuthUser, channelId: string): Promise<{ items: MessageView[] }> {
    await this.channels.authorize(user, channelId, 'read');
    return { items: await this.views(await this.messages.pinned(channelId, MAX_PINS), user) };
  }

  /**
   * The earlier texts of a message, newest first. Readers of the channel see them; once a message is removed only
   * moderators do (others get 404, as for anything hidden).
   */
  async revisions(user: AuthUser, channelId: string, messageId: string): Promise<{ items: MessageRevisionView[] }> {
    const { access } = await this.channels.authorize(user, channelId, 'read');
    const message = await this.messages.findInChannel(messageId, channelId);
    if (!message || (message.removedAt && !access.moderate)) throw notFound('Message');
    const rows = await this.messages.revisions(messageId);
    return {
      items: rows.map((r) => ({
        body: r.body,
        replacedAt: r.replaced_at.toISOString(),
        editor: r.editor_id ? { id: r.editor_id, displayName: r.editor_name ?? '' } : null,
      })),
    };
  }
}
