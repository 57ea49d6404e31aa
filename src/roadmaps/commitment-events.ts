import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../realtime/channels.service';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { channelRoom } from '../realtime/realtime.events';
import { watchRoom } from '../realtime/watch.registry';
import { UsersService } from '../users/users.service';
import { WorkingGroupsService } from '../working-groups/working-groups.service';
import type { ActionItemDetailView } from './dto/roadmap.dto';
import type { ActionItem } from './entities/action-item.entity';
import type { ActionItemStatus, Stance } from '../shared/enums';

/**
 * What follows a change to a commitment: the people concerned (members of the lead organization and of the
 * responsible working group) are notified, and the item's room and roadmap room hear the change live.
 */
@Injectable()
export class CommitmentEvents {
  constructor(
    private readonly users: UsersService,
    private readonly workingGroups: WorkingGroupsService,
    private readonly realtime: RealtimeEmitter,
    private readonly channels: ChannelsService,
  ) {}

  private async concerned(item: ActionItem, actorId: string): Promise<string[]> {
    const [leads, members] = await Promise.all([
      this.users.activeIdsInOrganization(item.leadOrganizationId),
      item.workingGroupId ? this.workingGroups.activeMemberIds(item.workingGroupId) : Promise.resolve([]),
    ]);
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

  async statusChanged(actor: AuthUser, item: ActionItem, from: ActionItemStatus, detail: ActionItemDetailView): Promise<void> {
    await this.broadcast(actor, item, detail);
    const payload = { actionItemId: item.id, roadmapId: item.roadmapId, title: detail.title, from, to: detail.status, by: actor.displayName };
    for (const userId of await this.concerned(item, actor.id)) await this.realtime.notify(null, userId, 'action_item.status_changed', payload);
  }

  async positionStated(actor: AuthUser, item: ActionItem, stance: Stance, detail: ActionItemDetailView): Promise<void> {
    await this.broadcast(actor, item, detail);
    const organization = detail.positions.find((p) => p.author?.id === actor.id)?.organization ?? null;
    const payload = {
      actionItemId: item.id,
      roadmapId: item.roadmapId,
      title: detail.title,
      stance,
      organization,
      consensus: detail.consensus,
      by: actor.displayName,
    };
    for (const userId of await this.concerned(item, actor.id)) await this.realtime.notify(null, userId, 'position.stated', payload);
  }
}
