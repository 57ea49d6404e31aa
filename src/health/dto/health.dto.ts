import { ApiInteger } from '../../common/decorators';

export class HealthView {
  /** @example "ok" */
  status: string;
  /** @example "up" */
  database: string;
  databaseLatencyMs: number;

  @ApiInteger()
  uptimeSeconds: number;
}
