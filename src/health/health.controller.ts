import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators';
import { ApiError } from '../common/errors';
import { HealthRepository } from './health.repository';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly database: HealthRepository) {}

  @Public()
  @Get()
  async check() {
    const started = process.hrtime.bigint();
    try {
      await this.database.ping();
    } catch {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'Database is unreachable', [], { database: 'down' });
    }
    const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
    return { status: 'ok', database: 'up', databaseLatencyMs: Math.round(latencyMs * 100) / 100, uptimeSeconds: Math.round(process.uptime()) };
  }
}
