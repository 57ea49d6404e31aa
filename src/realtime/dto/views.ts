import type { LocalizedText } from '../../common/localized-text';
import type { Constituency } from '../../organizations/entities/organization.entity';
import type { ChannelKind } from '../entities/channel.entity';

export interface ChannelAccessView {
  read: boolean;
  post: boolean;
  moderate: boolean;
}

export interface ChannelView {
  id: string;
  kind: ChannelKind;
  refId: string | null;
  lastSeq: number;
  createdAt: string;
  /** What the viewer may do here. */
  access: ChannelAccessView;
}

export interface AuthorView {
  id: string;
  displayName: string;
  organization: { id: string; name: LocalizedText };
  constituency: Constituency;
}

export interface MessageView {
  id: string;
  channelId: string;
  seq: number;
  clientMessageId: string;
  author: AuthorView;
  /** null once a moderator removed the message (the text stays in the record, not on screen). */
  body: string | null;
  parentId: string | null;
  createdAt: string;
  editedAt: string | null;
  removed: { at: string; by: { id: string; displayName: string } | null; reason: string } | null;
  /** Ids of the users mentioned. */
  mentions: string[];
}

export interface NotificationView {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

/** An earlier text of an edited message, newest first in GET /api/channels/:id/messages/:messageId/revisions. */
export interface MessageRevisionView {
  body: string;
  /** When it was replaced by the next text. */
  replacedAt: string;
  editor: UserRef | null;
}

export interface UserRef {
  id: string;
  displayName: string;
}
