import { Body, Get, Param, Patch, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Roles, ApiController } from '../common/decorators';
import { IdParam } from '../common/params';
import { UpdateUserDto, UserList, UserQuery, UserView } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiController('directory', 'users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: UserQuery): Promise<UserList> {
    return this.users.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<UserView> {
    return this.users.get(user, id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiErrors(409)
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(user, id, dto);
  }
}
