import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, QueryFailedError, Repository } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import type { Constituency } from '../organizations/entities/organization.entity';
import type { Role } from '../users/entities/user.entity';
import { MessageRevision } from './entities/message-revision.entity';
import { Message } from './entities/message.entity';
import type { MentionCandidate } from './message-text';
import { INSERT_MESSAGE, MessageWriter, type NewMessage, type WrittenRow } from './message-writer';

/** Someone a message may mention, with what their channel access is decided on. */
export type MentionedUser = MentionCandidate & { role: Role; organizationId: string; constituency: Constituency; locale: 'en' | 'zh-CN' };

/** The message a reply quotes, as read with the reply's parent check. */
export interface QuotedRow {
  quotedSeq: string;
  quotedAuthorId: string;
  quotedAuthorName: string;
  /** null once removed. */
  quotedBody: string | null;
}

export interface MessageRevisionRow {
  body: string;
  replaced_at: Date;
  editor_id: string | null;
  editor_name: string | null;
}

/**
 * Messages and their revisions: the only door to those tables. New messages of concurrent sends are written
 * together, set-based, by the MessageWriter on connections of its own.
 */
@Injectable()
export class MessagesRepository implements OnModuleDestroy {
  private readonly writer: MessageWriter;

  constructor(
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    private readonly dataSource: DataSource,
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
      .leftJoinAndSelect('m.removedBy', 'r')
      .leftJoinAndSelect('m.pinnedBy', 'pb')
      .leftJoinAndSelect('m.parent', 'q')
      .leftJoinAndSelect('q.author', 'qa');
  }

  /** A message with its author (and organization) and remover. */
  load(id: string): Promise<Message> {
    return this.withAuthors().where('m.id = :id', { id }).getOneOrFail();
  }

  /** The message an author sent under a clientMessageId. */
  firstSent(authorId: string, clientMessageId: string): Promise<Message> {
    return this.withAuthors().where('m.authorId = :author AND m.clientMessageId = :cid', { author: authorId, cid: clientMessageId }).getOneOrFail();
  }

