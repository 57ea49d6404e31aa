import { Body, Get, Param, Post, Query } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { ApiErrors } from '../../common/api-errors';
import { ApiController, CurrentUser, PostAction, Roles } from '../../common/decorators';
import { PageQuery } from '../../common/pagination';
import { IdParam } from '../../common/params';
import { ObservationView } from '../dto/observation.dto';
import { CommentDto, CommentList, CommentView, FollowUpDto, FollowUpPage } from '../dto/quality.dto';
import { FollowUpService } from './follow-up.service';

@ApiController('observations', 'observations')
export class ObservationFollowUpController {
  constructor(private readonly followUp: FollowUpService) {}

  /** Flagged values a facilitator has still to confirm or send back, oldest first, with the values before each. */
  @Get('follow-up')
  @Roles('admin', 'facilitator')
  list(@Query() query: PageQuery): Promise<FollowUpPage> {
    return this.followUp.list(query);
  }

  /** The flagged value stands as reported; the comment says why. */
  @PostAction(':id/follow-up/confirm')
  @Roles('admin', 'facilitator')
  @ApiErrors(404, 409)
  confirm(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: FollowUpDto): Promise<ObservationView> {
    return this.followUp.confirm(user, id, dto.comment);
  }

  /** Back to the park: a value awaiting verification is rejected with the comment as the reason. */
  @PostAction(':id/follow-up/send-back')
  @Roles('admin', 'facilitator')
  @ApiErrors(404, 409)
  sendBack(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: FollowUpDto): Promise<ObservationView> {
    return this.followUp.sendBack(user, id, dto.comment);
  }

  /** The value's comment thread (across its corrections), oldest first. */
  @Get(':id/comments')
  @ApiErrors(404)
  comments(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<CommentList> {
    return this.followUp.comments(user, id);
  }

  @Post(':id/comments')
  @ApiErrors(403, 404)
  comment(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CommentDto): Promise<CommentView> {
    return this.followUp.comment(user, id, dto.body);
  }
}
