import { Injectable } from '@nestjs/common';
import { ActivityService } from '../../activity/activity.service';
import { type AuthUser } from '../../auth/auth-user';
import { conflict, forbidden, orNotFound } from '../../common/errors';
import { encodeCursor, type Page, PageQuery, readCursor } from '../../common/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { RealtimeEmitter } from '../../realtime/realtime.emitter';
import { UsersService } from '../../users/users.service';
import type { CommentView, FollowUpItem } from '../dto/quality.dto';
import { ObservationsRepository } from '../observations/observations.repository';
import { ObservationsService } from '../observations/observations.service';
import { notificationTitles } from '../../common/notification-titles';
import { type CommentRow, QualityRepository } from './quality.repository';

/** How many earlier values the follow-up list shows beside a flagged one. */
const PREVIOUS_SHOWN = 4;

/**
 * The follow-up of flagged values (a facilitator confirms each with a comment, or sends it back to the park) and the
 * comment thread every value has.
 */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: QualityRepository,
    private readonly observationsRepository: ObservationsRepository,
    private readonly observations: ObservationsService,
    private readonly activity: ActivityService,
    private readonly realtime: RealtimeEmitter,
    private readonly users: UsersService,
  ) {}

  /** Current flagged values still to be followed up, oldest first, each with the values before it. */
  async list(query: PageQuery): Promise<Page<FollowUpItem>> {
    const limit = query.limit ?? 50;
    const cursor = readCursor(query.cursor, { id: 'uuid' });
    const ids = await this.repository.findFollowUpIds(cursor?.id, limit + 1);
    const page = ids.slice(0, limit);
    const [rows, previous] = await Promise.all([
      this.observationsRepository.findViewRowsByIds(page, false),
      this.repository.previousValues(page, PREVIOUS_SHOWN),
    ]);
    const views = await this.observations.views(rows.sort((a, b) => (a.id < b.id ? -1 : 1)));
    return {
      items: views.map((v) => ({ ...v, previous: previous.get(v.id) ?? [] })),
      nextCursor: ids.length > limit ? encodeCursor({ id: page[page.length - 1] }) : null,
    };
  }

  confirm(user: AuthUser, id: string, comment: string) {
    return this.settle(user, id, 'confirmed', comment);
  }

  sendBack(user: AuthUser, id: string, comment: string) {
    return this.settle(user, id, 'sent_back', comment);
  }

  /**
   * Confirms a flagged value (it stands as reported) or sends it back to the park (a value awaiting verification is
   * then rejected with the comment as the reason, so the park corrects it). The comment joins the value's thread.
   */
  private async settle(user: AuthUser, id: string, outcome: 'confirmed' | 'sent_back', comment: string) {
    await this.unitOfWork.run(async (tx) => {
      const observation = orNotFound(await this.observationsRepository.lockById(tx, id), 'Observation');
      if (observation.supersededAt) throw conflict('This value has been superseded by a correction: follow up the current one');
      if (observation.followUp !== 'open') {
        throw conflict(
          observation.followUp ? `This value has been ${observation.followUp.replace('_', ' ')} already` : 'This value is not flagged for follow-up',
          {
            followUp: observation.followUp,
          },
        );
      }
      await this.repository.setFollowUp(tx, id, outcome);
      await this.repository.insertComment(tx, { observationId: id, authorId: user.id, body: comment, kind: outcome });
      const rejected = outcome === 'sent_back' && observation.status === 'submitted';
      if (rejected) await this.observationsRepository.setReview(tx, id, { status: 'rejected', reviewedById: user.id, rejectionReason: comment });
      await this.activity.recordBy(tx, user, `observation.follow_up_${outcome}`, id, {
        comment,
        warnings: (observation.warnings ?? []).map((w) => w.rule),
        ...(rejected ? { status: { from: 'submitted', to: 'rejected' } } : {}),
      });
      if (observation.reportedById && observation.reportedById !== user.id) {
        const shown = await this.observations.view(id);
        await this.realtime.notify(tx, observation.reportedById, `observation.follow_up_${outcome}`, {
          id,
          indicatorId: observation.indicatorId,
          indicatorName: shown.indicator.name,
          parkName: shown.scope.park?.name ?? null,
          period: observation.period,
          comment,
          by: user.displayName,
          title: notificationTitles.followUp(outcome, shown.indicator.name, shown.scope.park?.name ?? null, observation.period),
          link: `/observations/${id}`,
        });
      }
    });
    return this.observations.view(id);
  }

  /** The thread of a value: comments on every version of it, oldest first. */
  async comments(user: AuthUser, id: string): Promise<{ items: CommentView[] }> {
    await this.observations.get(user, id);
    const rows = await this.repository.findComments(await this.observationsRepository.findVersionIds(id));
    return { items: await this.commentViews(rows) };
  }

  /** Everyone taking part comments on a value they see; observers read. */
  async comment(user: AuthUser, id: string, body: string): Promise<CommentView> {
    await this.observations.get(user, id);
    if (user.role === 'observer') throw forbidden('Observers read comments; they do not post them');
    const row = await this.unitOfWork.run(async (tx) => {
      const created = await this.repository.insertComment(tx, { observationId: id, authorId: user.id, body, kind: 'comment' });
      await this.activity.recordBy(tx, user, 'observation.commented', id, { comment: created.id });
      return created;
    });
    return (await this.commentViews([row]))[0];
  }

  private async commentViews(rows: CommentRow[]): Promise<CommentView[]> {
    const names = await this.users.displayNames(rows.map((r) => r.author_id));
    return rows.map((r) => ({
      id: r.id,
      observationId: r.observation_id,
      author: r.author_id ? { id: r.author_id, displayName: names.get(r.author_id) ?? '' } : null,
      body: r.body,
      kind: r.kind,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