  /** Whether an insert failed because its author already sent a message under the same clientMessageId. */
  isDuplicateClientId(error: unknown): boolean {
    if (!(error instanceof QueryFailedError)) return false;
    const e = error as QueryFailedError & { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
    return (e.driverError?.code ?? e.code) === '23505' && (e.driverError?.constraint ?? e.constraint) === 'messages_author_client_uq';
  }

  /**
   * A message of the channel and its author as a mention candidate: null when the message is not in the channel;
   * author null when the author is no longer active.
   */
  async parentWithAuthor(id: string, channelId: string): Promise<{ author: MentionedUser | null; quoted: QuotedRow } | null> {
    const rows: (MentionedUser & QuotedRow)[] = await this.dataSource.query(
      `SELECT u.id, u.display_name AS "displayName", u.email, u.role, u.locale, u.organization_id AS "organizationId", o.constituency,
              m.seq::text AS "quotedSeq", m.author_id AS "quotedAuthorId", w.display_name AS "quotedAuthorName",
              CASE WHEN m.removed_at IS NULL THEN m.body END AS "quotedBody"
         FROM messages m
         JOIN users w ON w.id = m.author_id
         LEFT JOIN users u ON u.id = m.author_id AND u.active
         LEFT JOIN organizations o ON o.id = u.organization_id
        WHERE m.id = $1 AND m.channel_id = $2`,
      [id, channelId],
    );
    if (!rows.length) return null;
    const { quotedSeq, quotedAuthorId, quotedAuthorName, quotedBody } = rows[0];
    return { author: rows[0].id ? rows[0] : null, quoted: { quotedSeq, quotedAuthorId, quotedAuthorName, quotedBody } };
  }

  isInChannel(id: string, channelId: string): Promise<boolean> {
    return this.messages.existsBy({ id, channelId });
  }

  /**
   * Inserts a message with its channel's next seq; the committed row, or undefined when the author is no longer
   * active. Without a transaction it goes to the writer, which batches concurrent sends into one statement.
   */
  insert(message: NewMessage, tx?: Tx): Promise<WrittenRow | undefined> {
    if (!tx) return this.writer.write(message);
    return tx
      .query(INSERT_MESSAGE, [message.channelId, message.authorId, message.clientMessageId, message.body, message.parentId, message.mentions])
      .then((rows: WrittenRow[]) => rows[0]);
  }

  /**
   * The active users whose display name or email local part begins one of the body's `@` segments (never the
   * author). This reads the users module's tables directly: it runs at every send that has an `@`, as one
   * set-based match that UsersService has no query for.
   */
  mentionCandidates(segments: string[], authorId: string): Promise<MentionedUser[]> {
    return this.dataSource.query(
      `SELECT u.id, u.display_name AS "displayName", u.email, u.role, u.locale, u.organization_id AS "organizationId",
              o.constituency
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.active AND u.id <> $2 AND EXISTS (
              SELECT 1 FROM unnest($1::text[]) AS s(segment)
               WHERE starts_with(s.segment, lower(u.display_name)) OR starts_with(s.segment, lower(split_part(u.email, '@', 1))))`,
      [segments, authorId],
    );
  }

  /** Where a message is and who wrote it (before the rights are checked). */
  findHeader(id: string): Promise<Pick<Message, 'id' | 'channelId' | 'authorId' | 'removedAt'> | null> {
    return this.messages.findOne({ where: { id }, select: { id: true, channelId: true, authorId: true, removedAt: true } });
  }

  /** The message, locked until the transaction ends (an edit and a removal never cross). */
  lock(tx: Tx, id: string): Promise<Message | null> {
    return tx.findOne(Message, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Replaces the text, keeping the previous one as a revision. */
  async rewrite(tx: Tx, message: Message, change: { body: string; editorId: string; mentions: string[] }): Promise<void> {
    await tx.insert(MessageRevision, { messageId: message.id, body: message.body, editorId: change.editorId });
    await tx.update(Message, { id: message.id }, { body: change.body, editedAt: () => 'now()', mentions: change.mentions });
  }

  async markRemoved(tx: Tx, id: string, removal: { byId: string; reason: string | null }): Promise<void> {
    await tx.update(Message, { id }, { removedAt: () => 'now()', removedById: removal.byId, removalReason: removal.reason });
  }

  /** Up to `limit` messages of a channel after `afterSeq`, oldest first. */
  after(channelId: string, afterSeq: number, limit: number): Promise<Message[]> {
    return this.withAuthors().where('m.channelId = :channelId AND m.seq > :afterSeq', { channelId, afterSeq }).orderBy('m.seq', 'ASC').limit(limit).getMany();
  }

  /** Up to `limit` messages before `beforeSeq` (or the end), newest first. */
  before(channelId: string, beforeSeq: number | undefined, limit: number): Promise<Message[]> {
    const qb = this.withAuthors().where('m.channelId = :channelId', { channelId }).limit(limit);
    if (beforeSeq !== undefined) qb.andWhere('m.seq < :beforeSeq', { beforeSeq });
    return qb.orderBy('m.seq', 'DESC').getMany();
  }

  /** Up to `limit` messages between the seqs (either bound optional), oldest first. */
  between(channelId: string, afterSeq: number, beforeSeq: number | undefined, limit: number): Promise<Message[]> {
    const qb = this.withAuthors().where('m.channelId = :channelId', { channelId }).limit(limit);
    if (beforeSeq !== undefined) qb.andWhere('m.seq < :beforeSeq', { beforeSeq });
    return qb.andWhere('m.seq > :afterSeq', { afterSeq }).orderBy('m.seq', 'ASC').getMany();
  }

  /** Pins a message (byId) or unpins it (null); false when it already was so. */
  async setPinned(tx: Tx, id: string, byId: string | null): Promise<boolean> {
    const result = byId
      ? await tx.update(Message, { id, pinnedAt: IsNull() }, { pinnedAt: () => 'now()', pinnedById: byId })
      : await tx.update(Message, { id, pinnedAt: Not(IsNull()) }, { pinnedAt: null, pinnedById: null });
    return (result.affected ?? 0) > 0;
  }

  /** A channel's pinned messages, most recently pinned first. */
  pinned(channelId: string, limit: number): Promise<Message[]> {
    return this.withAuthors()
      .where('m.channelId = :channelId AND m.pinnedAt IS NOT NULL', { channelId })
      .orderBy('m.pinnedAt', 'DESC')
      .addOrderBy('m.seq', 'DESC')
      .limit(limit)
      .getMany();
  }

  findInChannel(id: string, channelId: string): Promise<Pick<Message, 'id' | 'removedAt'> | null> {
    return this.messages.findOne({ where: { id, channelId }, select: { id: true, removedAt: true } });
  }

  /** The earlier texts of a message, newest first, with their editors' names (from the users table). */
  revisions(messageId: string): Promise<MessageRevisionRow[]> {
    return this.dataSource.query(
      `SELECT r.body, r.edited_at AS replaced_at, r.editor_id, u.display_name AS editor_name
         FROM message_revisions r LEFT JOIN users u ON u.id = r.editor_id
        WHERE r.message_id = $1
        ORDER BY r.id DESC`,
      [messageId],
    );
  }
}
