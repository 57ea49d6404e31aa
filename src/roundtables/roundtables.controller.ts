import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IdParam } from '../common/params';
import {
  CalendarQuery,
  CreateRoundtableDto,
  HistoryQuery,
  RoundtableQuery,
  RoundtableStatusDto,
  UpdateRoundtableDto,
} from './dto/roundtable.dto';
import { RoundtablesService } from './roundtables.service';

@ApiTags('roundtables')
@ApiBearerAuth()
@Controller('roundtables')
export class RoundtablesController {
  constructor(private readonly roundtables: RoundtablesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: RoundtableQuery) {
    return this.roundtables.list(user, query);
  }

  @Post()
  @Roles('admin', 'facilitator')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoundtableDto) {
    return this.roundtables.create(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.roundtables.get(user, id);
  }

  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateRoundtableDto) {
    return this.roundtables.update(user, id, dto);
  }

  /** A status change is not a new resource: 200. */
  @Post(':id/status')
  @HttpCode(200)
  changeStatus(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: RoundtableStatusDto) {
    return this.roundtables.changeStatus(user, id, dto);
  }

  @Get(':id/balance')
  balance(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.roundtables.balance(user, id);
  }

  @Get(':id/calendar.ics')
  async calendar(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParam,
    @Query() { lang }: CalendarQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ics = await this.roundtables.calendar(user, id, lang);
    // Set only on success, so that errors keep their JSON content type.
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="roundtable-${id}.ics"`);
    return ics;
  }

  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() query: HistoryQuery) {
    return this.roundtables.history(user, id, query);
  }
}
