import { Global, Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchRegistry } from './search.registry';
import { SearchService } from './search.service';

/** GET /api/search. Global, so that each module can register the search of its own things. */
@Global()
@Module({
  controllers: [SearchController],
  providers: [SearchRegistry, SearchService],
  exports: [SearchRegistry],
})
export class SearchModule {}
