import { Get } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiController, CurrentUser } from '../common/decorators';
import { DeskView } from './dto/desk.dto';
import { DeskService } from './desk.service';

@ApiController('desk', 'desk')
export class DeskController {
  constructor(private readonly desk: DeskService) {}

  /** My desk: what waits for me, section by section, each line a way to the place to act. */
  @Get()
  get(@CurrentUser() user: AuthUser): Promise<DeskView> {
    return this.desk.forUser(user);
  }
}
