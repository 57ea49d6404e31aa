import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { encodeCursor, readCursor } from '../common/pagination';
import { searchText } from '../common/search-text';
import { badRequest } from '../common/errors';
import type { SearchKind } from '../shared/enums';
import type { SearchPage, SearchQuery } from './dto/search.dto';
import { type ScoredHit, SearchRegistry } from './search.registry';

/** Deeper than this, a search should be narrowed rather than paged (each page asks every kind for its best hits). */
const MAX_OFFSET = 1000;

/** Best first; among equals the newest, then by id so that pages never skip or repeat a hit. */
const byRelevance = (a: ScoredHit, b: ScoredHit) => b.score - a.score || b.hit.createdAt.localeCompare(a.hit.createdAt) || a.hit.id.localeCompare(b.hit.id);

@Injectable()
export class SearchService {
  constructor(private readonly registry: SearchRegistry) {}

  async search(user: AuthUser, query: SearchQuery): Promise<SearchPage> {
    const limit = query.limit ?? 20;
    const cursor = readCursor(query.cursor, { o: 'bigint' });
    const offset = cursor ? Number(cursor.o) : 0;
    if (offset > MAX_OFFSET) throw badRequest('cursor', `cursor goes past the first ${MAX_OFFSET} hits; narrow the search instead`);
    if (query.from && query.to && query.from > query.to) throw badRequest('to', 'to must not be before from');
    // Channel and author filters are about messages: with either, only messages are searched.
    const messageFilter = !!(query.channelId || query.authorId);
    if (messageFilter && query.kind && query.kind !== 'message') {
      throw badRequest(query.channelId ? 'channelId' : 'authorId', 'channelId and authorId filter messages: use them with kind=message or no kind');
    }
    const kinds: SearchKind[] = query.kind ? [query.kind] : messageFilter ? ['message'] : this.registry.kinds();
    const text = searchText(query.q);
    if (!text.needle) throw badRequest('q', 'q needs at least one letter or character to search for');
    const take = offset + limit;
    const answers = await Promise.all(
      kinds.map((kind) =>
        this.registry.get(kind)!({
          user,
          text,
          from: query.from ?? null,
          to: query.to ?? null,
          channelId: query.channelId ?? null,
          authorId: query.authorId ?? null,
          take,
        }),
      ),
    );
    const total = answers.reduce((sum, a) => sum + a.total, 0);
    const totalAtLeast = answers.some((a) => a.capped);
    const ranked = answers.flatMap((a) => a.hits).sort(byRelevance);
    const items = ranked.slice(offset, take).map((s) => s.hit);
    return { items, total, totalAtLeast, nextCursor: take < total && items.length === limit ? encodeCursor({ o: String(take) }) : null };
  }
}
