import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, forbidden, notFound } from '../common/errors';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { ChannelsService } from '../realtime/channels.service';
import type { ServerEventPayload } from '../realtime/dto/events.dto';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { canManageRoundtable } from '../roundtables/roundtable-access';
import { RoundtablesService } from '../roundtables/roundtables.service';
import { CONSTITUENCIES, type Constituency } from '../shared/enums';
import { UsersService } from '../users/users.service';
import type { GiveFloorDto, SpeakerQueueView, TurnView } from './dto/speaker-queue.dto';
import type { SpeakerTurn } from './entities/speaker-turn.entity';
import { SpeakerQueueRepository } from './speaker-queue.repository';
import { type QueueOrder, speakingOrder, speakingTime } from './speaking-order';

const toTurnView = (t: SpeakerTurn, names: Map<string, string>): TurnView => ({
  id: t.id,
  speaker: { id: t.userId, displayName: names.get(t.userId) ?? '' },
  constituency: t.constituency,
  status: t.status,
  agendaItemId: t.agendaItemId,
  limitSeconds: t.limitSeconds,
  raisedAt: t.raisedAt.toISOString(),
  startedAt: t.startedAt?.toISOString() ?? null,
  endedAt: t.endedAt?.toISOString() ?? null,
});

/** When each constituency's last turn began. */
function lastSpokeOf(turns: readonly SpeakerTurn[]): Partial<Record<Constituency, number>> {
  const out: Partial<Record<Constituency, number>> = {};
  for (const t of turns) if (t.startedAt) out[t.constituency] = Math.max(out[t.constituency] ?? -Infinity, t.startedAt.getTime());
  return out;
}

/**
 * The speaker queue of an open roundtable: participants raise a hand, the facilitator gives the floor (to someone,
 * or to the next in an order that alternates constituencies), with a speaking time; every change is told live.
 */
