import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/unit-of-work';
import type { MessageAttachmentView } from './dto/views';

/** Where a message is being written, for attaching files to it. */
export interface AttachmentTarget {
  messageId: string;
  channelId: string;
  authorId: string;
}

/** What the module that keeps documents does for messages. */
export interface MessageAttachmentSource {
  /**
   * In the message's transaction: attaches those of the documents that the author uploaded to the channel and that
   * no message carries yet; returns the ones attached.
   */
  attach(tx: Tx, target: AttachmentTarget, documentIds: string[]): Promise<MessageAttachmentView[]>;
  /** The attachments of each of the messages (messages without any are left out). */
  of(messageIds: string[]): Promise<Map<string, MessageAttachmentView[]>>;
}

/**
 * Files on messages: the documents module provides the source (it depends on this module for channel rights, so
 * this module cannot depend on it); until it does, no message has attachments and none can be attached.
 */
@Injectable()
export class MessageAttachments {
  private source: MessageAttachmentSource | null = null;

  provide(source: MessageAttachmentSource): void {
    this.source = source;
  }

  async attach(tx: Tx, target: AttachmentTarget, documentIds: string[]): Promise<MessageAttachmentView[]> {
    return this.source ? this.source.attach(tx, target, documentIds) : [];
  }

  async of(messageIds: string[]): Promise<Map<string, MessageAttachmentView[]>> {
    if (!this.source || !messageIds.length) return new Map();
    return this.source.of(messageIds);
  }
}
