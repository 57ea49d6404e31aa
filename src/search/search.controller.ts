import { Get, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiController, CurrentUser } from '../common/decorators';
import { SearchPage, SearchQuery } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiController('search', 'search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Messages, roundtables (title, agenda, minutes, decisions), commitments and indicators the searcher may see, best first. */
  @Get()
  find(@CurrentUser() user: AuthUser, @Query() query: SearchQuery): Promise<SearchPage> {
    return this.search.search(user, query);
  }
}
