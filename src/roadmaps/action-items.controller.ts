import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Roles, ApiController, NoContent, PostAction } from '../common/decorators';
import { IdParam } from '../common/params';
import { ActionItemsService } from './action-items.service';
import {
  ActionItemDetailView,
  ActionItemList,
  ActionItemQuery,
  ChangeStatusDto,
  CreateActionItemDto,
  CreateMilestoneDto,
  MilestoneList,
  MilestoneParams,
  MilestoneView,
  PositionList,
  StatePositionDto,
  UpdateActionItemDto,
  UpdateMilestoneDto,
} from './dto/roadmap.dto';
import { PositionsService } from './positions.service';
import { ActivityPage } from '../activity/dto/activity.dto';

@ApiController('action items', 'action-items')
export class ActionItemsController {
  constructor(
    private readonly actionItems: ActionItemsService,
    private readonly positions: PositionsService,
  ) {}

  @Get()
  list(@Query() query: ActionItemQuery): Promise<ActionItemList> {
    return this.actionItems.list(query);
  }

  @Post()
  @Roles('admin', 'facilitator')
  @ApiErrors(404, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateActionItemDto): Promise<ActionItemDetailView> {
    return this.actionItems.create(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<ActionItemDetailView> {
    return this.actionItems.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'facilitator')
  @ApiErrors(409)
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateActionItemDto): Promise<ActionItemDetailView> {
    return this.actionItems.update(user, id, dto);
  }

  @PostAction(':id/status')
  @ApiErrors(403, 409)
  changeStatus(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: ChangeStatusDto): Promise<ActionItemDetailView> {
    return this.actionItems.changeStatus(user, id, dto);
  }

  @Get(':id/history')
  history(@Param() { id }: IdParam): Promise<ActivityPage> {
    return this.actionItems.history(id);
  }

  @Get(':id/positions')
  currentPositions(@Param() { id }: IdParam): Promise<PositionList> {
    return this.positions.current(id);
  }

  @Get(':id/positions/history')
  positionHistory(@Param() { id }: IdParam): Promise<PositionList> {
    return this.positions.history(id);
  }

  @PostAction(':id/positions')
  @ApiErrors(403)
  statePosition(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: StatePositionDto): Promise<ActionItemDetailView> {
    return this.positions.state(user, id, dto);
  }

  @Get(':id/milestones')
  milestones(@Param() { id }: IdParam): Promise<MilestoneList> {
    return this.actionItems.listMilestones(id);
  }

  @Post(':id/milestones')
  @ApiErrors(403)
  addMilestone(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CreateMilestoneDto): Promise<MilestoneView> {
    return this.actionItems.addMilestone(user, id, dto);
  }

  @Patch(':id/milestones/:milestoneId')
  @ApiErrors(403)
  updateMilestone(@CurrentUser() user: AuthUser, @Param() { id, milestoneId }: MilestoneParams, @Body() dto: UpdateMilestoneDto): Promise<MilestoneView> {
    return this.actionItems.updateMilestone(user, id, milestoneId, dto);
  }

  @Delete(':id/milestones/:milestoneId')
  @NoContent()
  @ApiErrors(403)
  removeMilestone(@CurrentUser() user: AuthUser, @Param() { id, milestoneId }: MilestoneParams): Promise<void> {
    return this.actionItems.removeMilestone(user, id, milestoneId);
  }
}
