import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { IdParam } from '../common/params';
import { AcceptInvitationDto, CreateInvitationDto, TokenParam } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @ApiBearerAuth()
  @Post()
  @Roles('admin', 'facilitator')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInvitationDto) {
    return this.invitations.create(user, dto);
  }

  @ApiBearerAuth()
  @Get()
  @Roles('admin', 'facilitator')
  list() {
    return this.invitations.list();
  }

  @ApiBearerAuth()
  @Delete(':id')
  @Roles('admin', 'facilitator')
  @HttpCode(204)
  revoke(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.invitations.revoke(user, id);
  }

  @Public()
  @Get('by-token/:token')
  preview(@Param() { token }: TokenParam) {
    return this.invitations.preview(token);
  }

  @Public()
  @Post(':token/accept')
  @HttpCode(201)
  accept(@Param() { token }: TokenParam, @Body() dto: AcceptInvitationDto) {
    return this.invitations.accept(token, dto);
  }
}
