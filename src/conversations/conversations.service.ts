import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, notFound } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import type { ChannelAccess, MyThing, ReadableScope } from '../realtime/channel-access.registry';
import { ChannelsService } from '../realtime/channels.service';
import { UsersService } from '../users/users.service';
import { ConversationsRepository, type MemberRow } from './conversations.repository';
import type { ConversationView, StartConversationDto } from './dto/conversation.dto';
import type { Conversation } from './entities/conversation.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One conversation per set of people, whoever starts it and in whatever order they are named. */
export const memberKeyOf = (ids: string[]): string => [...new Set(ids.map((id) => id.toLowerCase()))].sort().join(',');

/** What a conversation is called for one of its members: the others' names (in Chinese joined with 、). */
export function conversationTitle(members: { userId: string; displayName: string }[], viewerId: string): { en: string; zh: string } {
  const others = members.filter((m) => m.userId !== viewerId).map((m) => m.displayName);
  return { en: others.join(', '), zh: others.join('、') };
}

/**
 * Direct conversations between two or a few people. Their channels (kind `direct`) exist only for their members: to
 * everyone else, platform admins included, they are not found, and search and unread counts never include them.
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly uow: UnitOfWork,
    private readonly channels: ChannelsService,
    private readonly users: UsersService,
  ) {}

  /** The channel access resolver of kind direct (refId: the conversation id): members read and write, nobody moderates. */
  async access(user: AuthUser, conversationId: string): Promise<ChannelAccess | null> {
    if (!UUID.test(conversationId)) return null;
    return (await this.conversations.isMember(conversationId, user.id)) ? { read: true, post: true, moderate: false } : null;
  }

  /** For search and unread counts: only the person's own conversations. */
  async readableScope(user: AuthUser): Promise<ReadableScope> {
    return { only: await this.conversations.idsOf(user.id) };
  }

  /** For the sidebar: the person's conversations, each named by its other members. */
  async mine(user: AuthUser): Promise<MyThing[]> {
    const members = await this.conversations.members(await this.conversations.idsOf(user.id));
    return [...group(members)].map(([refId, list]) => ({ refId, title: conversationTitle(list, user.id) }));
  }

  /**
   * Starts a conversation with the given people, or finds the one these same people already have (201 / 200). Every
   * one named must be an active user other than the starter.
   */
  async start(user: AuthUser, dto: StartConversationDto): Promise<{ view: ConversationView; created: boolean }> {
    const others = [...new Set(dto.userIds.map((id) => id.toLowerCase()))];
    if (others.includes(user.id.toLowerCase())) throw badRequest('userIds', 'userIds names the other people; you are added yourself');
    const active = new Set(await this.users.activeAmong(others));
    if (others.some((id) => !active.has(id))) throw badRequest('userIds', 'userIds must name active users');
    const memberIds = [user.id, ...others];
    const key = memberKeyOf(memberIds);
    const existing = await this.conversations.findByKey(key);
    if (existing) return { view: await this.view(existing), created: false };
    const { conversation, created } = await this.uow.run(async (tx) => {
      const ensured = await this.conversations.ensure(tx, key, memberIds, user.id);
      await this.channels.ensureChannel('direct', ensured.conversation.id, tx);
      return ensured;
    });
    return { view: await this.view(conversation), created };
  }

  /** One of my conversations (404 for anyone not in it). */
  async get(user: AuthUser, id: string): Promise<ConversationView> {
    const conversation = await this.conversations.findById(id);
    if (!conversation || !(await this.conversations.isMember(id, user.id))) throw notFound('Conversation');
    return this.view(conversation);
  }

  /** My conversations, newest first. */
  async list(user: AuthUser): Promise<{ items: ConversationView[] }> {
    const ids = await this.conversations.idsOf(user.id);
    const items: ConversationView[] = [];
    for (const id of ids) {
      const conversation = await this.conversations.findById(id);
      if (conversation) items.push(await this.view(conversation));
    }
    return { items: items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
  }

  private async view(conversation: Conversation): Promise<ConversationView> {
    const channel = await this.channels.ensureChannel('direct', conversation.id);
    const members = await this.conversations.members([conversation.id]);
    return {
      id: conversation.id,
      channelId: channel.id,
      members: members.map((m) => ({ id: m.userId, displayName: m.displayName })),
      createdAt: conversation.createdAt.toISOString(),
    };
  }
}

function group(rows: MemberRow[]): Map<string, MemberRow[]> {
  const byConversation = new Map<string, MemberRow[]>();
  for (const row of rows) {
    let list = byConversation.get(row.conversationId);
    if (!list) byConversation.set(row.conversationId, (list = []));
    list.push(row);
  }
  return byConversation;
}
