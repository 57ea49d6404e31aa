import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { DecisionsService } from './decisions.service';
import { CreateDecisionDto, DecisionList, DecisionParam, DecisionView, UpdateDecisionDto } from './dto/decision.dto';

@ApiTags('roundtables')
@ApiBearerAuth()
@Controller('roundtables')
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
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Done.' })
  @ApiErrors(403, 409)
  remove(@CurrentUser() user: AuthUser, @Param() { id, decisionId }: DecisionParam): Promise<void> {
    return this.decisions.remove(user, id, decisionId);
  }
}
