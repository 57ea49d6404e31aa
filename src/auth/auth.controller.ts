import { Body, Controller, Get, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Public, NoContent, PostAction } from '../common/decorators';
import { User } from '../users/entities/user.entity';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
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
  login(@Req() request: Request): Promise<SessionView> {
    return this.auth.login(request.user as User);
  }

  @Public()
  @PostAction('refresh')
  @ApiErrors(401)
  refresh(@Body() dto: RefreshDto): Promise<SessionView> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('logout')
  @NoContent('Signed out: the refresh token no longer works.')
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
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
