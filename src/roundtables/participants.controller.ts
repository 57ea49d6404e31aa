import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { AddParticipantsDto, ParticipantParam, UpdateParticipantDto } from './dto/participant.dto';
import { ParticipantsService } from './participants.service';

@ApiTags('roundtables')
@ApiBearerAuth()
@Controller('roundtables')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get(':id/participants')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.participants.list(user, id);
  }

  @Post(':id/participants')
  add(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: AddParticipantsDto) {
    return this.participants.add(user, id, dto);
  }

  @Patch(':id/participants/:userId')
  update(@CurrentUser() user: AuthUser, @Param() { id, userId }: ParticipantParam, @Body() dto: UpdateParticipantDto) {
    return this.participants.update(user, id, userId, dto);
  }

  @Delete(':id/participants/:userId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param() { id, userId }: ParticipantParam) {
    return this.participants.remove(user, id, userId);
  }
}
