import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators';
import { PublicRoadmapDetail, PublicRoadmapList, PublicRoadmapParams, PublicSeriesParams, PublicSeriesView } from './dto/portal.dto';
import { PortalService } from './portal.service';

/** What readers' caches and proxies may keep: five minutes. */
const CACHE_CONTROL = 'public, max-age=300';

/** The public portal: published roadmaps, read without signing in. Every response carries an ETag (create-app.ts), so a reader may revalidate. */
@ApiTags('public portal')
@Controller('public/roadmaps')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  /** The roadmaps whose facilitators published them. */
  @Public()
  @Get()
  @Header('Cache-Control', CACHE_CONTROL)
  list(): Promise<PublicRoadmapList> {
    return this.portal.list();
  }

  /** A published roadmap: its progress, its commitments' public fields, the indicators they are meant to move. */
  @Public()
  @Get(':id')
  @Header('Cache-Control', CACHE_CONTROL)
  roadmap(@Param() { id }: PublicRoadmapParams): Promise<PublicRoadmapDetail> {
    return this.portal.roadmap(id);
  }

  /** The verified values of an indicator linked to a published roadmap, per scope a commitment set a target for. */
  @Public()
  @Get(':id/indicators/:code/series')
  @Header('Cache-Control', CACHE_CONTROL)
  series(@Param() { id, code }: PublicSeriesParams): Promise<PublicSeriesView> {
    return this.portal.series(id, code);
  }
}
