import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { AuthUser } from '../auth/auth-user';
import { ActionItemsService } from '../roadmaps/action-items.service';
import { RoundtableRecordService } from '../roundtables/record.service';
import { roundtableBalance } from '../shared/balance';
import { genderBalance, WOMEN_MIN_SHARE } from '../shared/gender-balance';
import { CONSTITUENCIES, TRIPARTITE, type Sex } from '../shared/enums';
import { RoundtablesService } from '../roundtables/roundtables.service';
import { VotesService } from '../votes/votes.service';
import { consultationBlocks } from './consultation-blocks';
import type { ConsultationMeetingView, ConsultationReportView, ConsultationVoteView } from './dto/consultation.dto';
import type { RecordPerson } from './record-model';
import { renderPdf } from './renderers';
import { type ReportLanguages, textIn } from './report-text';
import type { RenderedReport } from './reports.service';
import { dayIn } from '../common/day-in';

/** Those whose presence counts: attendees once attendance is recorded, else everyone invited to speak. */
function takingPart(people: RecordPerson[]): RecordPerson[] {
  const speaking = people.filter((p) => p.role !== 'observer');
  return speaking.some((p) => p.attended !== null) ? speaking.filter((p) => p.attended === true) : speaking;
}

const share = (value: number | null) => (value === null ? '' : (Math.round(value * 1000) / 10).toFixed(1));

