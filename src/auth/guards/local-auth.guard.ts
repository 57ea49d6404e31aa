import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationException, validationOptions } from '../../common/validation';
import { LoginDto } from '../dto/auth.dto';
import { nameInAccessLine } from '../../logger';

/** Validates the login body (400 naming the field) before the local strategy checks the password. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body?: unknown }>();
    const dto = plainToInstance(LoginDto, request.body ?? {});
    const errors = await validate(dto, validationOptions);
    if (errors.length) throw validationException(errors);
    const allowed = (await super.canActivate(context)) as boolean;
    const signedIn = context.switchToHttp().getRequest<FastifyRequest & { user?: { id: string } }>();
    if (signedIn.user) nameInAccessLine(signedIn, signedIn.user);
    return allowed;
  }

  handleRequest<T>(error: Error | null, user: T): T {
    if (error) throw error;
    return user;
  }
}
