import { type Block, bi, both, lbl } from './blocks';
import type { ConsultationReportView } from './dto/consultation.dto';
import { formatSpan, label, type ReportLang, textIn, word } from './report-text';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** The women's share line: the share of those who stated, how many did not, and the 30% warning. */
function womenLine(g: ConsultationReportView['summary']['gender'], l: ReportLang): string {
  const parts = [`${label('womenShare', l)}: ${percent(g.womenShare)} (${g.women}/${g.women + g.men})`];
  if (g.notStated) parts.push(`${g.notStated} ${label('notStated', l)}`);
  if (g.belowTarget) parts.push(`⚠ ${label('belowTarget', l)}`);
  return parts.join(' · ');
}

/** The consultation report: a summary, then each meeting with its topics, who was there, its votes and commitments. */
export function consultationBlocks(r: ConsultationReportView): Block[] {
  const out: Block[] = [];
  out.push({
    kind: 'title',
    text: both((l) => (l === 'zh' ? `${r.year} 年三方协商报告` : `Tripartite consultations ${r.year}`)),
    subtitle: lbl('consultations'),
  });
  const s = r.summary;
  out.push({ kind: 'heading', level: 1, text: lbl('summary') });
  out.push({ kind: 'bullet', text: both((l) => `${label('meetingsHeld', l)}: ${s.meetings}`) });
  out.push({ kind: 'bullet', text: both((l) => `${label('tripartiteMeetings', l)}: ${s.tripartiteMeetings}`) });
  out.push({ kind: 'bullet', text: both((l) => `${label('organizationsCount', l)}: ${s.organizations}`) });
  out.push({ kind: 'bullet', text: both((l) => `${label('votesCount', l)}: ${s.votes} (${s.votesAdopted})`) });
  out.push({ kind: 'bullet', text: both((l) => `${label('commitmentsCount', l)}: ${s.commitments}`) });
  out.push({ kind: 'bullet', text: both((l) => womenLine(s.gender, l)) });

  out.push({ kind: 'heading', level: 1, text: lbl('meetingsHeld') });
  if (!r.meetings.length) out.push({ kind: 'para', text: lbl('noMeetings'), style: 'muted' });
  r.meetings.forEach((m, i) => {
    out.push({ kind: 'heading', level: 2, text: both((l) => `${i + 1}. ${textIn(m.title, l)}`) });
    out.push({
      kind: 'para',
      style: 'muted',
      text: both((l) => `${formatSpan(new Date(m.startsAt), new Date(m.endsAt), m.timeZone, m.city, l)} · ${word(m.status, l)}`),
    });
    if (m.topics.length) {
      out.push({ kind: 'para', style: 'bold', text: lbl('topics') });
      for (const t of m.topics) out.push({ kind: 'bullet', text: bi(t) });
    }
    out.push({ kind: 'para', style: 'bold', text: lbl('represented') });
    for (const o of m.organizations) out.push({ kind: 'bullet', text: both((l) => `${textIn(o.name, l)} — ${word(o.constituency, l)} (${o.people})`) });
    out.push({
      kind: 'para',
      text: both((l) => `${label('balance', l)}: ${word(m.balance.verdict, l)} · ${womenLine(m.balance.gender, l)}`),
    });
    out.push({ kind: 'para', style: 'bold', text: lbl('votes') });
    if (!m.votes.length) out.push({ kind: 'para', text: lbl('noVotes'), style: 'muted' });
    for (const v of m.votes) {
      out.push({
        kind: 'bullet',
        text: both((l) => {
          const reasons = v.reasons.length ? ` — ${v.reasons.map((x) => x.message).join('; ')}` : '';
          return `${textIn(v.subject, l)}: ${label(v.adopted ? 'adoptedVote' : 'notAdoptedVote', l)} (${v.rule.replace(/_/g, ' ')})${reasons}`;
        }),
      });
    }
    if (m.commitments.length) {
      out.push({ kind: 'para', style: 'bold', text: lbl('commitmentsOut') });
      for (const c of m.commitments)
        out.push({ kind: 'bullet', text: both((l) => `${textIn(c.title, l)} — ${word(c.status, l)} · ${textIn(c.leadOrganization, l)}`) });
    }
  });
  return out;
}
