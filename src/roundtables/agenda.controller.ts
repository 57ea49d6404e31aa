import { Body, Delete, Get, Param, Patch, Post, Put } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, ApiController, NoContent, PostAction } from '../common/decorators';
import { AgendaCirculationView } from './dto/roundtable.dto';
import { IdParam } from '../common/params';
import { AgendaService } from './agenda.service';
import {
  AgendaItemList,
  AgendaItemParam,
  AgendaItemView,
  CreateAgendaItemDto,
  MinutesDto,
  MinutesList,
  MinutesView,
  ReorderAgendaDto,
  UpdateAgendaItemDto,
} from './dto/agenda.dto';

@ApiController('roundtables', 'roundtables')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get(':id/agenda-items')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<AgendaItemList> {
    return this.agenda.list(user, id);
  }

  @Post(':id/agenda-items')
  @ApiErrors(403)
  create(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CreateAgendaItemDto): Promise<AgendaItemView> {
    return this.agenda.create(user, id, dto);
  }

  /** Mails the agenda to everyone taking part (and notifies them in the app); facilitators and admins only. */
  @PostAction(':id/agenda/circulate')
  @ApiErrors(403, 409)
  circulate(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<AgendaCirculationView> {
    return this.agenda.circulate(user, id);
  }

  @Put(':id/agenda-items/order')
  @ApiErrors(403)
  reorder(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: ReorderAgendaDto): Promise<AgendaItemList> {
    return this.agenda.reorder(user, id, dto);
  }

  @Patch(':id/agenda-items/:itemId')
  @ApiErrors(403)
  update(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam, @Body() dto: UpdateAgendaItemDto): Promise<AgendaItemView> {
    return this.agenda.update(user, id, itemId, dto);
  }

  @Delete(':id/agenda-items/:itemId')
  @NoContent()
  @ApiErrors(403)
  remove(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam): Promise<void> {
    return this.agenda.remove(user, id, itemId);
  }

  @Put(':id/agenda-items/:itemId/minutes')
  @ApiErrors(403)
  putMinutes(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam, @Body() dto: MinutesDto): Promise<MinutesView> {
    return this.agenda.putMinutes(user, id, itemId, dto);
  }

  @Get(':id/agenda-items/:itemId/minutes/history')
  minutesHistory(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam): Promise<MinutesList> {
    return this.agenda.minutesHistory(user, id, itemId);
  }
}
