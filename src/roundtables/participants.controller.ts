import { Body, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, ApiController, NoContent } from '../common/decorators';
import { IdParam } from '../common/params';
import { AddedParticipants, AddParticipantsDto, ParticipantList, ParticipantParam, ParticipantView, UpdateParticipantDto } from './dto/participant.dto';
import { ParticipantsService } from './participants.service';

@ApiController('roundtables', 'roundtables')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get(':id/participants')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<ParticipantList> {
    return this.participants.list(user, id);
  }

  @Post(':id/participants')
  @ApiErrors(403, 409)
  add(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: AddParticipantsDto): Promise<AddedParticipants> {
    return this.participants.add(user, id, dto);
  }

  @Patch(':id/participants/:userId')
  @ApiErrors(403, 409)
  update(@CurrentUser() user: AuthUser, @Param() { id, userId }: ParticipantParam, @Body() dto: UpdateParticipantDto): Promise<ParticipantView> {
    return this.participants.update(user, id, userId, dto);
  }

  @Delete(':id/participants/:userId')
  @NoContent()
  @ApiErrors(403, 409)
  remove(@CurrentUser() user: AuthUser, @Param() { id, userId }: ParticipantParam): Promise<void> {
    return this.participants.remove(user, id, userId);
  }
}
