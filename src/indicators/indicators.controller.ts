import { Body, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Roles, ApiController } from '../common/decorators';
import { IdParam } from '../common/params';
import {
  CreateIndicatorDto,
  IndicatorList,
  IndicatorQuery,
  IndicatorRefParam,
  IndicatorView,
  ParkIndicatorsQuery,
  ParkIndicatorsView,
  SeriesQuery,
  SeriesView,
  UpdateIndicatorDto,
} from './dto/indicator.dto';
import { IndicatorRulesView, UpdateIndicatorRulesDto } from './dto/indicator-rules.dto';
import { IndicatorTargetList } from './dto/indicator-link.dto';
import { IndicatorLinksService } from './indicator-links.service';
import { IndicatorsService } from './indicators.service';
import { SeriesService } from './series.service';

@ApiController('indicators', 'indicators')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly series: SeriesService,
    private readonly links: IndicatorLinksService,
  ) {}

  @Get()
  list(@Query() query: IndicatorQuery): Promise<IndicatorList> {
    return this.indicators.list(query);
  }

  @Get(':id')
  get(@Param() { id }: IndicatorRefParam): Promise<IndicatorView> {
    return this.indicators.get(id);
  }

  @Get(':id/series')
  seriesOf(@CurrentUser() user: AuthUser, @Param() { id }: IndicatorRefParam, @Query() query: SeriesQuery): Promise<SeriesView> {
    return this.series.series(user, id, query);
  }

  /** Every commitment's baseline and target for the indicator, per scope: the lines the indicator page draws. */
  @Get(':id/targets')
  targets(@Param() { id }: IndicatorRefParam): Promise<IndicatorTargetList> {
    return this.links.targetsOfIndicator(id);
  }

  /** The indicator's validation rules and reporting calendar. */
  @Get(':id/rules')
  rules(@Param() { id }: IndicatorRefParam): Promise<IndicatorRulesView> {
    return this.indicators.rules(id);
  }

  @Patch(':id/rules')
  @Roles('admin')
  updateRules(@CurrentUser() user: AuthUser, @Param() { id }: IndicatorRefParam, @Body() dto: UpdateIndicatorRulesDto): Promise<IndicatorRulesView> {
    return this.indicators.updateRules(user, id, dto);
  }

  @Post()
  @Roles('admin')
  @ApiErrors(409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateIndicatorDto): Promise<IndicatorView> {
    return this.indicators.create(user, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiErrors(409)
  update(@CurrentUser() user: AuthUser, @Param() { id }: IndicatorRefParam, @Body() dto: UpdateIndicatorDto): Promise<IndicatorView> {
    return this.indicators.update(user, id, dto);
  }
}

@ApiController('indicators', 'parks')
export class ParkIndicatorsController {
  constructor(private readonly series: SeriesService) {}

  /** The park page: the latest value of every indicator for the park, and the one before it. */
  @Get(':id/indicators')
  @ApiErrors(403)
  overview(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() query: ParkIndicatorsQuery): Promise<ParkIndicatorsView> {
    return this.series.parkOverview(user, id, query);
  }
}
