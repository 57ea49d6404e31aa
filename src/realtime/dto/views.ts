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
  /** Translations of the body added later (history and sync carry them; a new message has none yet). */
  translations: TranslationView[];
}

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
  @ApiProperty({ enum: ['lobby', 'roundtable', 'working_group', 'action_item'] })
  kind: ChannelKind;
  refId: string | null;
  /** The roundtable, working group or commitment; null for the lobby. */
  title: LocalizedText | null;
  @ApiInteger()
  lastSeq: number;
  /** The seq of the last message read. */
  @ApiInteger()
  lastReadSeq: number;
  /** Messages by others after the read position. */
  @ApiInteger()
  unread: number;
  /** Of those, the ones that mention the reader. */
  @ApiInteger()
  mentions: number;
  /** Where to jump to: the first unread message, or null. */
  @ApiProperty({ type: 'integer', nullable: true })
  firstUnreadSeq: number | null;
}

export class MyChannelList extends ListOf(MyChannelView) {}
