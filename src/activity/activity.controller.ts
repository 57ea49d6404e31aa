import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { ActivityService } from './activity.service';
import { ActivityPage, ActivityQuery } from './dto/activity.dto';

@ApiTags('activity')
@ApiBearerAuth()
@Controller('activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get()
  @Roles('admin')
  list(@Query() query: ActivityQuery): Promise<ActivityPage> {
    return this.activity.list(query);
  }
}
