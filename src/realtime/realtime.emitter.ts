import { Injectable, Logger } from '@nestjs/common';
import type { ServerEventName } from '../shared/realtime-protocol';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { NotificationView } from './dto/views';
import type { Notification } from './entities/notification.entity';
import { NotificationsRepository } from './notifications.repository';
import type { ServerEventPayload } from './dto/events.dto';
import { channelRoom, userRoom } from './realtime.events';
import { deliveryModeOf } from './local-delivery';
import type { InterServerEvents, RealtimeServer, RealtimeSocket } from './realtime.types';
import type { AloneKnowing } from './realtime-io.adapter';

export const toNotificationView = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  payload: n.payload,
  readAt: n.readAt ? n.readAt.toISOString() : null,
  createdAt: n.createdAt.toISOString(),
});

/**
 * What else happens when a notification is stored (the mail module's outbox row), inside the same transaction
 * when there is one. `mailDetail` is what its mail says beyond the payload (e.g. the minutes of each agenda item),
 * given by the caller and not stored with the notification.
 */
export type NotificationHook = (manager: EntityManager | null, userId: string, notification: NotificationView, mailDetail?: object) => Promise<void>;

interface PendingPush {
  /** Transaction depth when queued: a rolled-back savepoint drops what was queued inside it. */
  depth: number;
  push: () => void;
}

/** A class no entity extends, so TypeORM calls this subscriber for transaction events only. */
class NoEntity {}

/**
 * The one way the server pushes to clients (immich's clientSend): typed events, to a room, through the socket.io
 * adapter so that every app process delivers them. Other modules inject it to push their domain events.
 */
@Injectable()
export class RealtimeEmitter implements EntitySubscriberInterface {
  private readonly logger = new Logger('RealtimeEmitter');
  private server: RealtimeServer | null = null;
  private readonly pending = new WeakMap<QueryRunner, PendingPush[]>();
  private readonly hooks: NotificationHook[] = [];

