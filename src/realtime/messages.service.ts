import { HttpStatus, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { ApiError, badRequest, forbidden, notFound } from '../common/errors';
import type { Constituency } from '../organizations/entities/organization.entity';
import type { Role } from '../users/entities/user.entity';
import type { UserIdentity } from '../users/users.service';
import { ChannelRef, ChannelsService } from './channels.service';
import type { MessageDeletePayload as DeleteMessageDto, MessageEditPayload as EditMessageDto, MessageSendPayload as SendMessageDto } from './dto/events.dto';
import type { MessageHistoryQuery } from './dto/realtime.dto';
import type { AuthorView, MessageRevisionView, MessageView } from './dto/views';
import { Message } from './entities/message.entity';
import { MessageRevision } from './entities/message-revision.entity';
import { mentionSegments, type MentionCandidate, resolveMentions } from './message-text';
import { INSERT_MESSAGE, MessageWriter, type WrittenRow } from './message-writer';
import { RealtimeEmitter } from './realtime.emitter';

export const toAuthorView = (user: UserIdentity): AuthorView => ({
  id: user.id,
  displayName: user.displayName,
  organization: { id: user.organization.id, name: user.organization.name },
  constituency: user.organization.constituency,
});

export function toMessageView(m: Message, author: AuthorView = toAuthorView(m.author)): MessageView {
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
  };
}

export interface MessageChange {
  message: MessageView;
  /** False when nothing changed (a resend, an unchanged edit, a second removal): nothing to broadcast. */
  changed: boolean;
}

const DEFAULT_SYNC_LIMIT = 100;
const DEFAULT_HISTORY_LIMIT = 50;

