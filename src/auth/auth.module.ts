import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginAddress } from './entities/login-address.entity';
import { LoginFailure } from './entities/login-failure.entity';
import { RevokedAccessToken } from './entities/revoked-access-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { jwtKey } from './jwt-key';
import { LoginFailuresRepository } from './login-failures.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RevokedAccessTokensRepository } from './revoked-access-tokens.repository';
import { SessionsService } from './sessions.service';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { RolesGuard } from './guards/roles.guard';
import { LocalStrategy } from './strategies/local.strategy';

@Global()
@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([RefreshToken, LoginFailure, LoginAddress, RevokedAccessToken]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) => ({ secret: jwtKey(config.jwtSecret) }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    RefreshTokensRepository,
    LoginFailuresRepository,
    RevokedAccessTokensRepository,
    LocalStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService, SessionsService],
})
export class AuthModule {}
