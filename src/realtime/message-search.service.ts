import { Injectable, type OnModuleInit } from '@nestjs/common';
import { toSnippet } from '../common/search-text';
import { SearchRegistry, type SearchAnswer, type SearchRequest } from '../search/search.registry';
import { ChannelAccessRegistry } from './channel-access.registry';
import { MessageSearchRepository } from './message-search.repository';

/** Offers discussion messages to search: only those of channels the searcher may read, never removed ones. */
@Injectable()
export class MessageSearchService implements OnModuleInit {
  constructor(
    private readonly search: SearchRegistry,
    private readonly access: ChannelAccessRegistry,
    private readonly messages: MessageSearchRepository,
  ) {}

  onModuleInit(): void {
    this.search.register('message', (request) => this.find(request));
  }

  async find(request: SearchRequest): Promise<SearchAnswer> {
    const { rows, total, capped } = await this.messages.search({ ...request, scopes: await this.access.readableScopes(request.user) });
    return {
      total,
      capped,
      hits: rows.map((r) => ({
        score: Number(r.score),
        hit: {
          kind: 'message',
          id: r.id,
          title: null,
          field: null,
          snippet: toSnippet(r.headline, r.body, request.text.needle),
          createdAt: r.created_at.toISOString(),
          channel: { id: r.channel_id, kind: r.kind, refId: r.ref_id },
          seq: Number(r.seq),
          author: { id: r.author_id, displayName: r.author_name },
        },
      })),
    };
  }
}
