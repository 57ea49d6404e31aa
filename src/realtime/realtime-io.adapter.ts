import { INestApplicationContext, Logger } from '@nestjs/common';
import { createRequire } from 'node:module';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import type { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { Pool } from 'pg';
import type { Observable } from 'rxjs';
import { type Server, type ServerOptions, Socket } from 'socket.io';
import type { ResolvedConfig } from '../config/app-config';
import { type BroadcastOptions, DeliveryMode, deliverLocally, directDeliveryProblem, type InMemoryAdapterInternals, setDeliveryMode } from './local-delivery';

type AdapterConstructor = ReturnType<typeof createPostgresAdapter> | ReturnType<typeof createRedisAdapter>;
type PostgresAdapterConstructor = ReturnType<typeof createPostgresAdapter>;
/** A socket as Nest's IoAdapter types it (its own copy of socket.io's types). */
type NestSocket = Parameters<IoAdapter['bindMessageHandlers']>[0];

/** The parts of socket.io-adapter's ClusterAdapterWithHeartbeat (the base of PostgresAdapter) used below. */
interface ClusterAdapterInternals {
  /** The other app processes heard from lately (heartbeats or any message), by uid. */
  nodesMap: Map<string, number>;
  publish(message: { type: number; data: unknown }): void;
  broadcast(packet: Record<string, unknown>, opts: BroadcastOptions & { except: Set<string> }): unknown;
}
/**
 * What the local-first Postgres adapter adds (RealtimeEmitter.aloneSince): since when this process has known itself
 * alone without a break, i.e. listened unbroken and heard no other process (not a heartbeat, not a broadcast); null
 * while it does not know itself alone.
 */
export interface AloneKnowing {
  aloneSince(): number | null;
}
/** The other processes' heartbeat interval, and how long one once heard stays listed after its last word. */
const HEARTBEAT_INTERVAL_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 15_000;
/** socket.io-adapter's MessageType.BROADCAST. */
const BROADCAST = 3;

/** socket.io-adapter's in-memory Adapter, the base of every cluster adapter: socket.io's ordinary local broadcast. */
interface InMemoryAdapterClass {
  prototype: { broadcast: (this: unknown, packet: Record<string, unknown>, opts: BroadcastOptions) => void };
}

/** socket.io's Client class (not exported by the package), whose writeToEngine deliverLocally calls. */
function socketIoClientPrototype(): unknown {
  try {
    return (createRequire(require.resolve('socket.io'))('./client') as { Client?: { prototype: unknown } }).Client?.prototype;
  } catch {
    return undefined;
  }
}

/** The copy of socket.io-adapter that the Postgres adapter extends. */
function inMemoryAdapter(): InMemoryAdapterClass {
  const fromPostgresAdapter = createRequire(require.resolve('@socket.io/postgres-adapter'));
  return (fromPostgresAdapter('socket.io-adapter') as { Adapter: InMemoryAdapterClass }).Adapter;
}

/** The part of @socket.io/postgres-adapter's PubSubClient read below: its LISTENing connection, once listening. */
interface PubSubClientInternals {
  client?: unknown;
}

/**
 * Since when the adapter's connection has been LISTENing without a break, or null while it is not (yet): a new
 * connection (a reconnection) starts the count again. Checked every quarter second and at every call; the adapter
 * sets its connection only once its LISTEN is done. Null throughout when the adapter's internals are not as expected.
 */
export function listeningClock(adapter: { close(): unknown }): (() => number | null) | null {
  const pubSub = (adapter as { client?: PubSubClientInternals }).client;
  if (!pubSub || typeof pubSub !== 'object' || !('pool' in pubSub) || !('channels' in pubSub)) return null;
  let seen: unknown;
  let since: number | null = null;
  const look = () => {
    if (pubSub.client !== seen) {
      seen = pubSub.client;
      since = seen ? Date.now() : null;
    }
    return since;
  };
  const timer = setInterval(look, 250).unref();
  const close = adapter.close.bind(adapter);
  adapter.close = () => {
    clearInterval(timer);
    return close();
  };
  return look;
}

/**
 * When the adapter last heard from another process (0: never). Every word from one goes through nodesMap.set
 * (ClusterAdapterWithHeartbeat.onMessage), also the last of a process that is then forgotten at once (ADAPTER_CLOSE),
 * which nodesMap itself no longer shows.
 */
export function trackHeard(cluster: Pick<ClusterAdapterInternals, 'nodesMap'>): () => number {
  let lastHeard = 0;
  cluster.nodesMap = new (class HeardProcesses extends Map<string, number> {
    set(uid: string, at: number) {
      lastHeard = Date.now();
      return super.set(uid, at);
    }
  })(cluster.nodesMap);
  return () => lastHeard;
}

/**
 * Changes how the Postgres adapter broadcasts, keeping what reaches whom:
 * - it delivers to this process's sockets at once, instead of after the NOTIFY round trip to the database, writing
 *   the frame built once straight to each recipient's connection where that is safe (deliverLocally), or through
 *   socket.io's ordinary in-memory broadcast when the direct path is off (mode);
 * - it publishes nothing while this process is alone, i.e. it has heard no other process although it has listened
 *   long enough to hear every live one: every process publishes something at least every heartbeat interval (a
 *   heartbeat when it has nothing else to say) and answers a starting process's first heartbeat at once, so
 *   `quietMs` (the interval and a margin for a busy event loop) of listening without a word means there is nobody.
 *   A process that appears is heard at once and gets every broadcast from then on.
 */
function localFirst(factory: PostgresAdapterConstructor, quietMs: number, mode: DeliveryMode): PostgresAdapterConstructor {
  const ordinary = inMemoryAdapter().prototype.broadcast;
  // socket.io calls it with `new`, so a plain function (returning the adapter) rather than an arrow.
  return function createLocalFirstAdapter(nsp: Parameters<PostgresAdapterConstructor>[0]) {
    const adapter = factory(nsp);
    const cluster = adapter as unknown as ClusterAdapterInternals;
    const local = adapter as unknown as InMemoryAdapterInternals;
    if (!(cluster.nodesMap instanceof Map) || typeof cluster.publish !== 'function') {
      mode.fallBack('the Postgres adapter lacks nodesMap or publish()');
      return adapter;
    }
    // Without the listening connection in sight, counted from now with room for connecting and LISTEN.
    const startedAt = Date.now();
    const listeningSince = listeningClock(adapter) ?? (() => startedAt + 15_000);
    const alone = () => {
      if (cluster.nodesMap.size > 0) return false;
      const since = listeningSince();
      return since !== null && Date.now() - since >= quietMs;
    };
    const lastHeard = trackHeard(cluster);
    (adapter as unknown as AloneKnowing).aloneSince = () => (alone() ? Math.max(lastHeard(), listeningSince() ?? Infinity) : null);
    cluster.broadcast = function broadcast(packet, opts) {
      if (!opts.flags?.local && !alone()) {
        // Serialized now (synchronously), sent in the background; failures are logged by the adapter's errorHandler.
        cluster.publish({ type: BROADCAST, data: { packet, opts: { rooms: [...opts.rooms], except: [...opts.except], flags: opts.flags } } });
      }
      if (mode.direct) deliverLocally(local, packet, opts, mode);
      else ordinary.call(adapter, packet, opts);
    };
    return adapter;
  };
}

/**
 * The Redis adapter publishes without waiting for Redis's answer and without catching its failure, so a publish that
 * fails or times out (the client's 5 s command timeout, reached under load) would reject with nobody listening, and an
 * unhandled rejection ends the process. Its failures are logged instead; the promise the adapter gets is the same.
 */
export function logFailedPublishes(client: { publish: (...args: never[]) => Promise<unknown> }, log: (error: Error) => void): void {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.publish = (...args: unknown[]) => {
    const sent = publish(...args);
    sent.catch((error: unknown) => log(error instanceof Error ? error : new Error(String(error))));
    return sent;
  };
}

/**
 * socket.io on the app's HTTP server (path /socket.io, CORS from config), with rooms shared by every app process:
 * through PostgreSQL LISTEN/NOTIFY on the app's own database by default, through Redis when REDIS_URL is set.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly logger = new Logger('RealtimeIoAdapter');
  private adapterConstructor?: AdapterConstructor;
  private readonly closers: Array<() => Promise<unknown>> = [];
  /** How this process delivers broadcasts to its own sockets (see local-delivery.ts). */
  readonly delivery: DeliveryMode;

  constructor(
    app: INestApplicationContext,
    private readonly config: ResolvedConfig,
  ) {
    super(app);
    this.delivery = new DeliveryMode(
      config.realtimeDirectDelivery ? null : 'REALTIME_DIRECT_DELIVERY=false',
      (line) => this.logger.log(line),
      config.realtimeCoalesceMs,
    );
  }

  /** Opens the connections the adapter needs; call before app.useWebSocketAdapter. */
  async connect(): Promise<void> {
    const errorHandler = (error: Error) => this.logger.warn(`socket.io adapter: ${error.message}`);
    if (this.config.redisUrl) {
      // Loaded only here: most processes run without Redis, and the client takes about 0.15 s to load.
      const [{ createClient }, { createAdapter: createRedisAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-adapter')]);
      const pub = createClient({ url: this.config.redisUrl });
      const sub = pub.duplicate();
      pub.on('error', errorHandler);
      logFailedPublishes(pub, errorHandler);
      sub.on('error', errorHandler);
      await Promise.all([pub.connect(), sub.connect()]);
      this.adapterConstructor = createRedisAdapter(pub, sub);
      // The Redis adapter broadcasts the socket.io way; only the Postgres one is made local-first below.
      this.delivery.fallBack('the Redis adapter delivers through socket.io');
      this.closers.push(() => Promise.allSettled([pub.quit(), sub.quit()]));
      return;
    }
    // One connection LISTENs, the others publish; kept apart from TypeORM's pool so a busy API never starves it.
    const pool = new Pool({ connectionString: this.config.databaseUrl, max: 4 });
    pool.on('error', errorHandler);
    this.adapterConstructor = localFirst(
      createPostgresAdapter(pool, { errorHandler, heartbeatInterval: HEARTBEAT_INTERVAL_MS, heartbeatTimeout: HEARTBEAT_TIMEOUT_MS }),
      HEARTBEAT_INTERVAL_MS + 2_000,
      this.delivery,
    );
    this.closers.push(() => pool.end());
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      cors: { origin: this.config.corsOrigins, credentials: true },
    }) as Server;
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    if (!this.config.realtimeDirectDelivery) this.logger.log('REALTIME_DIRECT_DELIVERY=false: broadcasting through socket.io');
    else if (this.delivery.direct) {
      // Checked on this very server: its main namespace's adapter, socket.io's classes and engine.io's ws.
      const problem = directDeliveryProblem(server.of('/').adapter, Socket.prototype, socketIoClientPrototype());
      if (problem) this.delivery.fallBack(problem);
    }
    setDeliveryMode(server, this.delivery);
    return server;
  }

  /**
   * Nest's IoAdapter ties every gateway handler to every socket with an rxjs pipeline of its own (fromEvent →
   * mergeMap → takeUntil(disconnect) → subscribe): for our eight events some 200 closures and 30 subscribers per
   * connection, most of an idle connection's memory and a part of each event's cost. The same contract with a plain
   * listener per event: the handler's result (or what it resolves to) is the ack, `{ event, data }` is emitted back,
   * nothing is answered once the socket is gone.
   */
  bindMessageHandlers(socket: NestSocket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(String(message), (...args: unknown[]) => {
        // What rxjs' fromEvent would have passed on: the argument, or all of them when there are several.
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args) as { data: unknown; ack?: (response: unknown) => void };
        let result: Observable<unknown>;
        try {
          result = transform(callback(data, ack));
        } catch (error) {
          this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
          return;
        }
        result.subscribe({
          next: (response) => {
            if (response === null || response === undefined || socket.disconnected) return;
            const reply = response as { event?: string; data?: unknown };
            if (reply.event) socket.emit(reply.event, reply.data);
            else if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (error: unknown) => this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)),
        });
      });
    }
  }

  async dispose(): Promise<void> {
    await super.dispose();
    for (const close of this.closers.splice(0)) await close().catch(() => undefined);
  }
}

/** Installs the socket adapter on an app (from createApp). */
export async function useRealtimeAdapter(
  app: INestApplicationContext & { useWebSocketAdapter(adapter: IoAdapter): unknown },
  config: ResolvedConfig,
): Promise<void> {
  const adapter = new RealtimeIoAdapter(app, config);
  await adapter.connect();
  app.useWebSocketAdapter(adapter);
}
