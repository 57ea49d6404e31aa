import { Body, Get, Param, Put } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { ApiController, CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { CaucusesService } from './caucuses.service';
import { CaucusList, CaucusParam, CaucusStatementDto, CaucusView } from './dto/caucus.dto';

@ApiController('caucuses', 'roundtables')
export class CaucusesController {
  constructor(private readonly caucuses: CaucusesService) {}

  /** The three groups' caucuses: published statements for every reader, the channel of your own group only. */
  @Get(':id/caucuses')
  list(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<CaucusList> {
    return this.caucuses.list(user, id);
  }

  /** A member of the group publishes its agreed statement into the plenary record. */
  @Put(':id/caucuses/:constituency/statement')
  @ApiErrors(403)
  publish(@CurrentUser() user: AuthUser, @Param() { id, constituency }: CaucusParam, @Body() dto: CaucusStatementDto): Promise<CaucusView> {
    return this.caucuses.publish(user, id, constituency, dto);
  }
}