  constructor(
    dataSource: DataSource,
    private readonly notifications: NotificationsRepository,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo() {
    return NoEntity;
  }

  /** Called by the gateway once the socket.io server exists. */
  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /**
   * How this process delivers broadcasts to its own connections: 'direct' (the frame written straight to each
   * WebSocket, local-delivery.ts) or 'socket.io' (its ordinary broadcast: forced, or the installed versions differ).
   */
  deliveryMode(): 'direct' | 'socket.io' | null {
    const mode = this.server && deliveryModeOf(this.server);
    return mode ? (mode.direct ? 'direct' : 'socket.io') : null;
  }

  /**
   * Sends one event to one room, or once to every socket in any of several rooms (but not to `exceptSocketId`).
   * Call it after the change it reports is committed.
   */
  send<E extends ServerEventName>(room: string | string[], event: E, payload: ServerEventPayload<E>, exceptSocketId?: string): void {
    if (!this.server) return;
    const to = exceptSocketId ? this.server.to(room).except(exceptSocketId) : this.server.to(room);
    // (socket.io cannot relate a generic event to its payload: the signature above does.)
    (to.emit as (event: ServerEventName, payload: unknown) => boolean)(event, payload);
  }

  /**
   * Sends one event to a room but the acting connection, once what is held for that connection (frames written
   * together, FrameCoalescer), such as the ack it was just given, has been written: the person acting hears "done"
   * before the others hear of it.
   */
  sendAfterAck<E extends ServerEventName>(actor: Pick<RealtimeSocket, 'id' | 'conn'>, room: string, event: E, payload: ServerEventPayload<E>): void {
    if (!this.server) return;
    deliveryModeOf(this.server)?.release(actor.conn);
    this.send(room, event, payload, actor.id);
  }

  /**
   * Whether this process knows itself alone: its adapter tracks the other processes (the Postgres adapter's
   * heartbeats) and has heard from none. With any other adapter (Redis), or before the server is attached, it cannot
   * tell, and answers no.
   */
  alone(): boolean {
    const nodes = (this.server?.of('/').adapter as { nodesMap?: unknown } | undefined)?.nodesMap;
    return nodes instanceof Map && nodes.size === 0;
  }

  /**
   * Since when this process has known itself alone without a break (listening unbroken for longer than the other
   * processes' heartbeat interval, and not a word from any of them since), or null. Only the local-first Postgres
   * adapter can tell (realtime-io.adapter.ts); with any other, null.
   */
  aloneSince(): number | null {
    const adapter = this.server?.of('/').adapter as Partial<AloneKnowing> | undefined;
    return typeof adapter?.aloneSince === 'function' ? adapter.aloneSince() : null;
  }

  /**
   * To the other app processes (not to clients): socket.io's serverSideEmit through the adapter; they hear it with
   * server.on(event). Nothing to do on a lone process without a cluster adapter.
   */
  toOtherProcesses<E extends keyof InterServerEvents>(event: E, ...args: Parameters<InterServerEvents[E]>): void {
    if (!this.server) return;
    try {
      (this.server.serverSideEmit as (event: E, ...args: unknown[]) => boolean)(event, ...args);
    } catch (error) {
      this.logger.debug?.(`serverSideEmit ${event}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** To one connection only (e.g. its own token expiry). */
  toSocket<E extends ServerEventName>(socket: Pick<RealtimeSocket, 'emit'>, event: E, payload: ServerEventPayload<E>): void {
    (socket.emit as (event: ServerEventName, payload: unknown) => boolean)(event, payload);
  }

  toRoom<E extends ServerEventName>(room: string | string[], event: E, payload: ServerEventPayload<E>): void {
    this.send(room, event, payload);
  }

  toUser<E extends ServerEventName>(userId: string, event: E, payload: ServerEventPayload<E>): void {
    this.send(userRoom(userId), event, payload);
  }

  toChannel<E extends ServerEventName>(channelId: string, event: E, payload: ServerEventPayload<E>): void {
    this.send(channelRoom(channelId), event, payload);
  }

  /**
   * Makes every socket of a user leave a room: on this process at once, on the others as soon as the adapter
   * delivers (the promise resolves once that is published).
   */
  async leave(userId: string, room: string): Promise<void> {
    if (!this.server) return;
    this.server.local.in(userRoom(userId)).socketsLeave(room);
    // socket.io types the in-memory adapter's delSockets (void); the cluster adapters' (Postgres) returns a promise
    // that resolves once the leave is published to the other processes.
    await (this.server.of('/').adapter.delSockets({ rooms: new Set([userRoom(userId)]), except: new Set() }, [room]) as void | Promise<void>);
  }

  /** Registers what runs with every notification stored (see NotificationHook). */
  onNotify(hook: NotificationHook): void {
    this.hooks.push(hook);
  }

  /**
   * Stores a notification and pushes it live as `notification` to the user. With a manager inside a
   * transaction, the row is part of that transaction and the push waits for its commit (nothing is pushed if it
   * rolls back); with null it is stored and pushed at once. `mailDetail` goes to the hooks only (see NotificationHook).
   */
  async notify(manager: EntityManager | null, userId: string, kind: string, payload: Record<string, unknown>, mailDetail?: object): Promise<NotificationView> {
    const row = await this.notifications.insert(manager, { userId, kind, payload });
    const view = toNotificationView(row);
    for (const hook of this.hooks) await hook(manager, userId, view, mailDetail);
    this.afterCommit(manager, () => this.toUser(userId, 'notification', { notification: view }));
    return view;
  }

  /** Runs `push` once the manager's transaction commits, or now when there is none. */
  afterCommit(manager: EntityManager | null, push: () => void): void {
    const runner = manager?.queryRunner;
    if (!runner || !runner.isTransactionActive) {
      push();
      return;
    }
    const queue = this.pending.get(runner) ?? [];
    queue.push({ depth: (runner as QueryRunner & { transactionDepth?: number }).transactionDepth ?? 1, push });
    this.pending.set(runner, queue);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint was released; the outer transaction may still roll back
    const queue = this.pending.get(runner);
    if (!queue) return;
    this.pending.delete(runner);
    for (const { push } of queue) {
      try {
        push();
      } catch (error) {
        this.logger.error(error instanceof Error ? error.stack : String(error));
      }
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    const queue = this.pending.get(runner);
    if (!queue) return;
    const depth = (runner as QueryRunner & { transactionDepth?: number }).transactionDepth ?? 0;
    const kept = runner.isTransactionActive ? queue.filter((p) => p.depth <= depth) : [];
    if (kept.length) this.pending.set(runner, kept);
    else this.pending.delete(runner);
  }
}
