import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiController, PostAction, Roles } from '../../common/decorators';
import { IndicatorRefParam } from '../dto/indicator.dto';
import { CompletenessQuery, CompletenessView, ReminderRun } from '../dto/completeness.dto';
import { CompletenessService } from './completeness.service';

@ApiController('indicators', 'indicators')
export class CompletenessController {
  constructor(private readonly completeness: CompletenessService) {}

  /** Sends the reporting reminders due now (they also go out every few hours by themselves). */
  @PostAction('reminders/run')
  @Roles('admin')
  @ApiOkResponse({ type: ReminderRun })
  reminders(): Promise<ReminderRun> {
    return this.completeness.sendReminders();
  }

  /** Parks × periods: reported on time, late, missing or not due yet, with rates per park, per city and in all. */
  @Get(':id/completeness')
  matrix(@Param() { id }: IndicatorRefParam, @Query() query: CompletenessQuery): Promise<CompletenessView> {
    return this.completeness.matrix(id, query);
  }
}