const isDuplicateClientId = (error: unknown) => {
  if (!(error instanceof QueryFailedError)) return false;
  const e = error as QueryFailedError & { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return (e.driverError?.code ?? e.code) === '23505' && (e.driverError?.constraint ?? e.constraint) === 'messages_author_client_uq';
};

@Injectable()
export class MessagesService implements OnModuleDestroy {
  /** Writes the messages of concurrent sends in shared statements (each still acked only after its commit). */
  private readonly writer: MessageWriter;

  constructor(
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    private readonly dataSource: DataSource,
    private readonly channels: ChannelsService,
    private readonly emitter: RealtimeEmitter,
    private readonly activity: ActivityService,
  ) {
    this.writer = new MessageWriter(dataSource);
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.close();
  }

  private withAuthors() {
    return this.messages
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.author', 'a')
      .innerJoinAndSelect('a.organization', 'o')
      .leftJoinAndSelect('m.removedBy', 'r');
  }

  private async load(id: string): Promise<MessageView> {
    return toMessageView(await this.withAuthors().where('m.id = :id', { id }).getOneOrFail());
  }

  /**
   * Posts a message. Rights are checked now, not when the channel was joined (a check of a moment ago is reused
   * until anything changes them: ChannelsService.authorizePost); the row is committed before this
   * returns; the same clientMessageId from the same author returns the first message with changed: false.
   */
  async send(user: AuthUser, author: AuthorView, dto: SendMessageDto): Promise<MessageChange> {
    const { channel } = await this.channels.authorizePost(user, dto.channelId);
    if (dto.parentId && !(await this.messages.existsBy({ id: dto.parentId, channelId: channel.id }))) {
      throw badRequest('parentId', 'parentId does not name a message in this channel');
    }
    const mentions = await this.mentionedReaders(user, channel, dto.body);
    const params = [channel.id, user.id, dto.clientMessageId, dto.body, dto.parentId ?? null, mentions];
    let row: WrittenRow | undefined;
    try {
      if (mentions.length === 0) {
        row = await this.writer.write({ channelId: channel.id, authorId: user.id, clientMessageId: dto.clientMessageId, body: dto.body, parentId: dto.parentId ?? null, mentions });
      } else {
        row = await this.dataSource.transaction(async (manager) => {
          const [inserted] = await manager.query(INSERT_MESSAGE, params);
          if (inserted) await this.notifyMentions(manager, mentions, channel, { id: inserted.id, seq: Number(inserted.seq) }, author);
          return inserted;
        });
      }
    } catch (error) {
      if (!isDuplicateClientId(error)) throw error;
      return { message: await this.firstSent(user, dto), changed: false };
    }
    if (!row) throw new ApiError(HttpStatus.UNAUTHORIZED, 'Your account is no longer active');
    const message: MessageView = {
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
    };
    return { message, changed: true };
  }

  private async firstSent(user: AuthUser, dto: SendMessageDto): Promise<MessageView> {
    const first = await this.withAuthors()
      .where('m.authorId = :author AND m.clientMessageId = :cid', { author: user.id, cid: dto.clientMessageId })
      .getOneOrFail();
    if (first.channelId !== dto.channelId) {
      throw badRequest('clientMessageId', 'clientMessageId was already used for a message in another channel');
    }
    return toMessageView(first);
  }

  /** The users a body mentions who can read the channel (never the author). */
  private async mentionedReaders(user: AuthUser, channel: ChannelRef, body: string): Promise<string[]> {
    const segments = mentionSegments(body);
    if (!segments.length) return [];
    const rows: (MentionCandidate & { role: Role; organizationId: string; constituency: Constituency; locale: 'en' | 'zh-CN' })[] =
      await this.dataSource.query(
        `SELECT u.id, u.display_name AS "displayName", u.email, u.role, u.locale, u.organization_id AS "organizationId",
                o.constituency
           FROM users u JOIN organizations o ON o.id = u.organization_id
          WHERE u.active AND u.id <> $2 AND EXISTS (
                SELECT 1 FROM unnest($1::text[]) AS s(segment)
                 WHERE starts_with(s.segment, lower(u.display_name)) OR starts_with(s.segment, lower(split_part(u.email, '@', 1))))`,
        [segments, user.id],
      );
    const ids = resolveMentions(segments, rows);
    const readers: string[] = [];
    for (const id of ids) {
      const candidate = rows.find((r) => r.id === id)!;
      const access = await this.channels.access(
        { id, email: candidate.email, displayName: candidate.displayName, role: candidate.role, locale: candidate.locale, organizationId: candidate.organizationId, constituency: candidate.constituency },
        channel,
      );
      if (access?.read) readers.push(id);
    }
    return readers;
  }

  private async notifyMentions(
    manager: EntityManager,
    userIds: string[],
    channel: ChannelRef,
    message: { id: string; seq: number },
    author: AuthorView,
  ): Promise<void> {
    for (const userId of userIds) {
      // No excerpt: a moderator may later hide the text, and a notification must not keep it on show.
      await this.emitter.notify(manager, userId, 'mention', {
        channelId: channel.id,
        channelKind: channel.kind,
        refId: channel.refId,
        messageId: message.id,
        seq: message.seq,
        author: { id: author.id, displayName: author.displayName },
      });
    }
  }

  /** The author rewrites their message; the previous text is kept in message_revisions. */
  async edit(user: AuthUser, author: AuthorView, dto: EditMessageDto): Promise<MessageChange> {
    const current = await this.messages.findOne({ where: { id: dto.messageId }, select: { id: true, channelId: true, authorId: true } });
    if (!current) throw notFound('Message');
    const { channel } = await this.channels.authorize(user, current.channelId, 'post');
    if (current.authorId !== user.id) throw forbidden('Only the author may edit a message');
    const mentions = await this.mentionedReaders(user, channel, dto.body);
    const changed = await this.dataSource.transaction(async (manager) => {
      const m = await manager.findOne(Message, { where: { id: dto.messageId }, lock: { mode: 'pessimistic_write' } });
      if (!m) throw notFound('Message');
      if (m.removedAt) throw forbidden('A removed message cannot be edited');
      if (m.body === dto.body) return false;
      await manager.insert(MessageRevision, { messageId: m.id, body: m.body, editorId: user.id });
      await manager.update(Message, { id: m.id }, { body: dto.body, editedAt: () => 'now()', mentions });
      const added = mentions.filter((id) => !m.mentions.includes(id));
      await this.notifyMentions(manager, added, channel, { id: m.id, seq: Number(m.seq) }, author);
      return true;
    });
    return { message: await this.load(dto.messageId), changed };
  }

  /** A moderator hides a message with a reason. The text stays in the record; the removal is audited. */
  async remove(user: AuthUser, dto: DeleteMessageDto): Promise<MessageChange> {
    const current = await this.messages.findOne({ where: { id: dto.messageId }, select: { id: true, channelId: true } });
    if (!current) throw notFound('Message');
    await this.channels.authorize(user, current.channelId, 'moderate');
    const changed = await this.dataSource.transaction(async (manager) => {
      const m = await manager.findOne(Message, { where: { id: dto.messageId }, lock: { mode: 'pessimistic_write' } });
      if (!m) throw notFound('Message');
      if (m.removedAt) return false;
      await manager.update(Message, { id: m.id }, { removedAt: () => 'now()', removedById: user.id, removalReason: dto.reason || null });
      await this.activity.record(manager, {
        actorId: user.id,
        action: 'message.removed',
        entityType: 'message',
        entityId: m.id,
        changes: { channelId: m.channelId, seq: Number(m.seq), authorId: m.authorId, reason: dto.reason || null },
      });
      return true;
    });
    return { message: await this.load(dto.messageId), changed };
  }

  /** What was posted after `afterSeq`, oldest first: the catch-up after a reconnect. */
  async since(user: AuthUser, channelId: string, afterSeq: number, limit = DEFAULT_SYNC_LIMIT): Promise<{ messages: MessageView[]; hasMore: boolean }> {
    await this.channels.authorize(user, channelId, 'read');
    const rows = await this.withAuthors()
      .where('m.channelId = :channelId AND m.seq > :afterSeq', { channelId, afterSeq })
      .orderBy('m.seq', 'ASC')
      .limit(limit + 1)
      .getMany();
    return { messages: rows.slice(0, limit).map((m) => toMessageView(m)), hasMore: rows.length > limit };
  }

  /**
   * History by seq cursors, always ascending. afterSeq pages forward (hasMore: newer ones remain); otherwise the
   * newest page before beforeSeq (or the end) is returned (hasMore: older ones remain).
   */
  async history(user: AuthUser, channelId: string, query: MessageHistoryQuery): Promise<{ items: MessageView[]; hasMore: boolean }> {
    await this.channels.authorize(user, channelId, 'read');
    const limit = query.limit ?? DEFAULT_HISTORY_LIMIT;
    const qb = this.withAuthors().where('m.channelId = :channelId', { channelId }).limit(limit + 1);
    if (query.beforeSeq !== undefined) qb.andWhere('m.seq < :beforeSeq', { beforeSeq: query.beforeSeq });
    if (query.afterSeq !== undefined) {
      const rows = await qb.andWhere('m.seq > :afterSeq', { afterSeq: query.afterSeq }).orderBy('m.seq', 'ASC').getMany();
      return { items: rows.slice(0, limit).map((m) => toMessageView(m)), hasMore: rows.length > limit };
    }
    const rows = await qb.orderBy('m.seq', 'DESC').getMany();
    return { items: rows.slice(0, limit).reverse().map((m) => toMessageView(m)), hasMore: rows.length > limit };
  }

  /**
   * The earlier texts of a message, newest first. Readers of the channel see them; once a message is removed only
   * moderators do (others get 404, as for anything hidden).
   */
  async revisions(user: AuthUser, channelId: string, messageId: string): Promise<{ items: MessageRevisionView[] }> {
    const { access } = await this.channels.authorize(user, channelId, 'read');
    const message = await this.messages.findOne({ where: { id: messageId, channelId }, select: { id: true, removedAt: true } });
    if (!message || (message.removedAt && !access.moderate)) throw notFound('Message');
    const rows: { body: string; replaced_at: Date; editor_id: string | null; editor_name: string | null }[] = await this.dataSource.query(
      `SELECT r.body, r.edited_at AS replaced_at, r.editor_id, u.display_name AS editor_name
         FROM message_revisions r LEFT JOIN users u ON u.id = r.editor_id
        WHERE r.message_id = $1
        ORDER BY r.id DESC`,
      [messageId],
    );
    return {
      items: rows.map((r) => ({
        body: r.body,
        replacedAt: r.replaced_at.toISOString(),
        editor: r.editor_id ? { id: r.editor_id, displayName: r.editor_name ?? '' } : null,
      })),
    };
  }
}
