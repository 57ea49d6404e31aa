import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, forbidden, orNotFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import type { RoundtableMailDetail } from '../mail/templates';
import { meetingFacts, venueStamp } from './circulation';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { AgendaRepository } from './agenda.repository';
import { CorrigendumDto, CorrigendumView, MinutesCommentDto, MinutesCommentView, MinutesRecordView, MinutesStatusDto } from './dto/minutes.dto';
import type { MinutesComment, MinutesCorrigendum, MinutesRecord, MinutesStatus } from './entities/minutes-record.entity';
import type { RoundtableParticipant } from './entities/roundtable-participant.entity';
import { checkMinutesMove, MINUTES_MOVES, minutesEditable, takesCorrigenda } from './minutes-status';
import { MinutesRepository } from './minutes.repository';
import { ParticipantsRepository } from './participants.repository';
import { canManageRoundtable } from './roundtable-access';
import { RoundtablesService } from './roundtables.service';
import { toPersonRef } from './views';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Those who attended: everyone taking part whose attendance is not recorded as absent. */
export const isAttendee = (p: Pick<RoundtableParticipant, 'attended'> | null) => p !== null && p.attended !== false;

export const toCommentView = (c: MinutesComment): MinutesCommentView => ({
  id: c.id,
  agendaItemId: c.agendaItemId,
  author: toPersonRef(c.author),
  text: c.text,
  createdAt: c.createdAt.toISOString(),
});

export const toCorrigendumView = (c: MinutesCorrigendum): CorrigendumView => ({
  id: c.id,
  number: c.number,
  agendaItemId: c.agendaItemId,
  text: c.text,
  author: toPersonRef(c.author),
  createdAt: c.createdAt.toISOString(),
});

/**
 * The adoption of a roundtable's minutes: circulated to the attendees for comment until a deadline, adopted by a
 * facilitator with the objections recorded, then locked. After adoption the text is never edited; corrections are
 * numbered corrigenda.
 */
@Injectable()
export class MinutesService {
  constructor(
    private readonly minutes: MinutesRepository,
    private readonly agenda: AgendaRepository,
    private readonly participants: ParticipantsRepository,
    private readonly roundtables: RoundtablesService,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly realtime: RealtimeEmitter,
  ) {}

  /** The status of a roundtable's minutes (draft when never moved). */
  async statusOf(roundtableId: string, tx?: Tx): Promise<MinutesStatus> {
    return (await this.minutes.findRecord(roundtableId, tx))?.status ?? 'draft';
  }

  /** For the agenda: refuses (409) a change to the minutes' text once they are adopted. */
  async assertEditable(tx: Tx, roundtableId: string): Promise<void> {
    const status = (await this.minutes.lockRecord(tx, roundtableId))?.status ?? 'draft';
    if (!minutesEditable(status)) {
      throw conflict(`The minutes are ${status}: a change is made as a numbered corrigendum, not an edit`, { status });
    }
  }

  async get(user: AuthUser, id: string): Promise<MinutesRecordView> {
    const { myRole } = await this.roundtables.findVisible(undefined, user, id);
    const me = await this.participants.find(id, user.id);
    const [record, comments, objections, corrigenda] = await Promise.all([
      this.minutes.findRecord(id),
      this.minutes.comments(id),
      this.minutes.objections(id),
      this.minutes.corrigenda(id),
    ]);
    const status = record?.status ?? 'draft';
    return {
      roundtableId: id,
      status,
      allowed: canManageRoundtable(user, myRole) ? MINUTES_MOVES[status] : [],
      commentDeadline: iso(record?.commentDeadline ?? null),
      circulatedAt: iso(record?.circulatedAt ?? null),
      circulatedBy: toPersonRef(record?.circulatedBy),
      adoptedAt: iso(record?.adoptedAt ?? null),
      adoptedBy: toPersonRef(record?.adoptedBy),
      lockedAt: iso(record?.lockedAt ?? null),
      lockedBy: toPersonRef(record?.lockedBy),
      canComment: this.commentProblem(record, isAttendee(me)) === null,
      comments: comments.map(toCommentView),
      objections: objections.map((o) => ({ person: toPersonRef(o.user), statement: o.statement })),
      corrigenda: corrigenda.map(toCorrigendumView),
    };
  }

