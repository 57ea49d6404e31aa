import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import type { LocalizedText } from '../common/localized-text';
import type { RoundtableRecord } from '../reports/record-model';
import { TRIPARTITE } from '../shared/enums';
import { AgendaRepository } from './agenda.repository';
import { DecisionsRepository } from './decisions.repository';
import { MinutesRepository } from './minutes.repository';
import { isAttendee } from './minutes.service';
import { ParticipantsRepository } from './participants.repository';
import { RoundtablesService } from './roundtables.service';

/** Gathers a roundtable's official record (for the PDF and Word reports), for a reader who may see it (404 otherwise). */
@Injectable()
export class RoundtableRecordService {
  constructor(
    private readonly roundtables: RoundtablesService,
    private readonly participants: ParticipantsRepository,
    private readonly agenda: AgendaRepository,
    private readonly decisions: DecisionsRepository,
    private readonly minutes: MinutesRepository,
  ) {}

  /** The record without the commitments and documents, which other modules add. */
  async collect(user: AuthUser, id: string): Promise<RoundtableRecord> {
    const { roundtable: r } = await this.roundtables.findVisible(undefined, user, id);
    const [people, items, decisions, record, comments, objections, corrigenda] = await Promise.all([
      this.participants.listWithPeople(id),
      this.agenda.listWithPresenters(id),
      this.decisions.listWithAuthors(id),
      this.minutes.findRecord(id),
      this.minutes.comments(id),
      this.minutes.objections(id),
      this.minutes.corrigenda(id),
    ]);
    const current = new Map((await this.agenda.currentMinutes(items.map((i) => i.id))).map((m) => [m.agendaItemId, m]));
    const titles = new Map<string, LocalizedText>(items.map((i) => [i.id, i.title]));
    const present = new Set(people.filter(isAttendee).map((p) => p.user.organization.constituency));
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      timeZone: r.timeZone,
      place: { city: r.locationCity, venue: r.locationVenue, online: r.locationOnline, url: r.locationUrl },
      status: r.status,
      organisers: people.filter((p) => p.role === 'facilitator').map((p) => p.user.displayName),
      people: people.map((p) => ({
        name: p.user.displayName,
        role: p.role,
        attended: p.attended,
        organization: p.user.organization.name,
        constituency: p.user.organization.constituency,
        sex: p.user.sex,
      })),
      agenda: items.map((item) => {
        const m = current.get(item.id);
        return {
          id: item.id,
          title: item.title,
          presenter: item.presenter?.displayName ?? item.presenterName,
          startsAt: item.startsAt,
          endsAt: item.endsAt,
          minutes: m?.text ?? null,
          minutesRevision: m?.revision ?? null,
          comments: comments
            .filter((c) => c.agendaItemId === item.id)
            .map((c) => ({ author: c.author?.displayName ?? null, text: c.text, createdAt: c.createdAt })),
        };
      }),
      minutes: {
        status: record?.status ?? 'draft',
        commentDeadline: record?.commentDeadline ?? null,
        adoptedAt: record?.adoptedAt ?? null,
        adoptedBy: record?.adoptedBy?.displayName ?? null,
        lockedAt: record?.lockedAt ?? null,
        objections: objections.map((o) => ({ name: o.user?.displayName ?? null, statement: o.statement })),
        corrigenda: corrigenda.map((c) => ({
          number: c.number,
          agendaItemTitle: c.agendaItemId ? (titles.get(c.agendaItemId) ?? null) : null,
          text: c.text,
          createdAt: c.createdAt,
        })),
      },
      decisions: decisions.map((d) => ({
        id: d.id,
        text: d.text,
        adoption: d.adoption,
        constituencies: d.constituencies,
        reservations:
          d.adoption === 'consensus' ? [] : [...new Set([...TRIPARTITE, ...present])].filter((c) => present.has(c) && !d.constituencies.includes(c)),
        agendaItemTitle: d.agendaItemId ? (titles.get(d.agendaItemId) ?? null) : null,
        actionItemId: d.actionItemId,
      })),
      commitments: [],
      documents: [],
    };
  }
}
