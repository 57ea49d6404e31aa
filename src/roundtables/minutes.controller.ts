import { Body, Get, Param, Post } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { ApiController, CurrentUser, PostAction } from '../common/decorators';
import { IdParam } from '../common/params';
import { AgendaItemParam } from './dto/agenda.dto';
import { CorrigendumDto, CorrigendumView, MinutesCommentDto, MinutesCommentView, MinutesRecordView, MinutesStatusDto } from './dto/minutes.dto';
import { MinutesService } from './minutes.service';

@ApiController('roundtables', 'roundtables')
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  /** Where the minutes stand in their adoption, with comments, objections and corrigenda. */
  @Get(':id/minutes')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<MinutesRecordView> {
    return this.minutes.get(user, id);
  }

  /** Circulates, withdraws, adopts or locks the minutes; an illegal move answers 409. */
  @PostAction(':id/minutes/status')
  @ApiErrors(403, 409)
  changeStatus(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: MinutesStatusDto): Promise<MinutesRecordView> {
    return this.minutes.changeStatus(user, id, dto);
  }

  /** An attendee's comment on one agenda item's circulated minutes, before the deadline. */
  @Post(':id/agenda-items/:itemId/minutes/comments')
  @ApiErrors(403, 409)
  comment(@CurrentUser() user: AuthUser, @Param() { id, itemId }: AgendaItemParam, @Body() dto: MinutesCommentDto): Promise<MinutesCommentView> {
    return this.minutes.comment(user, id, itemId, dto);
  }

  /** A numbered correction to adopted minutes. */
  @Post(':id/minutes/corrigenda')
  @ApiErrors(403, 409)
  addCorrigendum(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CorrigendumDto): Promise<CorrigendumView> {
    return this.minutes.addCorrigendum(user, id, dto);
  }
}
