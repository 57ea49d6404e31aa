import { Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, orNotFound } from '../common/errors';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { OrganizationReferences } from '../organizations/organization-references.service';
import { UsersService } from '../users/users.service';
import { AddedParticipants, AddParticipantsDto, ParticipantView, UpdateParticipantDto } from './dto/participant.dto';
import { ChannelsService } from '../realtime/channels.service';
import { ParticipantsRepository } from './participants.repository';
import { RoundtablesService } from './roundtables.service';
import { toParticipantView } from './views';

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly participants: ParticipantsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly roundtables: RoundtablesService,
    private readonly activity: ActivityService,
    private readonly channels: ChannelsService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationReferences,
  ) {}

  async list(user: AuthUser, id: string): Promise<{ items: ParticipantView[] }> {
    return { items: (await this.roundtables.readable(user, id, this.participants.listWithPeople(id))).map(toParticipantView) };
  }

  private async views(roundtableId: string, userIds: string[]): Promise<ParticipantView[]> {
    const rows = await this.participants.findWithPeople(roundtableId, userIds);
    return rows.map(toParticipantView);
  }

  async add(actor: AuthUser, id: string, dto: AddParticipantsDto): Promise<AddedParticipants> {
    const role = dto.role ?? 'participant';
    const { added, skipped } = await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      if (dto.userId) {
        if (!(await this.users.isActive(dto.userId, tx))) {
          throw badRequest('userId', 'userId does not name an active user');
        }
        if (await this.participants.exists(id, dto.userId, tx)) {
          throw conflict('This user already takes part in the roundtable; change their role instead');
        }
        await this.participants.insert(tx, [{ roundtableId: id, userId: dto.userId, role, addedById: actor.id }]);
        await this.activity.recordBy(tx, actor, 'roundtable.participant_added', id, { userId: dto.userId, role });
        await this.roundtables.mailCalendar(tx, id, [dto.userId], 'REQUEST');
        return { added: [dto.userId], skipped: [] as string[] };
      }
      const organizationId = dto.organizationId!;
      if (!(await this.organizations.exists(organizationId, tx))) {
        throw badRequest('organizationId', 'organizationId does not name an existing organization');
      }
      const members = await this.users.activeIdsInOrganization(organizationId, tx);
      const already = new Set(await this.participants.userIdsAmong(id, members, tx));
      const newcomers = members.filter((userId) => !already.has(userId));
      if (newcomers.length) {
        await this.participants.insert(
          tx,
          newcomers.map((userId) => ({ roundtableId: id, userId, role, addedById: actor.id })),
        );
        await this.activity.recordBy(tx, actor, 'roundtable.participants_added', id, { organizationId, role, userIds: newcomers });
        await this.roundtables.mailCalendar(tx, id, newcomers, 'REQUEST');
      }
      return { added: newcomers, skipped: [...already] };
    });
    return { added: await this.views(id, added), skippedUserIds: skipped };
  }

  /** A roundtable always keeps a facilitator of its own, so that it is not left to admins alone. */
  private async ensureAnotherFacilitator(tx: Tx, roundtableId: string, userId: string) {
    const others = await this.participants.countOtherFacilitators(tx, roundtableId, userId);
    if (others === 0) throw conflict('This is the roundtable’s last facilitator; make someone else facilitator first');
  }

  async update(actor: AuthUser, id: string, userId: string, dto: UpdateParticipantDto): Promise<ParticipantView> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const participant = orNotFound(await this.participants.find(id, userId, tx), 'Participant');
      if (participant.role === 'facilitator' && dto.role !== undefined && dto.role !== 'facilitator') {
        await this.ensureAnotherFacilitator(tx, id, userId);
      }
      const next = { role: dto.role, attended: dto.attended };
      const changes = diff(participant, next);
      if (!Object.keys(changes).length) return;
      await this.participants.update(tx, id, userId, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      await this.activity.recordBy(
        tx,
        actor,
        dto.attended !== undefined && dto.role === undefined ? 'roundtable.attendance_recorded' : 'roundtable.participant_updated',
        id,
        { userId, ...changes },
      );
    });
    const [view] = await this.views(id, [userId]);
    return view;
  }

  async remove(actor: AuthUser, id: string, userId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const participant = orNotFound(await this.participants.find(id, userId, tx), 'Participant');
      if (participant.role === 'facilitator') await this.ensureAnotherFacilitator(tx, id, userId);
      await this.participants.delete(tx, id, userId);
      await this.activity.recordBy(tx, actor, 'roundtable.participant_removed', id, { userId, role: participant.role });
      await this.roundtables.mailCalendar(tx, id, [userId], 'CANCEL');
    });
    // Someone removed leaves the discussion room at once; if the roundtable is open to the platform they may rejoin to read.
    await this.channels.evict(userId, { kind: 'roundtable', refId: id });
  }
}