@Injectable()
export class SpeakerQueueService implements OnModuleDestroy {
  private readonly logger = new Logger('SpeakerQueueService');
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly turns: SpeakerQueueRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly roundtables: RoundtablesService,
    private readonly activity: ActivityService,
    private readonly users: UsersService,
    private readonly channels: ChannelsService,
    private readonly emitter: RealtimeEmitter,
  ) {}

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  async get(user: AuthUser, roundtableId: string, order?: QueueOrder): Promise<SpeakerQueueView> {
    await this.roundtables.findVisible(undefined, user, roundtableId);
    return this.view(roundtableId, order);
  }

  /** The order the queue follows: as its facilitator chose it, else alternating constituencies. */
  private async orderOf(roundtableId: string, tx?: Tx): Promise<QueueOrder> {
    return (await this.turns.findOrder(roundtableId, tx)) ?? 'alternate';
  }

  private async view(roundtableId: string, asked?: QueueOrder): Promise<SpeakerQueueView> {
    const [all, order] = await Promise.all([this.turns.list(roundtableId), asked ? Promise.resolve(asked) : this.orderOf(roundtableId)]);
    const names = await this.users.displayNames(all.map((t) => t.userId));
    const speaking = all.find((t) => t.status === 'speaking') ?? null;
    const started = all.filter((t) => t.startedAt !== null).sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
    const waiting = all.filter((t) => t.status === 'waiting');
    const ordered = speakingOrder(
      waiting.map((t) => ({ id: t.id, constituency: t.constituency, raisedAt: t.raisedAt.getTime() })),
      order,
      lastSpokeOf(started),
    ).map((id) => waiting.find((t) => t.id === id)!);
    const seconds = speakingTime(
      started.map((t) => ({ constituency: t.constituency, startedAt: t.startedAt!.getTime(), endedAt: t.endedAt?.getTime() ?? null })),
      Date.now(),
    );
    return {
      roundtableId,
      order,
      speaking: speaking ? toTurnView(speaking, names) : null,
      waiting: ordered.map((t) => toTurnView(t, names)),
      speakingTime: CONSTITUENCIES.map((constituency) => ({ constituency, seconds: seconds[constituency] ?? 0 })),
      spoken: started.filter((t) => t.status === 'done').map((t) => toTurnView(t, names)),
    };
  }

  /** A participant or facilitator of an open roundtable (not recorded absent) raises their hand. */
  async raise(user: AuthUser, roundtableId: string): Promise<SpeakerQueueView> {
    await this.unitOfWork.run(async (tx) => {
      const { roundtable } = await this.roundtables.findVisible(tx, user, roundtableId, true);
      const constituency = await this.roundtables.speakerConstituency(roundtableId, user.id, tx);
      if (!constituency) throw forbidden('Only participants of the roundtable ask for the floor');
      if (roundtable.status !== 'open') throw conflict('Hands are raised while the roundtable is open');
      if (await this.turns.findOpenOf(tx, roundtableId, user.id)) throw conflict('Your hand is already up');
      await this.turns.insert(tx, { roundtableId, userId: user.id, constituency });
    });
    return this.changed(roundtableId);
  }

  async lower(user: AuthUser, roundtableId: string): Promise<SpeakerQueueView> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findVisible(tx, user, roundtableId, true);
      const turn = await this.turns.findOpenOf(tx, roundtableId, user.id);
      if (!turn || turn.status !== 'waiting') throw notFound('Raised hand');
      await this.turns.update(tx, turn.id, { status: 'withdrawn', endedAt: new Date() });
    });
    return this.changed(roundtableId);
  }

  /** The roundtable's facilitators (and admins) choose the order the queue follows; everyone in the room is told. */
  async setOrder(actor: AuthUser, roundtableId: string, order: QueueOrder): Promise<SpeakerQueueView> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, roundtableId);
      if ((await this.orderOf(roundtableId, tx)) === order) return;
      await this.turns.saveOrder(tx, roundtableId, order, actor.id);
      await this.activity.recordBy(tx, actor, 'roundtable.queue_order_set', roundtableId, { order });
    });
    return this.changed(roundtableId);
  }

  /** The facilitator gives the floor to someone who raised a hand, or to the next in order; the current speaker's turn ends. */
  async giveFloor(actor: AuthUser, roundtableId: string, dto: GiveFloorDto): Promise<SpeakerQueueView> {
    const turn = await this.unitOfWork.run(async (tx) => {
      const { roundtable } = await this.roundtables.findManageable(tx, actor, roundtableId);
      const kept = await this.orderOf(roundtableId, tx);
      const order = dto.order ?? kept;
      if (order !== kept) {
        await this.turns.saveOrder(tx, roundtableId, order, actor.id);
        await this.activity.recordBy(tx, actor, 'roundtable.queue_order_set', roundtableId, { order });
      }
      if (roundtable.status !== 'open') throw conflict('The floor is given while the roundtable is open');
      if (dto.agendaItemId && !(await this.roundtables.hasAgendaItem(roundtableId, dto.agendaItemId, tx))) {
        throw badRequest('agendaItemId', 'agendaItemId does not name an agenda item of this roundtable');
      }
      const waiting = await this.turns.findWaiting(tx, roundtableId);
      const current = await this.turns.findSpeaking(tx, roundtableId);
      const started = (await this.turns.list(roundtableId, tx)).filter((t) => t.startedAt !== null);
      let next: SpeakerTurn | undefined;
      if (dto.userId) {
        next = waiting.find((t) => t.userId === dto.userId);
        if (!next) throw badRequest('userId', 'userId has no raised hand in this roundtable');
      } else {
        const [first] = speakingOrder(
          waiting.map((t) => ({ id: t.id, constituency: t.constituency, raisedAt: t.raisedAt.getTime() })),
          order,
          lastSpokeOf(started),
        );
        next = waiting.find((t) => t.id === first);
        if (!next) throw conflict('Nobody is waiting for the floor');
      }
      const now = new Date();
      if (current) await this.endTurn(tx, actor, current, now);
      await this.turns.update(tx, next.id, {
        status: 'speaking',
        startedAt: now,
        limitSeconds: dto.limitSeconds ?? null,
        agendaItemId: dto.agendaItemId ?? null,
        givenById: actor.id,
      });
      await this.activity.recordBy(tx, actor, 'roundtable.floor_given', roundtableId, {
        turnId: next.id,
        userId: next.userId,
        constituency: next.constituency,
        agendaItemId: dto.agendaItemId ?? null,
        limitSeconds: dto.limitSeconds ?? null,
      });
      return { ...next, limitSeconds: dto.limitSeconds ?? null };
    });
    if (turn.limitSeconds) this.startTimer(roundtableId, turn.id, turn.userId, turn.limitSeconds);
    return this.changed(roundtableId);
  }

  /** The speaker's turn ends: the facilitator ends it, or the speaker yields the floor. */
  async finish(user: AuthUser, roundtableId: string): Promise<SpeakerQueueView> {
    await this.unitOfWork.run(async (tx) => {
      const { myRole } = await this.roundtables.findVisible(tx, user, roundtableId, true);
      const current = await this.turns.findSpeaking(tx, roundtableId);
      if (!current) throw conflict('Nobody has the floor');
      if (current.userId !== user.id && !canManageRoundtable(user, myRole)) throw forbidden("Only the speaker and the roundtable's facilitators end a turn");
      await this.endTurn(tx, user, current, new Date());
    });
    return this.changed(roundtableId);
  }

  private async endTurn(tx: Tx, actor: AuthUser, turn: SpeakerTurn, at: Date): Promise<void> {
    await this.turns.update(tx, turn.id, { status: 'done', endedAt: at });
    const seconds = Math.round((at.getTime() - (turn.startedAt?.getTime() ?? at.getTime())) / 1000);
    await this.activity.recordBy(tx, actor, 'roundtable.turn_ended', turn.roundtableId, {
      turnId: turn.id,
      userId: turn.userId,
      constituency: turn.constituency,
      agendaItemId: turn.agendaItemId,
      seconds,
    });
    const timer = this.timers.get(turn.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(turn.id);
  }

  // ---- live ----

  private startTimer(roundtableId: string, turnId: string, userId: string, limitSeconds: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(turnId);
      void (async () => {
        const turn = await this.turns.findById(turnId);
        if (turn?.status !== 'speaking') return;
        const names = await this.users.displayNames([userId]);
        await this.push(roundtableId, 'queue:time_up', { roundtableId, turnId, speaker: { id: userId, displayName: names.get(userId) ?? '' }, limitSeconds });
      })().catch((error: unknown) => this.logger.error(String(error)));
    }, limitSeconds * 1000);
    timer.unref();
    this.timers.set(turnId, timer);
  }

  private async changed(roundtableId: string): Promise<SpeakerQueueView> {
    const queue = await this.view(roundtableId);
    await this.push(roundtableId, 'queue:changed', { queue });
    return queue;
  }

  private async push<E extends 'queue:changed' | 'queue:time_up'>(roundtableId: string, event: E, payload: ServerEventPayload<E>): Promise<void> {
    const channel = await this.channels.find('roundtable', roundtableId);
    if (channel) this.emitter.toChannel(channel.id, event, payload);
  }
}
