import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Conversation, ConversationMember } from './entities/conversation.entity';

export interface MemberRow {
  conversationId: string;
  userId: string;
  displayName: string;
}

/** The conversations and conversation_members tables. */
@Injectable()
export class ConversationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByKey(memberKey: string, tx: Tx = this.dataSource.manager): Promise<Conversation | null> {
    return tx.findOneBy(Conversation, { memberKey });
  }

  findById(id: string): Promise<Conversation | null> {
    return this.dataSource.manager.findOneBy(Conversation, { id });
  }

  /** The conversation of these members, created with them when missing (safe under concurrency); whether it was new. */
  async ensure(tx: Tx, memberKey: string, memberIds: string[], createdById: string): Promise<{ conversation: Conversation; created: boolean }> {
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO conversations (member_key, created_by_id) VALUES ($1, $2) ON CONFLICT (member_key) DO NOTHING RETURNING id`,
      [memberKey, createdById],
    );
    const conversation = (await this.findByKey(memberKey, tx))!;
    const created = inserted.length > 0;
    if (created)
      await tx.insert(
        ConversationMember,
        memberIds.map((userId) => ({ conversationId: conversation.id, userId })),
      );
    return { conversation, created };
  }

  isMember(conversationId: string, userId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(ConversationMember, { conversationId, userId });
  }

  /** The ids of the conversations a person is in. */
  async idsOf(userId: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(ConversationMember, { where: { userId }, select: { conversationId: true } });
    return rows.map((r) => r.conversationId);
  }

  /** The members of the given conversations with their names (from the users table), by conversation then name. */
  members(conversationIds: string[]): Promise<MemberRow[]> {
    if (!conversationIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT cm.conversation_id AS "conversationId", u.id AS "userId", u.display_name AS "displayName"
         FROM conversation_members cm JOIN users u ON u.id = cm.user_id
        WHERE cm.conversation_id = ANY ($1::uuid[])
        ORDER BY cm.conversation_id, u.display_name, u.id`,
      [conversationIds],
    );
  }
}
