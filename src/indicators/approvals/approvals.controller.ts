import { Body, Delete, Get, Param, Post, Query } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { ApiErrors } from '../../common/api-errors';
import { ApiController, CurrentUser, NoContent, PostAction, Roles } from '../../common/decorators';
import { IdParam } from '../../common/params';
import {
  ApprovalQuery,
  ApproverList,
  ApproverView,
  GrantApproverDto,
  PeriodApprovalList,
  PeriodApprovalView,
  PeriodRefDto,
  UnlockPeriodDto,
} from '../dto/approval.dto';
import { ApprovalsService } from './approvals.service';

@ApiController('approvals', 'approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  /** Who approves park periods, per city or province. */
  @Get('approvers')
  @Roles('admin', 'facilitator')
  approvers(): Promise<ApproverList> {
    return this.approvals.approvers();
  }

  @Post('approvers')
  @Roles('admin')
  @ApiErrors(409)
  grant(@CurrentUser() user: AuthUser, @Body() dto: GrantApproverDto): Promise<ApproverView> {
    return this.approvals.grant(user, dto);
  }

  @Delete('approvers/:id')
  @Roles('admin')
  @NoContent()
  @ApiErrors(404)
  revoke(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<void> {
    return this.approvals.revoke(user, id);
  }

  /** The approvals of a park's periods, newest period first, each with its steps and what the viewer may do with it. */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ApprovalQuery): Promise<PeriodApprovalList> {
    return this.approvals.list(user, query.parkId);
  }

  @PostAction('submit')
  @Roles('admin', 'facilitator', 'member')
  @ApiErrors(409)
  submit(@CurrentUser() user: AuthUser, @Body() dto: PeriodRefDto): Promise<PeriodApprovalView> {
    return this.approvals.submit(user, dto);
  }

  /** City level first, then province level (which locks the period); the wrong level is refused with 403. */
  @PostAction('approve')
  @ApiErrors(403, 409)
  approve(@CurrentUser() user: AuthUser, @Body() dto: PeriodRefDto): Promise<PeriodApprovalView> {
    return this.approvals.approve(user, dto);
  }

  @PostAction('unlock')
  @Roles('admin')
  @ApiErrors(409)
  unlock(@CurrentUser() user: AuthUser, @Body() dto: UnlockPeriodDto): Promise<PeriodApprovalView> {
    return this.approvals.unlock(user, dto);
  }
}
