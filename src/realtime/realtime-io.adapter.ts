import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { Pool } from 'pg';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import type { ResolvedConfig } from '../config/app-config';

type AdapterConstructor = ReturnType<typeof createPostgresAdapter> | ReturnType<typeof createRedisAdapter>;

/**
 * socket.io on the app's HTTP server (path /socket.io, CORS from config), with rooms shared by every app process:
 * through PostgreSQL LISTEN/NOTIFY on the app's own database by default, through Redis when REDIS_URL is set.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly logger = new Logger('RealtimeIoAdapter');
  private adapterConstructor?: AdapterConstructor;
  private readonly closers: Array<() => Promise<unknown>> = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: ResolvedConfig,
  ) {
    super(app);
  }

  /** Opens the connections the adapter needs; call before app.useWebSocketAdapter. */
  async connect(): Promise<void> {
    const errorHandler = (error: Error) => this.logger.warn(`socket.io adapter: ${error.message}`);
    if (this.config.redisUrl) {
      const pub = createClient({ url: this.config.redisUrl });
      const sub = pub.duplicate();
      pub.on('error', errorHandler);
      sub.on('error', errorHandler);
      await Promise.all([pub.connect(), sub.connect()]);
      this.adapterConstructor = createRedisAdapter(pub, sub);
      this.closers.push(() => Promise.allSettled([pub.quit(), sub.quit()]));
      return;
    }
    // One connection LISTENs, the others publish; kept apart from TypeORM's pool so a busy API never starves it.
    const pool = new Pool({ connectionString: this.config.databaseUrl, max: 4 });
    pool.on('error', errorHandler);
    this.adapterConstructor = createPostgresAdapter(pool, { errorHandler, heartbeatInterval: 5_000, heartbeatTimeout: 15_000 });
    this.closers.push(() => pool.end());
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      cors: { origin: this.config.corsOrigins, credentials: true },
    });
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    return server;
  }

  async dispose(): Promise<void> {
    await super.dispose();
    for (const close of this.closers.splice(0)) await close().catch(() => undefined);
  }
}

/** Installs the socket adapter on an app (from createApp). */
export async function useRealtimeAdapter(app: INestApplicationContext & { useWebSocketAdapter(adapter: IoAdapter): unknown }, config: ResolvedConfig): Promise<void> {
  const adapter = new RealtimeIoAdapter(app, config);
  await adapter.connect();
  app.useWebSocketAdapter(adapter);
}
