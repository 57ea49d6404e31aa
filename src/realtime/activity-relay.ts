import { Injectable } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, InsertEvent } from 'typeorm';
import { Activity } from '../activity/entities/activity.entity';
import { ChannelsService } from './channels.service';
import { CHANNEL_KINDS, type ChannelKind } from './entities/channel.entity';
import { RealtimeEmitter } from './realtime.emitter';

/** Audited kinds whose every change is announced to the readers of their discussion channel. */
const ANNOUNCED = { roundtable: 'roundtable:changed', working_group: 'working_group:changed' } as const;
type AnnouncedKind = keyof typeof ANNOUNCED;

/**
 * Every change to a roundtable or working group is audited in the same transaction (ActivityService.record), so
 * the audit insert is the one place to hear about them: once the transaction commits, the thing's channel room
 * is told `roundtable:changed` / `working_group:changed` with the action, and open pages refresh.
 */
@Injectable()
export class ActivityRelay implements EntitySubscriberInterface<Activity> {
  constructor(
    dataSource: DataSource,
    private readonly channels: ChannelsService,
    private readonly emitter: RealtimeEmitter,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo() {
    return Activity;
  }

  afterInsert(event: InsertEvent<Activity>): void {
    const { entityType, entityId, action } = event.entity;
    // Any audited change of a thing with a channel, of a user or of an organization may change who posts there:
    // post checks reused by ChannelsService.authorizePost are forgotten once it is committed, and live connections
    // of the people concerned re-read who they are (RealtimeGateway).
    if (entityId && (CHANNEL_KINDS as readonly string[]).includes(entityType)) {
      this.emitter.afterCommit(event.manager, () => this.channels.accessChanged({ kind: entityType as ChannelKind, refId: entityId }));
    } else if (entityId && entityType === 'user') {
      this.emitter.afterCommit(event.manager, () => this.channels.accessChanged({ userId: entityId }));
    } else if (entityId && entityType === 'organization') {
      this.emitter.afterCommit(event.manager, () => this.channels.accessChanged({ organizationId: entityId }));
    }
    if (!(entityType in ANNOUNCED)) return;
    const kind = entityType as AnnouncedKind;
    this.emitter.afterCommit(event.manager, () => {
      void this.channels
        .find(kind, entityId)
        .then((channel) => channel && this.emitter.toChannel(channel.id, ANNOUNCED[kind], { id: entityId, action }))
        .catch(() => undefined);
    });
  }
}
