import { Body, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, ApiController, NoContent } from '../common/decorators';
import { IdParam } from '../common/params';
import { DecisionsService } from './decisions.service';
import { CreateDecisionDto, DecisionList, DecisionParam, DecisionView, UpdateDecisionDto } from './dto/decision.dto';

@ApiController('roundtables', 'roundtables')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get(':id/decisions')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<DecisionList> {
    return this.decisions.list(user, id);
  }

  @Post(':id/decisions')
  @ApiErrors(403)
  create(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CreateDecisionDto): Promise<DecisionView> {
    return this.decisions.create(user, id, dto);
  }

  @Patch(':id/decisions/:decisionId')
  @ApiErrors(403)
  update(@CurrentUser() user: AuthUser, @Param() { id, decisionId }: DecisionParam, @Body() dto: UpdateDecisionDto): Promise<DecisionView> {
    return this.decisions.update(user, id, decisionId, dto);
  }

  @Delete(':id/decisions/:decisionId')
  @NoContent()
  @ApiErrors(403, 409)
  remove(@CurrentUser() user: AuthUser, @Param() { id, decisionId }: DecisionParam): Promise<void> {
    return this.decisions.remove(user, id, decisionId);
  }
}
