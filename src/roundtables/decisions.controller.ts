import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { DecisionsService } from './decisions.service';
import { CreateDecisionDto, DecisionParam, UpdateDecisionDto } from './dto/decision.dto';

@ApiTags('roundtables')
@ApiBearerAuth()
@Controller('roundtables')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get(':id/decisions')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.decisions.list(user, id);
  }

  @Post(':id/decisions')
  create(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CreateDecisionDto) {
    return this.decisions.create(user, id, dto);
  }

  @Patch(':id/decisions/:decisionId')
  update(@CurrentUser() user: AuthUser, @Param() { id, decisionId }: DecisionParam, @Body() dto: UpdateDecisionDto) {
    return this.decisions.update(user, id, decisionId, dto);
  }

  @Delete(':id/decisions/:decisionId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param() { id, decisionId }: DecisionParam) {
    return this.decisions.remove(user, id, decisionId);
  }
}
