import { Body, Controller, Get, HttpStatus, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
import { ApiError } from '../common/errors';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Public, NoContent, PostAction } from '../common/decorators';
import { User } from '../users/entities/user.entity';
import type { AuthUser } from './auth-user';
import { AuthService, bearerToken, type Session, toSessionView } from './auth.service';
import { clearRefreshCookie, presentedRefreshToken, setRefreshCookie } from './refresh-cookie';
import { LoginDto, RefreshDto, SessionView, UpdateMeDto } from './dto/auth.dto';
import type { UserView } from '../users/dto/user.dto';
import { LocalAuthGuard } from './guards/local-auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LocalAuthGuard)
  @PostAction('login')
  @ApiBody({ type: LoginDto })
  @ApiErrors(400, 401, 429)
  async login(@Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<SessionView> {
    return this.sessionView(request, response, await this.auth.login((request as FastifyRequest & { user?: User }).user!));
  }

  @Public()
  @PostAction('refresh')
  @ApiErrors(401)
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply, @Body() dto: RefreshDto): Promise<SessionView> {
    const token = presentedRefreshToken(request, dto.refreshToken);
    if (!token) throw new ApiError(HttpStatus.UNAUTHORIZED, 'No refresh token: sign in first');
    try {
      return this.sessionView(request, response, await this.auth.refresh(token));
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === (HttpStatus.UNAUTHORIZED as number)) clearRefreshCookie(request, response);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @NoContent('Signed out: the refresh token, and the access token sent with the request, no longer work.')
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply, @Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(presentedRefreshToken(request, dto.refreshToken), bearerToken(request));
    clearRefreshCookie(request, response);
  }

  private sessionView(request: FastifyRequest, response: FastifyReply, session: Session): SessionView {
    setRefreshCookie(request, response, session.refreshToken, this.auth.refreshTokenTtlSeconds);
    return toSessionView(session);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<UserView> {
    return this.auth.me(user);
  }

  @ApiBearerAuth()
  @Patch('me')
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserView> {
    return this.auth.updateMe(user, dto);
  }
}
