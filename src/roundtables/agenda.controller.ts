import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { AgendaService } from './agenda.service';
import { AgendaItemParam, CreateAgendaItemDto, MinutesDto, ReorderAgendaDto, UpdateAgendaItemDto } from './dto/agenda.dto';

@ApiTags('roundtables')
@ApiBearerAuth()
@Controller('roundtables')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get(':id/agenda-items')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.agenda.list(user, id);
  }

  @Post(':id/agenda-items')
  create(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CreateAgendaItemDto) {
    return this.agenda.create(user, id, dto);
  }

  @Put(':id/agenda-items/order')
  reorder(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: ReorderAgendaDto) {
    return this.agenda.reorder(user, id, dto);
  }

  @Patch(':id/agenda-items/:itemId')
  update(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam, @Body() dto: UpdateAgendaItemDto) {
    return this.agenda.update(user, id, itemId, dto);
  }

  @Delete(':id/agenda-items/:itemId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam) {
    return this.agenda.remove(user, id, itemId);
  }

  @Put(':id/agenda-items/:itemId/minutes')
  putMinutes(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam, @Body() dto: MinutesDto) {
    return this.agenda.putMinutes(user, id, itemId, dto);
  }

  @Get(':id/agenda-items/:itemId/minutes/history')
  minutesHistory(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam) {
    return this.agenda.minutesHistory(user, id, itemId);
  }
}
