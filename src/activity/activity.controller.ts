import { Get, Query } from '@nestjs/common';
import { Roles, ApiController } from '../common/decorators';
import { ActivityService } from './activity.service';
import { ActivityPage, ActivityQuery } from './dto/activity.dto';

@ApiController('activity', 'activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get()
  @Roles('admin')
  list(@Query() query: ActivityQuery): Promise<ActivityPage> {
    return this.activity.list(query);
  }
}