  /** Why the reader may not comment now, or null when they may. */
  private commentProblem(record: MinutesRecord | null, attendee: boolean): { status: 403 | 409; message: string } | null {
    if (!attendee) return { status: 403, message: 'Only those who attended may comment on the minutes' };
    if (record?.status !== 'circulated') return { status: 409, message: `The minutes are ${record?.status ?? 'draft'}, not circulated for comment` };
    if (record.commentDeadline && record.commentDeadline.getTime() <= Date.now()) {
      return { status: 409, message: `Comments closed at ${record.commentDeadline.toISOString()}` };
    }
    return null;
  }

  async changeStatus(actor: AuthUser, id: string, dto: MinutesStatusDto): Promise<MinutesRecordView> {
    await this.unitOfWork.run(async (tx) => {
      const { roundtable } = await this.roundtables.findManageable(tx, actor, id);
      const record = await this.minutes.lockRecord(tx, id);
      const from = record?.status ?? 'draft';
      const to = dto.status;
      const check = checkMinutesMove(from, to);
      if (!check.ok)
        throw conflict(`Cannot move the minutes from ${from} to ${to}; allowed: ${check.allowed.join(', ') || 'none'}`, { allowed: check.allowed });
      if (dto.commentDeadline !== undefined && to !== 'circulated') throw badRequest('commentDeadline', 'commentDeadline goes only with status circulated');
      if (dto.objections !== undefined && to !== 'adopted') throw badRequest('objections', 'objections go only with status adopted');
      const now = new Date();
      const title = roundtable.title;
      const changes: Record<string, unknown> = { status: { from, to } };
      if (to === 'circulated') {
        const deadline = new Date(dto.commentDeadline!);
        if (deadline <= now) throw badRequest('commentDeadline', 'commentDeadline must be in the future');
        if (!(await this.agenda.count(tx, id))) throw conflict('There are no agenda items, so no minutes to circulate');
        await this.minutes.saveRecord(tx, { roundtableId: id, status: to, commentDeadline: deadline, circulatedAt: now, circulatedById: actor.id });
        changes.commentDeadline = deadline.toISOString();
        await this.notifyAttendees(
          tx,
          actor,
          id,
          'minutes.circulated',
          {
            commentDeadline: deadline.toISOString(),
            title: {
              en: `Minutes of “${title.en ?? title.zh ?? ''}” circulated for comment until ${venueStamp(deadline, roundtable.timeZone)}`,
              zh: `“${title.zh ?? title.en ?? ''}”的会议纪要已分发征求意见，截止于 ${venueStamp(deadline, roundtable.timeZone)}`,
            },
          },
          {
            kind: 'minutes.circulated',
            meeting: meetingFacts(roundtable, actor.displayName),
            commentDeadline: deadline,
            items: await this.minutesPerItem(tx, id),
          },
        );
      } else if (to === 'draft') {
        await this.minutes.saveRecord(tx, { roundtableId: id, status: to, commentDeadline: null });
      } else if (to === 'adopted') {
        const objections = dto.objections ?? [];
        const ids = objections.map((o) => o.userId);
        if (new Set(ids).size !== ids.length) throw badRequest('objections', 'objections must name each attendee once');
        const attendees = new Set((await this.participants.findWithPeople(id, ids)).filter(isAttendee).map((p) => p.userId));
        const stranger = objections.findIndex((o) => !attendees.has(o.userId));
        if (stranger >= 0) throw badRequest(`objections.${stranger}.userId`, 'userId does not name an attendee of this roundtable');
        await this.minutes.saveRecord(tx, { roundtableId: id, status: to, adoptedAt: now, adoptedById: actor.id });
        await this.minutes.insertObjections(
          tx,
          objections.map((o) => ({ roundtableId: id, userId: o.userId, statement: o.statement.trim() })),
        );
        changes.objections = objections.map((o) => o.userId);
        await this.notifyAttendees(
          tx,
          actor,
          id,
          'minutes.adopted',
          {
            adoptedAt: now.toISOString(),
            title: { en: `Minutes of “${title.en ?? title.zh ?? ''}” adopted`, zh: `“${title.zh ?? title.en ?? ''}”的会议纪要已通过` },
          },
          { kind: 'minutes.adopted', meeting: meetingFacts(roundtable, actor.displayName), adoptedAt: now, objections: objections.length },
        );
      } else {
        await this.minutes.saveRecord(tx, { roundtableId: id, status: to, lockedAt: now, lockedById: actor.id });
      }
      await this.activity.recordBy(tx, actor, 'roundtable.minutes_status_changed', id, changes);
    });
    return this.get(actor, id);
  }

