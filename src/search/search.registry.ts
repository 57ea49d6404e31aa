import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import type { SearchText } from '../common/search-text';
import type { SearchKind } from '../shared/enums';
import type { SearchHitView } from './dto/search.dto';

/** One search, as each kind's provider is asked it. */
export interface SearchRequest {
  user: AuthUser;
  text: SearchText;
  /** Inclusive UTC days, or null. */
  from: string | null;
  to: string | null;
  /** Messages only. */
  channelId: string | null;
  authorId: string | null;
  /** How many of the best hits to return (the page's end: hits before it are skipped by the caller). */
  take: number;
}

export interface ScoredHit {
  hit: SearchHitView;
  score: number;
}

/** A provider's answer: its best `take` hits, best first, and how many hits the searcher may see in all. */
export interface SearchAnswer {
  total: number;
  /** True when the provider stopped counting: total is a lower bound. */
  capped?: boolean;
  hits: ScoredHit[];
}

/**
 * Searches one kind of thing, over its module's own tables, with the searcher's rights applied in the query itself
 * (a hidden thing is neither returned nor counted).
 */
export type SearchProvider = (request: SearchRequest) => Promise<SearchAnswer>;

/** The modules that own messages, roundtables, commitments and indicators register their searches here. */
@Injectable()
export class SearchRegistry {
  private readonly providers = new Map<SearchKind, SearchProvider>();

  register(kind: SearchKind, provider: SearchProvider): void {
    this.providers.set(kind, provider);
  }

  kinds(): SearchKind[] {
    return [...this.providers.keys()];
  }

  get(kind: SearchKind): SearchProvider | undefined {
    return this.providers.get(kind);
  }
}
