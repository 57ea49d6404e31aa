import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Roles, ApiController, NoContent, PostAction } from '../common/decorators';
import { IdParam } from '../common/params';
import {
  AddMemberDto,
  CreateWorkingGroupDto,
  MemberList,
  MemberParam,
  MemberView,
  UpdateWorkingGroupDto,
  WorkingGroupHistoryQuery,
  WorkingGroupPage,
  WorkingGroupQuery,
  WorkingGroupStatusDto,
  WorkingGroupView,
} from './dto/working-group.dto';
import { WorkingGroupsService } from './working-groups.service';
import { ActivityPage } from '../activity/dto/activity.dto';
import { WorkingGroupBalanceView } from '../roundtables/dto/roundtable.dto';

@ApiController('working groups', 'working-groups')
export class WorkingGroupsController {
  constructor(private readonly groups: WorkingGroupsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: WorkingGroupQuery): Promise<WorkingGroupPage> {
    return this.groups.list(user, query);
  }

  @Post()
  @Roles('admin', 'facilitator')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWorkingGroupDto): Promise<WorkingGroupView> {
    return this.groups.create(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<WorkingGroupView> {
    return this.groups.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'facilitator')
  @ApiErrors(409)
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateWorkingGroupDto): Promise<WorkingGroupView> {
    return this.groups.update(user, id, dto);
  }

  /** A status change is not a new resource: 200. */
  @PostAction(':id/status')
  @Roles('admin', 'facilitator')
  @ApiErrors(409)
  changeStatus(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: WorkingGroupStatusDto): Promise<WorkingGroupView> {
    return this.groups.changeStatus(user, id, dto);
  }

  @Get(':id/members')
  members(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<MemberList> {
    return this.groups.members(user, id);
  }

  /** Facilitators, admins and the group's chair (checked in the service). */
  @Post(':id/members')
  @ApiErrors(403, 409)
  addMember(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: AddMemberDto): Promise<MemberView> {
    return this.groups.addMember(user, id, dto);
  }

  @Delete(':id/members/:userId')
  @NoContent()
  @ApiErrors(403, 409)
  removeMember(@CurrentUser() user: AuthUser, @Param() { id, userId }: MemberParam): Promise<void> {
    return this.groups.removeMember(user, id, userId);
  }

  @Get(':id/balance')
  balance(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<WorkingGroupBalanceView> {
    return this.groups.balance(user, id);
  }

  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() query: WorkingGroupHistoryQuery): Promise<ActivityPage> {
    return this.groups.history(user, id, query);
  }
}
