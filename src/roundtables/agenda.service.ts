import { Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, orNotFound } from '../common/errors';
import { MailService } from '../mail/mail.service';
import type { RoundtableMailDetail } from '../mail/templates';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { meetingFacts, venueStamp } from './circulation';
import type { AgendaCirculationView } from './dto/roundtable.dto';
import { ParticipantsRepository } from './participants.repository';
import { cleanLocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { UsersService } from '../users/users.service';
import { AgendaRepository } from './agenda.repository';
import { AgendaItemView, CreateAgendaItemDto, MinutesDto, MinutesView, ReorderAgendaDto, UpdateAgendaItemDto } from './dto/agenda.dto';
import type { MinutesRevision } from './entities/minutes-revision.entity';
import { MinutesService } from './minutes.service';
import { RoundtablesService } from './roundtables.service';
import { agendaRowView, toAgendaItemView, toMinutesView } from './views';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function checkSlot(startsAt: Date | null, endsAt: Date | null) {
  if (endsAt && !startsAt) throw badRequest('endsAt', 'endsAt needs startsAt');
  if (endsAt && startsAt && endsAt <= startsAt) throw badRequest('endsAt', 'endsAt must be after startsAt');
}

/** The ordered agenda of a roundtable and the minutes kept against each item. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly agenda: AgendaRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly roundtables: RoundtablesService,
    private readonly activity: ActivityService,
    private readonly users: UsersService,
    private readonly minutes: MinutesService,
    private readonly participants: ParticipantsRepository,
    private readonly realtime: RealtimeEmitter,
    private readonly mail: MailService,
  ) {}

  /**
   * Circulates the agenda: everyone taking part but the sender is notified in the app and, in the same transaction,
   * mailed the agenda (title, time in the venue's zone and theirs, place, items) as each chose for agendas. The
   * calendar invitation is not sent again: it went out when they were added.
   */
  async circulate(actor: AuthUser, id: string): Promise<AgendaCirculationView> {
    return this.unitOfWork.run(async (tx) => {
      const { roundtable } = await this.roundtables.findManageable(tx, actor, id);
      if (roundtable.status === 'concluded') throw conflict('The roundtable has concluded: its agenda is no longer circulated', { status: roundtable.status });
      const items = await this.agenda.listWithPresenters(id, tx);
      if (!items.length) throw conflict('There are no agenda items to circulate');
      const now = new Date();
      await this.roundtables.markAgendaCirculated(tx, id, actor.id, now);
      const recipients = (await this.participants.userIds(id, tx)).filter((userId) => userId !== actor.id);
      const title = roundtable.title;
      const when = venueStamp(roundtable.startsAt, roundtable.timeZone);
      const payload = {
        roundtableId: id,
        by: actor.displayName,
        title: { en: `Agenda of “${title.en ?? title.zh ?? ''}” (${when})`, zh: `“${title.zh ?? title.en ?? ''}”的会议议程（${when}）` },
        link: `/roundtables/${id}?tab=agenda`,
      };
      const detail: RoundtableMailDetail = {
        kind: 'agenda.circulated',
        meeting: meetingFacts(roundtable, actor.displayName),
        items: items.map((item) => ({
          title: item.title,
          startsAt: item.startsAt,
          endsAt: item.endsAt,
          presenter: item.presenter?.displayName ?? item.presenterName ?? null,
        })),
      };
      for (const userId of recipients) await this.realtime.notify(tx, userId, 'agenda.circulated', payload, detail);
      const modes = await this.mail.modesFor(recipients, 'roundtable.agenda', tx);
      const mailed = (await this.users.mailProfiles(recipients, tx)).filter((p) => modes.get(p.id) === 'immediate').length;
      await this.activity.recordBy(tx, actor, 'roundtable.agenda_circulated', id, { items: items.length, notified: recipients.length, mailed });
      return { roundtableId: id, agendaCirculatedAt: now.toISOString(), notified: recipients.length, mailed };
    });
  }

  /** The latest minutes revision of each item. */
  private async currentMinutes(itemIds: string[]): Promise<Map<string, MinutesRevision>> {
    const rows = await this.agenda.currentMinutes(itemIds);
    return new Map(rows.map((m) => [m.agendaItemId, m]));
  }

  private async views(roundtableId: string): Promise<AgendaItemView[]> {
    return (await this.agenda.listForView(roundtableId)).map(agendaRowView);
  }

  private async view(itemId: string): Promise<AgendaItemView> {
    const item = orNotFound(await this.agenda.findWithPresenter(itemId), 'Agenda item');
    const minutes = await this.currentMinutes([itemId]);
    return toAgendaItemView(item, minutes.get(itemId) ?? null);
  }

  private async findItem(tx: Tx | undefined, roundtableId: string, itemId: string) {
    return orNotFound(await this.agenda.findInRoundtable(roundtableId, itemId, tx), 'Agenda item');
  }

  private async checkPresenter(tx: Tx, presenterId: string | null | undefined) {
    if (presenterId && !(await this.users.exists(presenterId, tx))) {
      throw badRequest('presenterId', 'presenterId does not name an existing user');
    }
  }

  async list(user: AuthUser, id: string): Promise<{ items: AgendaItemView[] }> {
    return { items: await this.roundtables.readable(user, id, this.views(id)) };
  }

  async create(actor: AuthUser, id: string, dto: CreateAgendaItemDto): Promise<AgendaItemView> {
    const itemId = await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : null;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
      checkSlot(startsAt, endsAt);
      await this.checkPresenter(tx, dto.presenterId);
      const count = await this.agenda.count(tx, id);
      const position = Math.min(dto.position ?? count, count);
      if (position < count) await this.agenda.shift(tx, id, position, count - 1, 1);
      const item = await this.agenda.insert(tx, {
        roundtableId: id,
        position,
        title: cleanLocalizedText(dto.title),
        presenterId: dto.presenterId ?? null,
        presenterName: dto.presenterName?.trim() || null,
        startsAt,
        endsAt,
      });
      await this.activity.recordBy(tx, actor, 'roundtable.agenda_item_added', id, { agendaItemId: item.id, title: item.title, position });
      return item.id;
    });
    return this.view(itemId);
  }

  async update(actor: AuthUser, id: string, itemId: string, dto: UpdateAgendaItemDto): Promise<AgendaItemView> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const item = await this.findItem(tx, id, itemId);
      // Naming a presenter of one kind replaces the other kind.
      let presenterId = item.presenterId;
      let presenterName = item.presenterName;
      if (dto.presenterId !== undefined) {
        presenterId = dto.presenterId;
        if (presenterId) presenterName = null;
      }
      if (dto.presenterName !== undefined) {
        presenterName = dto.presenterName?.trim() || null;
        if (presenterName) presenterId = null;
      }
      const startsAt = dto.startsAt === undefined ? item.startsAt : dto.startsAt ? new Date(dto.startsAt) : null;
      const endsAt = dto.endsAt === undefined ? item.endsAt : dto.endsAt ? new Date(dto.endsAt) : null;
      checkSlot(startsAt, endsAt);
      if (presenterId !== item.presenterId) await this.checkPresenter(tx, presenterId);
      let position = item.position;
      if (dto.position !== undefined) {
        const count = await this.agenda.count(tx, id);
        position = Math.min(dto.position, count - 1);
      }
      const next = {
        title: dto.title ? cleanLocalizedText(dto.title) : item.title,
        presenterId,
        presenterName,
        startsAt,
        endsAt,
        position,
      };
      const changes = diff({ ...item, startsAt: iso(item.startsAt), endsAt: iso(item.endsAt) }, { ...next, startsAt: iso(startsAt), endsAt: iso(endsAt) });
      if (!Object.keys(changes).length) return;
      if (position < item.position) await this.agenda.shift(tx, id, position, item.position - 1, 1);
      if (position > item.position) await this.agenda.shift(tx, id, item.position + 1, position, -1);
      await this.agenda.update(tx, itemId, next);
      await this.activity.recordBy(tx, actor, 'roundtable.agenda_item_updated', id, { agendaItemId: itemId, ...changes });
    });
    return this.view(itemId);
  }

  async remove(actor: AuthUser, id: string, itemId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const item = await this.findItem(tx, id, itemId);
      await this.minutes.assertEditable(tx, id);
      await this.agenda.delete(tx, itemId);
      await this.agenda.shift(tx, id, item.position + 1, null, -1);
      await this.activity.recordBy(tx, actor, 'roundtable.agenda_item_removed', id, { agendaItemId: itemId, title: item.title, position: item.position });
    });
  }

  async reorder(actor: AuthUser, id: string, dto: ReorderAgendaDto): Promise<{ items: AgendaItemView[] }> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const items = await this.agenda.list(tx, id);
      const known = new Set(items.map((i) => i.id));
      if (dto.itemIds.length !== items.length || !dto.itemIds.every((itemId) => known.has(itemId))) {
        throw badRequest('itemIds', `itemIds must list exactly the roundtable's ${items.length} agenda item(s), each once`);
      }
      const before = items.map((i) => i.id);
      if (before.every((itemId, index) => dto.itemIds[index] === itemId)) return;
      for (const [position, itemId] of dto.itemIds.entries()) {
        await this.agenda.update(tx, itemId, { position });
      }
      await this.activity.recordBy(tx, actor, 'roundtable.agenda_reordered', id, { order: { from: before, to: dto.itemIds } });
    });
    return { items: await this.views(id) };
  }

  async putMinutes(actor: AuthUser, id: string, itemId: string, dto: MinutesDto): Promise<MinutesView> {
    const revisionId = await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      await this.findItem(tx, id, itemId);
      await this.minutes.assertEditable(tx, id);
      const text = cleanLocalizedText(dto.text);
      const latest = await this.agenda.latestRevision(tx, itemId);
      // Saving the same text again is not a new version.
      if (latest && JSON.stringify(latest.text) === JSON.stringify(text)) return latest.id;
      const revision = (latest?.revision ?? 0) + 1;
      const saved = await this.agenda.insertRevision(tx, { agendaItemId: itemId, revision, text, authorId: actor.id });
      await this.activity.recordBy(tx, actor, 'roundtable.minutes_updated', id, { agendaItemId: itemId, revision });
      return saved.id;
    });
    const saved = orNotFound(await this.agenda.findRevisionWithAuthor(revisionId), 'Minutes revision');
    return toMinutesView(saved);
  }

  async minutesHistory(user: AuthUser, id: string, itemId: string): Promise<{ items: MinutesView[] }> {
    await this.roundtables.findVisible(undefined, user, id);
    await this.findItem(undefined, id, itemId);
    const revisions = await this.agenda.revisions(itemId);
    return { items: revisions.map(toMinutesView) };
  }
}
