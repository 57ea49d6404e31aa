import { Body, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, ApiController, NoContent } from '../common/decorators';
import { IdParam } from '../common/params';
import {
  CreateIndicatorLinkDto,
  IndicatorHealthView,
  IndicatorLinkList,
  IndicatorLinkParams,
  IndicatorLinkView,
  UpdateIndicatorLinkDto,
} from './dto/indicator-link.dto';
import { IndicatorLinksService } from './indicator-links.service';

@ApiController('action items', 'action-items/:id/indicator-links')
export class IndicatorLinksController {
  constructor(private readonly links: IndicatorLinksService) {}

  @Get()
  list(@Param() { id }: IdParam): Promise<IndicatorLinkList> {
    return this.links.list(id);
  }

  @Post()
  @ApiErrors(403, 409)
  create(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CreateIndicatorLinkDto): Promise<IndicatorLinkView> {
    return this.links.create(user, id, dto);
  }

  @Patch(':linkId')
  @ApiErrors(403)
  update(@CurrentUser() user: AuthUser, @Param() { id, linkId }: IndicatorLinkParams, @Body() dto: UpdateIndicatorLinkDto): Promise<IndicatorLinkView> {
    return this.links.update(user, id, linkId, dto);
  }

  @Delete(':linkId')
  @NoContent('Removed.')
  @ApiErrors(403)
  remove(@CurrentUser() user: AuthUser, @Param() { id, linkId }: IndicatorLinkParams): Promise<void> {
    return this.links.remove(user, id, linkId);
  }
}

@ApiController('roadmaps', 'roadmaps')
export class IndicatorHealthController {
  constructor(private readonly links: IndicatorLinksService) {}

  /** Per commitment, how its indicators are doing; and the commitments with an indicator off track. */
  @Get(':id/indicator-health')
  health(@Param() { id }: IdParam): Promise<IndicatorHealthView> {
    return this.links.health(id);
  }
}
