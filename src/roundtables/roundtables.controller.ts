import { Body, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Roles, ApiController, PostAction } from '../common/decorators';
import { IdParam } from '../common/params';
import {
  CalendarQuery,
  CreateRoundtableDto,
  HistoryQuery,
  RoundtableBalanceView,
  RoundtablePage,
  RoundtableQuery,
  RoundtableStatusDto,
  RoundtableView,
  UpdateRoundtableDto,
} from './dto/roundtable.dto';
import { RoundtablesService } from './roundtables.service';
import { ActivityPage } from '../activity/dto/activity.dto';

@ApiController('roundtables', 'roundtables')
export class RoundtablesController {
  constructor(private readonly roundtables: RoundtablesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: RoundtableQuery): Promise<RoundtablePage> {
    return this.roundtables.list(user, query);
  }

  @Post()
  @Roles('admin', 'facilitator')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoundtableDto): Promise<RoundtableView> {
    return this.roundtables.create(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<RoundtableView> {
    return this.roundtables.get(user, id);
  }

  @Patch(':id')
  @ApiErrors(403)
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateRoundtableDto): Promise<RoundtableView> {
    return this.roundtables.update(user, id, dto);
  }

  /** A status change is not a new resource: 200. */
  @PostAction(':id/status')
  @ApiErrors(403, 409)
  changeStatus(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: RoundtableStatusDto): Promise<RoundtableView> {
    return this.roundtables.changeStatus(user, id, dto);
  }

  @Get(':id/balance')
  balance(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<RoundtableBalanceView> {
    return this.roundtables.balance(user, id);
  }

  /** The roundtable and its timed agenda items as an iCalendar file. */
  @Get(':id/calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) file.', schema: { type: 'string' } })
  async calendar(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParam,
    @Query() { lang }: CalendarQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const ics = await this.roundtables.calendar(user, id, lang);
    // Set only on success, so that errors keep their JSON content type.
    res.header('Content-Type', 'text/calendar; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="roundtable-${id}.ics"`);
    return ics;
  }

  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() query: HistoryQuery): Promise<ActivityPage> {
    return this.roundtables.history(user, id, query);
  }
}
