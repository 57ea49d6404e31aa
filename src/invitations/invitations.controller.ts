import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Public, Roles, NoContent } from '../common/decorators';
import { IdParam } from '../common/params';
import { AcceptInvitationDto, CreatedInvitation, CreateInvitationDto, InvitationList, InvitationView, TokenParam } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';
import type { FastifyRequest, FastifyReply } from 'fastify';
import { AuthService, toSessionView } from '../auth/auth.service';
import { SessionView } from '../auth/dto/auth.dto';
import { setRefreshCookie } from '../auth/refresh-cookie';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly auth: AuthService,
  ) {}

  @ApiBearerAuth()
  @Post()
  @Roles('admin', 'facilitator')
  @ApiErrors(409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInvitationDto): Promise<CreatedInvitation> {
    return this.invitations.create(user, dto);
  }

  @ApiBearerAuth()
  @Get()
  @Roles('admin', 'facilitator')
  list(): Promise<InvitationList> {
    return this.invitations.list();
  }

  /** Mails the invitation again with a new link (the previous link stops working) and a new expiry. */
  @ApiBearerAuth()
  @Post(':id/resend')
  @HttpCode(200)
  @Roles('admin', 'facilitator')
  resend(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<CreatedInvitation> {
    return this.invitations.resend(user, id);
  }

  @ApiBearerAuth()
  @Delete(':id')
  @Roles('admin', 'facilitator')
  @NoContent()
  revoke(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<void> {
    return this.invitations.revoke(user, id);
  }

  @Public()
  @Get('by-token/:token')
  @ApiErrors(410)
  preview(@Param() { token }: TokenParam): Promise<InvitationView> {
    return this.invitations.preview(token);
  }

  @Public()
  @Post(':token/accept')
  @HttpCode(201)
  @ApiErrors(409, 410)
  async accept(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
    @Param() { token }: TokenParam,
    @Body() dto: AcceptInvitationDto,
  ): Promise<SessionView> {
    const session = await this.invitations.accept(token, dto);
    setRefreshCookie(request, response, session.refreshToken, this.auth.refreshTokenTtlSeconds);
    return toSessionView(session);
  }
}
