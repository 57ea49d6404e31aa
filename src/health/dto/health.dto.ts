export class HealthView {
  /** @example "ok" */
  status: string;
  /** @example "up" */
  database: string;
  databaseLatencyMs: number;
  uptimeSeconds: number;
}
