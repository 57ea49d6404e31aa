import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { CreateIndicatorLinkDto, IndicatorLinkParams, UpdateIndicatorLinkDto } from './dto/indicator-link.dto';
import { IndicatorLinksService } from './indicator-links.service';

@ApiTags('action items')
@ApiBearerAuth()
@Controller('action-items/:id/indicator-links')
export class IndicatorLinksController {
  constructor(private readonly links: IndicatorLinksService) {}

  @Get()
  list(@Param() { id }: IdParam) {
    return this.links.list(id);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CreateIndicatorLinkDto) {
    return this.links.create(user, id, dto);
  }

  @Patch(':linkId')
  update(@CurrentUser() user: AuthUser, @Param() { id, linkId }: IndicatorLinkParams, @Body() dto: UpdateIndicatorLinkDto) {
    return this.links.update(user, id, linkId, dto);
  }

  @Delete(':linkId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param() { id, linkId }: IndicatorLinkParams) {
    return this.links.remove(user, id, linkId);
  }
}

@ApiTags('roadmaps')
@ApiBearerAuth()
@Controller('roadmaps')
export class IndicatorHealthController {
  constructor(private readonly links: IndicatorLinksService) {}

  /** Per commitment, how its indicators are doing; and the commitments with an indicator off track. */
  @Get(':id/indicator-health')
  health(@Param() { id }: IdParam) {
    return this.links.health(id);
  }
}
