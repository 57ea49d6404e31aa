import { TranslationView } from '../../translations/dto/views';
import { ApiProperty } from '@nestjs/swagger';
import type { LocalizedText } from '../../common/localized-text';
import { ListOf, PageOf } from '../../common/page-of';
import type { Constituency } from '../../organizations/entities/organization.entity';
import type { ChannelKind } from '../entities/channel.entity';
import { ApiInteger } from '../../common/decorators';

export class ChannelAccessView {
  read: boolean;
  post: boolean;
  moderate: boolean;
}

export class ChannelView {
  id: string;
  kind: ChannelKind;
  refId: string | null;

  @ApiInteger()
  lastSeq: number;

  createdAt: string;
  /** What the viewer may do here. */
  access: ChannelAccessView;
}

export class AuthorOrganization {
  id: string;
  name: LocalizedText;
}

export class AuthorView {
  id: string;
  displayName: string;
  organization: AuthorOrganization;
  constituency: Constituency;
}

export class MessageRemoval {
  at: string;
  /** The moderator who removed it. */
  by: UserRef | null;
  reason: string;
}

/** A file attached to a message (a document uploaded to the channel); its bytes follow the channel's rights. */
export class MessageAttachmentView {
  /** The document's id. */
  id: string;
  /** Its file name, made safe to show. */
  name: string;
  /** Read from the content when it was uploaded. */
  contentType: string;
  /** In bytes. */
  @ApiInteger()
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** Where to download it (add `?disposition=inline` for a raster image preview). */
  url: string;
}

/** One emoji's reactions to a message. */
export class ReactionView {
  emoji: string;
  @ApiInteger()
  count: number;
  /** Whether the reader is among them. */
  mine: boolean;
}

export class MessagePin {
  at: string;
  /** The moderator who pinned it. */
  by: UserRef | null;
}

/** The message a reply quotes: where it is and the beginning of its text (null once removed). */
export class MessageQuote {
  id: string;
  @ApiInteger()
  seq: number;
  author: UserRef;
  excerpt: string | null;
}

export class MessageView {
  id: string;
  channelId: string;

  @ApiInteger()
  seq: number;

  clientMessageId: string;
  author: AuthorView;
  /** null once a moderator removed the message (the text stays in the record, not on screen). */
  body: string | null;
  parentId: string | null;
  createdAt: string;
  editedAt: string | null;
  /** Set once a moderator removed the message. */
  removed: MessageRemoval | null;
  /** Ids of the users mentioned. */
  mentions: string[];
  /** Files attached when it was sent, in the order given. */
  attachments: MessageAttachmentView[];
  /** The message this one answers, quoted (null when it answers none). */
  quote: MessageQuote | null;
  /** Reactions by emoji, in the order first used; empty on a new message. */
  reactions: ReactionView[];
  /** Set while a moderator has it pinned. */
  pinned: MessagePin | null;
  /** Translations of the body added later (history and sync carry them; a new message has none yet). */
  translations: TranslationView[];
}

export class MessageList extends ListOf(MessageView) {}

export class NotificationView {
  id: string;
  /** What happened, e.g. mention, roundtable.status_changed. */
  kind: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the notification is about; its fields depend on the kind.' })
  payload: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

/** An earlier text of an edited message, newest first in GET /api/channels/:id/messages/:messageId/revisions. */
export class MessageRevisionView {
  body: string;
  /** When it was replaced by the next text. */
  replacedAt: string;
  editor: UserRef | null;
}

export class UserRef {
  id: string;
  displayName: string;
}

export class ChannelPage extends PageOf(ChannelView) {}

export class MessageHistoryView {
  /** In sequence order. */
  items: MessageView[];
  /** Whether there are more messages beyond this page. */
  hasMore: boolean;
}

export class MessageRevisionList extends ListOf(MessageRevisionView) {}

export class NotificationPage {
  items: NotificationView[];

  /** The user's unread notifications in all. */
  @ApiInteger()
  unreadCount: number;

  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export class UnreadCountView {
  @ApiInteger()
  unreadCount: number;
}

/** One of a person's channels in their sidebar, with what they have not read yet (on any of their devices). */
export class MyChannelView {
  id: string;
  @ApiProperty({ enum: ['lobby', 'roundtable', 'working_group', 'action_item', 'direct'] })
  kind: ChannelKind;
  refId: string | null;
  /** The roundtable, working group or commitment, or the other people of a direct conversation; null for the lobby. */
  title: LocalizedText | null;
  @ApiInteger()
  lastSeq: number;
  /** The seq of the last message read. */
  @ApiInteger()
  lastReadSeq: number;
  /** Messages by others after the read position, counted up to 100 (show "99+" from 100 on). */
  @ApiInteger()
  unread: number;
  /** Of those, the ones that mention the reader (also up to 100). */
  @ApiInteger()
  mentions: number;
  /** Where to jump to: the first unread message, or null. */
  @ApiProperty({ type: 'integer', nullable: true })
  firstUnreadSeq: number | null;
}

export class MyChannelList extends ListOf(MyChannelView) {}
