import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import { Public } from '../common/decorators';
import { ApiError } from '../common/errors';
import { HealthView } from './dto/health.dto';
import { HealthRepository } from './health.repository';
import { MailService } from '../mail/mail.service';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    private readonly mail: MailService,
  ) {}

  @Public()
  @Get()
  @ApiErrors(503)
  async check(): Promise<HealthView> {
    const started = process.hrtime.bigint();
    try {
      await this.database.ping();
    } catch {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'Database is unreachable', [], { database: 'down' });
    }
    const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
    const mail = await this.mail.figures();
    return {
      status: 'ok',
      database: 'up',
      databaseLatencyMs: Math.round(latencyMs * 100) / 100,
      uptimeSeconds: Math.round(process.uptime()),
      mail: { queued: mail.queued, failed: mail.failed, oldestQueuedAgeSeconds: mail.oldestQueuedAgeSeconds },
    };
  }
}
