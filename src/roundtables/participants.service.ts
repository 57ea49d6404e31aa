import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, notFound } from '../common/errors';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { AddedParticipants, AddParticipantsDto, ParticipantView, UpdateParticipantDto } from './dto/participant.dto';
import { RoundtableParticipant } from './entities/roundtable-participant.entity';
import { ChannelsService } from '../realtime/channels.service';
import { RoundtablesService } from './roundtables.service';
import { toParticipantView } from './views';

const ROLE_ORDER = `CASE p.role WHEN 'facilitator' THEN 0 WHEN 'participant' THEN 1 ELSE 2 END`;

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roundtables: RoundtablesService,
    private readonly activity: ActivityService,
    private readonly channels: ChannelsService,
  ) {}

  private query(manager: EntityManager, roundtableId: string) {
    return manager
      .createQueryBuilder(RoundtableParticipant, 'p')
      .innerJoinAndSelect('p.user', 'u')
      .innerJoinAndSelect('u.organization', 'o')
      .where('p.roundtableId = :roundtableId', { roundtableId });
  }

  async list(user: AuthUser, id: string): Promise<{ items: ParticipantView[] }> {
    await this.roundtables.findVisible(this.dataSource.manager, user, id);
    const rows = await this.query(this.dataSource.manager, id).orderBy(ROLE_ORDER).addOrderBy('u.displayName').getMany();
    return { items: rows.map(toParticipantView) };
  }

  private async views(roundtableId: string, userIds: string[]): Promise<ParticipantView[]> {
    if (!userIds.length) return [];
    const rows = await this.query(this.dataSource.manager, roundtableId)
      .andWhere('p.userId IN (:...userIds)', { userIds })
      .orderBy('u.displayName')
      .getMany();
    return rows.map(toParticipantView);
  }

  async add(actor: AuthUser, id: string, dto: AddParticipantsDto): Promise<AddedParticipants> {
    const role = dto.role ?? 'participant';
    const { added, skipped } = await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      if (dto.userId) {
        if (!(await manager.existsBy(User, { id: dto.userId, active: true }))) {
          throw badRequest('userId', 'userId does not name an active user');
        }
        if (await manager.existsBy(RoundtableParticipant, { roundtableId: id, userId: dto.userId })) {
          throw conflict('This user already takes part in the roundtable; change their role instead');
        }
        await manager.insert(RoundtableParticipant, { roundtableId: id, userId: dto.userId, role, addedById: actor.id });
        await this.activity.record(manager, {
          actorId: actor.id,
          action: 'roundtable.participant_added',
          entityType: 'roundtable',
          entityId: id,
          changes: { userId: dto.userId, role },
        });
        return { added: [dto.userId], skipped: [] as string[] };
      }
      const organizationId = dto.organizationId!;
      if (!(await manager.existsBy(Organization, { id: organizationId }))) {
        throw badRequest('organizationId', 'organizationId does not name an existing organization');
      }
      const members = await manager.find(User, { where: { organizationId, active: true }, select: { id: true } });
      const already = new Set(
        members.length
          ? (await manager.findBy(RoundtableParticipant, { roundtableId: id, userId: In(members.map((m) => m.id)) })).map((p) => p.userId)
          : [],
      );
      const newcomers = members.map((m) => m.id).filter((userId) => !already.has(userId));
      if (newcomers.length) {
        await manager.insert(
          RoundtableParticipant,
          newcomers.map((userId) => ({ roundtableId: id, userId, role, addedById: actor.id })),
        );
        await this.activity.record(manager, {
          actorId: actor.id,
          action: 'roundtable.participants_added',
          entityType: 'roundtable',
          entityId: id,
          changes: { organizationId, role, userIds: newcomers },
        });
      }
      return { added: newcomers, skipped: [...already] };
    });
    return { added: await this.views(id, added), skippedUserIds: skipped };
  }

  /** A roundtable always keeps a facilitator of its own, so that it is not left to admins alone. */
  private async ensureAnotherFacilitator(manager: EntityManager, roundtableId: string, userId: string) {
    const others = await manager
      .createQueryBuilder(RoundtableParticipant, 'p')
      .where('p.roundtableId = :roundtableId AND p.role = :role AND p.userId <> :userId', { roundtableId, role: 'facilitator', userId })
      .getCount();
    if (others === 0) throw conflict('This is the roundtable’s last facilitator; make someone else facilitator first');
  }

  async update(actor: AuthUser, id: string, userId: string, dto: UpdateParticipantDto): Promise<ParticipantView> {
    await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const participant = await manager.findOneBy(RoundtableParticipant, { roundtableId: id, userId });
      if (!participant) throw notFound('Participant');
      if (participant.role === 'facilitator' && dto.role !== undefined && dto.role !== 'facilitator') {
        await this.ensureAnotherFacilitator(manager, id, userId);
      }
      const next = { role: dto.role, attended: dto.attended };
      const changes = diff(participant, next);
      if (!Object.keys(changes).length) return;
      await manager.update(
        RoundtableParticipant,
        { roundtableId: id, userId },
        Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)),
      );
      await this.activity.record(manager, {
        actorId: actor.id,
        action: dto.attended !== undefined && dto.role === undefined ? 'roundtable.attendance_recorded' : 'roundtable.participant_updated',
        entityType: 'roundtable',
        entityId: id,
        changes: { userId, ...changes },
      });
    });
    const [view] = await this.views(id, [userId]);
    return view;
  }

  async remove(actor: AuthUser, id: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const participant = await manager.findOneBy(RoundtableParticipant, { roundtableId: id, userId });
      if (!participant) throw notFound('Participant');
      if (participant.role === 'facilitator') await this.ensureAnotherFacilitator(manager, id, userId);
      await manager.delete(RoundtableParticipant, { roundtableId: id, userId });
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.participant_removed',
        entityType: 'roundtable',
        entityId: id,
        changes: { userId, role: participant.role },
      });
    });
    // Someone removed leaves the discussion room at once; if the roundtable is open to the platform they may rejoin to read.
    await this.channels.evict(userId, { kind: 'roundtable', refId: id });
  }
}
