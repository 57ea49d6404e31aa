import { Body, Get, Param, Post } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { ApiController, CurrentUser, PostAction } from '../common/decorators';
import { IdParam } from '../common/params';
import { CastBallotDto, MyBallotView, OpenCommitmentVoteDto, OpenVoteDto, VoteList, VoteParam, VoteView } from './dto/vote.dto';
import { VotesService } from './votes.service';

@ApiController('votes', 'roundtables')
export class RoundtableVotesController {
  constructor(private readonly votes: VotesService) {}

  @Get(':id/votes')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<VoteList> {
    return this.votes.list(user, id);
  }

  /** The roundtable's facilitators and admins open a vote on one of its decisions while it is open. */
  @Post(':id/votes')
  @ApiErrors(403, 409)
  open(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: OpenVoteDto): Promise<VoteView> {
    return this.votes.open(user, id, dto);
  }
}

@ApiController('votes', 'commitments')
export class CommitmentVotesController {
  constructor(private readonly votes: VotesService) {}

  /** The votes held on a commitment, newest first. */
  @Get(':id/votes')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<VoteList> {
    return this.votes.listForCommitment(user, id);
  }

  /**
   * Facilitators and admins open a vote on a commitment between meetings; the members of the organizations that lead
   * or support it vote.
   */
  @Post(':id/votes')
  @ApiErrors(403, 409)
  open(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: OpenCommitmentVoteDto): Promise<VoteView> {
    return this.votes.openOnCommitment(user, id, dto);
  }
}

@ApiController('votes', 'votes')
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: VoteParam): Promise<VoteView> {
    return this.votes.get(user, id);
  }

  /** Vote, or change your vote, while it is open (the socket's vote:cast does the same). */
  @PostAction(':id/ballot')
  @ApiErrors(403, 409)
  cast(@CurrentUser() user: AuthUser, @Param() { id }: VoteParam, @Body() dto: CastBallotDto): Promise<MyBallotView> {
    return this.votes.cast(user, id, dto);
  }

  /** Counts the ballots and writes the outcome into the decision. */
  @PostAction(':id/close')
  @ApiErrors(403, 409)
  close(@CurrentUser() user: AuthUser, @Param() { id }: VoteParam): Promise<VoteView> {
    return this.votes.close(user, id);
  }
}
