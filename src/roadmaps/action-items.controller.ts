import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IdParam } from '../common/params';
import { ActionItemsService } from './action-items.service';
import {
  ActionItemQuery,
  ChangeStatusDto,
  CreateActionItemDto,
  CreateMilestoneDto,
  MilestoneParams,
  StatePositionDto,
  UpdateActionItemDto,
  UpdateMilestoneDto,
} from './dto/roadmap.dto';
import { PositionsService } from './positions.service';

@ApiTags('action items')
@ApiBearerAuth()
@Controller('action-items')
export class ActionItemsController {
  constructor(
    private readonly actionItems: ActionItemsService,
    private readonly positions: PositionsService,
  ) {}

  @Get()
  list(@Query() query: ActionItemQuery) {
    return this.actionItems.list(query);
  }

  @Post()
  @Roles('admin', 'facilitator')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateActionItemDto) {
    return this.actionItems.create(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.actionItems.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'facilitator')
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateActionItemDto) {
    return this.actionItems.update(user, id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  changeStatus(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: ChangeStatusDto) {
    return this.actionItems.changeStatus(user, id, dto);
  }

  @Get(':id/history')
  history(@Param() { id }: IdParam) {
    return this.actionItems.history(id);
  }

  @Get(':id/positions')
  currentPositions(@Param() { id }: IdParam) {
    return this.positions.current(id);
  }

  @Get(':id/positions/history')
  positionHistory(@Param() { id }: IdParam) {
    return this.positions.history(id);
  }

  @Post(':id/positions')
  @HttpCode(200)
  statePosition(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: StatePositionDto) {
    return this.positions.state(user, id, dto);
  }

  @Get(':id/milestones')
  milestones(@Param() { id }: IdParam) {
    return this.actionItems.listMilestones(id);
  }

  @Post(':id/milestones')
  addMilestone(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CreateMilestoneDto) {
    return this.actionItems.addMilestone(user, id, dto);
  }

  @Patch(':id/milestones/:milestoneId')
  updateMilestone(@CurrentUser() user: AuthUser, @Param() { id, milestoneId }: MilestoneParams, @Body() dto: UpdateMilestoneDto) {
    return this.actionItems.updateMilestone(user, id, milestoneId, dto);
  }

  @Delete(':id/milestones/:milestoneId')
  @HttpCode(204)
  removeMilestone(@CurrentUser() user: AuthUser, @Param() { id, milestoneId }: MilestoneParams) {
    return this.actionItems.removeMilestone(user, id, milestoneId);
  }
}
