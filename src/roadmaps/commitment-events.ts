import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../realtime/channels.service';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { channelRoom } from '../realtime/realtime.events';
import { watchRoom } from '../realtime/watch.registry';
import { UsersService } from '../users/users.service';
import type { Tx } from '../database/unit-of-work';
import { OrganizationsService } from '../organizations/organizations.service';
import { WorkingGroupsService } from '../working-groups/working-groups.service';
import type { ActionItemDetailView } from './dto/roadmap.dto';
import type { ActionItem } from './entities/action-item.entity';
import type { ActionItemStatus, Stance } from '../shared/enums';

/**
 * What follows a change to a commitment: the people concerned (members of the lead organization and of the
 * responsible working group) are notified in the change's transaction, and once it is committed the item's room and
 * roadmap room hear the change live.
 */
@Injectable()
export class CommitmentEvents {
  constructor(
    private readonly users: UsersService,
    private readonly workingGroups: WorkingGroupsService,
    private readonly realtime: RealtimeEmitter,
    private readonly channels: ChannelsService,
    private readonly organizations: OrganizationsService,
  ) {}

  private async concerned(item: ActionItem, actorId: string, tx: Tx): Promise<string[]> {
    const leads = await this.users.activeIdsInOrganization(item.leadOrganizationId, tx);
    const members = item.workingGroupId ? await this.workingGroups.activeMemberIds(item.workingGroupId) : [];
    return [...new Set([...leads, ...members])].filter((id) => id !== actorId);
  }

  /**
   * Everyone following the item's discussion, or its roadmap's board (roadmap:watch), sees the change at once; `by`
   * lets the author's own pages tell their change from someone else's (the event may arrive before their response).
   */
  private async broadcast(actor: AuthUser, item: ActionItem, detail: ActionItemDetailView) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- `can` is the author's own permissions: left out of what others see
    const { can: _can, ...view } = detail;
    const channel = await this.channels.ensureChannel('action_item', item.id);
    this.realtime.toRoom([channelRoom(channel.id), watchRoom('roadmap', item.roadmapId)], 'action_item:changed', {
      id: item.id,
      actionItem: view,
      by: actor.id,
    });
  }

  /**
   * The people concerned are notified of a status change in the transaction of the change (their notifications and
   * mails commit with it, or not at all); the payload names the commitment and leads to it.
   */
  async notifyStatusChanged(tx: Tx, actor: AuthUser, item: ActionItem, from: ActionItemStatus, to: ActionItemStatus, reason: string | null): Promise<void> {
    const payload = {
      actionItemId: item.id,
      roadmapId: item.roadmapId,
      title: item.title,
      from,
      to,
      ...(reason ? { reason } : {}),
      by: actor.displayName,
      link: `/action-items/${item.id}`,
    };
    for (const userId of await this.concerned(item, actor.id, tx)) await this.realtime.notify(tx, userId, 'action_item.status_changed', payload);
  }

  /** Once the change is committed: the item's discussion and its roadmap's board hear it live. */
  async statusChanged(actor: AuthUser, item: ActionItem, detail: ActionItemDetailView): Promise<void> {
    await this.broadcast(actor, item, detail);
  }

  /** As notifyStatusChanged, for a position stated by the actor's organization. */
  async notifyPositionStated(tx: Tx, actor: AuthUser, item: ActionItem, stance: Stance): Promise<void> {
    const org = await this.organizations.find(actor.organizationId, tx);
    const payload = {
      actionItemId: item.id,
      roadmapId: item.roadmapId,
      title: item.title,
      stance,
      organization: { id: org.id, name: org.name },
      by: actor.displayName,
      link: `/action-items/${item.id}`,
    };
    for (const userId of await this.concerned(item, actor.id, tx)) await this.realtime.notify(tx, userId, 'position.stated', payload);
  }

  async positionStated(actor: AuthUser, item: ActionItem, detail: ActionItemDetailView): Promise<void> {
    await this.broadcast(actor, item, detail);
  }
}
