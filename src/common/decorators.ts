import { applyDecorators, Controller, createParamDecorator, ExecutionContext, HttpCode, Post, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Role } from '../users/entities/user.entity';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from './api-errors';

export const IS_PUBLIC = 'isPublic';
/** Opts a route out of the global authentication guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ROLES = 'roles';
/** Restricts a route to the given platform roles (others get 403). */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiErrors(403));

/** The signed-in user of the request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest<{ user: AuthUser }>().user,
);

/** A controller of routes for signed-in users under /api/<path>, listed in the document under the tag. */
export const ApiController = (tag: string, path: string) => applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path));

/** A POST that acts on what exists (a status change, a sign-in, an import) rather than creating a record: 200, not 201. */
export const PostAction = (path: string) => applyDecorators(Post(path), HttpCode(200));

/** A route that answers 204 with no body. */
export const NoContent = (description = 'Done.') => applyDecorators(HttpCode(204), ApiNoContentResponse({ description }));

/** A whole number in the API document: the swagger plugin reads every number field as type number. */
export const ApiInteger = () => ApiProperty({ type: 'integer' });