  /** Each agenda item's title and current minutes, in agenda order (for the circulated minutes' mail). */
  private async minutesPerItem(tx: Tx, id: string): Promise<{ title: LocalizedText; minutes: LocalizedText | null }[]> {
    const items = await this.agenda.list(tx, id);
    const current = new Map(
      (
        await this.agenda.currentMinutes(
          items.map((i) => i.id),
          tx,
        )
      ).map((m) => [m.agendaItemId, m.text]),
    );
    return items.map((item) => ({ title: item.title, minutes: current.get(item.id) ?? null }));
  }

  /**
   * Notifies every attendee but the actor, in the transaction of the move; the notification hook mails each of them
   * (at once, in the digest or never, as they chose) with the whole text of `mail`.
   */
  private async notifyAttendees(
    tx: Tx,
    actor: AuthUser,
    id: string,
    kind: 'minutes.circulated' | 'minutes.adopted',
    payload: Record<string, unknown>,
    mail: RoundtableMailDetail,
  ): Promise<void> {
    const people = await this.participants.listWithPeople(id);
    const full = { roundtableId: id, by: actor.displayName, link: `/roundtables/${id}?tab=agenda`, ...payload };
    for (const p of people) {
      if (p.userId !== actor.id && isAttendee(p)) await this.realtime.notify(tx, p.userId, kind, full, mail);
    }
  }

  async comment(user: AuthUser, id: string, itemId: string, dto: MinutesCommentDto): Promise<MinutesCommentView> {
    const commentId = await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findVisible(tx, user, id);
      orNotFound(await this.agenda.findInRoundtable(id, itemId, tx), 'Agenda item');
      const record = await this.minutes.lockRecord(tx, id);
      const me = await this.participants.find(id, user.id, tx);
      const problem = this.commentProblem(record, isAttendee(me));
      if (problem?.status === 403) throw forbidden(problem.message);
      if (problem) throw conflict(problem.message);
      const text = dto.text.trim();
      if (!text) throw badRequest('text', 'text must not be empty');
      const saved = await this.minutes.insertComment(tx, { roundtableId: id, agendaItemId: itemId, authorId: user.id, text });
      await this.activity.recordBy(tx, user, 'roundtable.minutes_commented', id, { agendaItemId: itemId });
      return saved.id;
    });
    return toCommentView(orNotFound(await this.minutes.findComment(commentId), 'Comment'));
  }

  async addCorrigendum(actor: AuthUser, id: string, dto: CorrigendumDto): Promise<CorrigendumView> {
    const number = await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const status = (await this.minutes.lockRecord(tx, id))?.status ?? 'draft';
      if (!takesCorrigenda(status)) {
        throw conflict(
          status === 'locked' ? 'The minutes are locked: they take no more corrigenda' : `The minutes are ${status}: edit them until they are adopted`,
          { status },
        );
      }
      if (dto.agendaItemId && !(await this.agenda.findInRoundtable(id, dto.agendaItemId, tx))) {
        throw badRequest('agendaItemId', 'agendaItemId does not name an agenda item of this roundtable');
      }
      const next = (await this.minutes.countCorrigenda(tx, id)) + 1;
      await this.minutes.insertCorrigendum(tx, {
        roundtableId: id,
        number: next,
        agendaItemId: dto.agendaItemId ?? null,
        text: cleanLocalizedText(dto.text),
        authorId: actor.id,
      });
      await this.activity.recordBy(tx, actor, 'roundtable.minutes_corrected', id, { number: next, agendaItemId: dto.agendaItemId ?? null });
      return next;
    });
    const saved = (await this.minutes.corrigenda(id)).find((c) => c.number === number)!;
    return toCorrigendumView(saved);
  }
}