/**
 * The consultation report asked of governments by ILO Convention No. 144: the tripartite meetings held in a year,
 * their topics, who was represented, their balance and women's share, the votes and their outcomes, and the
 * commitments that came out of them.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly roundtables: RoundtablesService,
    private readonly records: RoundtableRecordService,
    private readonly actionItems: ActionItemsService,
    private readonly votes: VotesService,
  ) {}

  async report(user: AuthUser, year: number): Promise<ConsultationReportView> {
    const ids = await this.roundtables.heldInYear(user, year);
    const meetings: ConsultationMeetingView[] = [];
    const seats: { constituency: RecordPerson['constituency']; sex: Sex | null }[] = [];
    const organizations = new Set<string>();
    for (const id of ids) {
      const [record, commitments] = await Promise.all([this.records.collect(user, id), this.actionItems.promotedFrom(id)]);
      const closed = await this.votes.closedOn(
        [id],
        commitments.map((c) => c.id),
      );
      const present = takingPart(record.people);
      for (const p of present) seats.push({ constituency: p.constituency, sex: (p.sex as Sex | null | undefined) ?? null });
      const byOrganization = new Map<string, { name: RecordPerson['organization']; constituency: RecordPerson['constituency']; people: number }>();
      for (const p of present) {
        const key = JSON.stringify([p.organization, p.constituency]);
        organizations.add(key);
        const entry = byOrganization.get(key) ?? { name: p.organization, constituency: p.constituency, people: 0 };
        entry.people += 1;
        byOrganization.set(key, entry);
      }
      const decisionText = new Map(record.decisions.map((d) => [d.id, d.text]));
      const commitmentTitle = new Map(commitments.map((c) => [c.id, c.title]));
      const votes: ConsultationVoteView[] = closed.map((v) => ({
        ...v,
        subject: (v.decisionId ? decisionText.get(v.decisionId) : v.actionItemId ? commitmentTitle.get(v.actionItemId) : undefined) ?? {},
      }));
      const represented = new Set(present.map((p) => p.constituency));
      meetings.push({
        id,
        title: record.title,
        startsAt: record.startsAt.toISOString(),
        endsAt: record.endsAt.toISOString(),
        timeZone: record.timeZone,
        date: dayIn(record.startsAt, record.timeZone),
        city: record.place.city,
        online: record.place.online,
        status: record.status,
        topics: record.agenda.map((a) => a.title),
        constituencies: CONSTITUENCIES.filter((c) => represented.has(c)),
        organizations: [...byOrganization.values()].sort(
          (a, b) => CONSTITUENCIES.indexOf(a.constituency) - CONSTITUENCIES.indexOf(b.constituency) || textIn(a.name, 'en').localeCompare(textIn(b.name, 'en')),
        ),
        balance: roundtableBalance(record.people.map((p) => ({ ...p, sex: (p.sex as Sex | null | undefined) ?? null }))),
        votes,
        commitments: commitments.map((c) => ({
          id: c.id,
          title: c.title,
          status: c.status,
          leadOrganization: c.leadOrganization.name,
          dueDate: c.dueDate,
          voteAdopted: c.voteResult ? c.voteResult.adopted : null,
        })),
      });
    }
    const allVotes = meetings.flatMap((m) => m.votes);
    return {
      year,
      womenMinShare: WOMEN_MIN_SHARE,
      generatedAt: new Date().toISOString(),
      summary: {
        meetings: meetings.length,
        organizations: organizations.size,
        tripartiteMeetings: meetings.filter((m) => TRIPARTITE.every((c) => m.constituencies.includes(c))).length,
        votes: allVotes.length,
        votesAdopted: allVotes.filter((v) => v.adopted).length,
        commitments: meetings.reduce((n, m) => n + m.commitments.length, 0),
        gender: genderBalance(seats),
      },
      meetings,
    };
  }

  /** One row per meeting, every cell plain text, in English and Chinese where people wrote both. */
  async csv(user: AuthUser, year: number): Promise<RenderedReport> {
    const report = await this.report(user, year);
    const voteText = (v: ConsultationVoteView) =>
      `${textIn(v.subject, 'en')}: ${v.adopted ? 'adopted' : 'not adopted'}${v.reasons.length ? ` (${v.reasons.map((r) => r.message).join('; ')})` : ''}`;
    const rows = report.meetings.map((m) => {
      const { gender } = m.balance;
      const seatsOf = (c: string) => m.organizations.filter((o) => o.constituency === c).reduce((n, o) => n + o.people, 0);
      return {
        date: m.date,
        time_zone: m.timeZone,
        title_en: textIn(m.title, 'en'),
        title_zh: textIn(m.title, 'zh'),
        city: m.city ?? (m.online ? 'online' : ''),
        status: m.status,
        topics: m.topics.map((t) => textIn(t, 'en')).join('; '),
        constituencies: m.constituencies.join('; '),
        organizations: m.organizations.map((o) => `${textIn(o.name, 'en')} (${o.constituency})`).join('; '),
        government: seatsOf('government'),
        employers: seatsOf('employers'),
        workers: seatsOf('workers'),
        balance: m.balance.verdict,
        people: gender.total,
        women: gender.women,
        men: gender.men,
        not_stated: gender.notStated,
        women_share_percent: share(gender.womenShare),
        below_30_percent: gender.belowTarget ? 'yes' : 'no',
        votes: m.votes.length,
        votes_adopted: m.votes.filter((v) => v.adopted).length,
        vote_outcomes: m.votes.map(voteText).join(' | '),
        commitments: m.commitments.map((c) => `${textIn(c.title, 'en')} (${c.status})`).join('; '),
      };
    });
    const columns = [
      'date',
      'time_zone',
      'title_en',
      'title_zh',
      'city',
      'status',
      'topics',
      'constituencies',
      'organizations',
      'government',
      'employers',
      'workers',
      'balance',
      'people',
      'women',
      'men',
      'not_stated',
      'women_share_percent',
      'below_30_percent',
      'votes',
      'votes_adopted',
      'vote_outcomes',
      'commitments',
    ];
    // A byte order mark, so that spreadsheets read the Chinese titles as UTF-8.
    const body = '\uFEFF' + stringify(rows, { header: true, columns, record_delimiter: 'windows' });
    return { filename: `consultations-${year}.csv`, body: Buffer.from(body, 'utf8') };
  }

  async pdf(user: AuthUser, year: number, lang: ReportLanguages): Promise<RenderedReport> {
    const report = await this.report(user, year);
    const title = lang === 'zh' ? `${year} 年三方协商报告` : `Tripartite consultations ${year}`;
    const body = await renderPdf(consultationBlocks(report), lang, { title });
    return { filename: `consultations-${year}-${lang}.pdf`, body };
  }
}
