import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IdParam } from '../common/params';
import {
  AddMemberDto,
  CreateWorkingGroupDto,
  MemberParam,
  UpdateWorkingGroupDto,
  WorkingGroupHistoryQuery,
  WorkingGroupQuery,
  WorkingGroupStatusDto,
} from './dto/working-group.dto';
import { WorkingGroupsService } from './working-groups.service';

@ApiTags('working groups')
@ApiBearerAuth()
@Controller('working-groups')
export class WorkingGroupsController {
  constructor(private readonly groups: WorkingGroupsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: WorkingGroupQuery) {
    return this.groups.list(user, query);
  }

  @Post()
  @Roles('admin', 'facilitator')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWorkingGroupDto) {
    return this.groups.create(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.groups.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'facilitator')
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateWorkingGroupDto) {
    return this.groups.update(user, id, dto);
  }

  /** A status change is not a new resource: 200. */
  @Post(':id/status')
  @Roles('admin', 'facilitator')
  @HttpCode(200)
  changeStatus(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: WorkingGroupStatusDto) {
    return this.groups.changeStatus(user, id, dto);
  }

  @Get(':id/members')
  members(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.groups.members(user, id);
  }

  /** Facilitators, admins and the group's chair (checked in the service). */
  @Post(':id/members')
  addMember(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: AddMemberDto) {
    return this.groups.addMember(user, id, dto);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  removeMember(@CurrentUser() user: AuthUser, @Param() { id, userId }: MemberParam) {
    return this.groups.removeMember(user, id, userId);
  }

  @Get(':id/balance')
  balance(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.groups.balance(user, id);
  }

  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() query: WorkingGroupHistoryQuery) {
    return this.groups.history(user, id, query);
  }
}
