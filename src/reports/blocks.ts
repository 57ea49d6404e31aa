import type { LocalizedText } from '../common/localized-text';
import { CONSTITUENCIES } from '../shared/enums';
import type { RoundtableRecord } from './record-model';
import { formatDate, formatSpan, formatTimes, label, type LabelKey, type ReportLang, textIn, word } from './report-text';

/** A text in both languages (each already falling back to the other where the author wrote only one). */
export interface Bi {
  en: string;
  zh: string;
}

/** A point of an indicator's trajectory, for a chart. */
export interface ChartPoint {
  label: string;
  value: number;
}

/** What a report is made of; the PDF and Word renderers lay these out in one language or both side by side. */
export type Block =
  | { kind: 'title'; text: Bi; subtitle?: Bi }
  | { kind: 'heading'; level: 1 | 2; text: Bi }
  | { kind: 'para'; text: Bi; style?: 'muted' | 'bold' | 'quote' }
  | { kind: 'bullet'; text: Bi }
  | { kind: 'chart'; title: Bi; points: ChartPoint[]; target?: number | null; unit?: string }
  | { kind: 'pageBreak' };

export const bi = (text: LocalizedText | null | undefined): Bi => ({ en: textIn(text, 'en'), zh: textIn(text, 'zh') });
export const both = (make: (lang: ReportLang) => string): Bi => ({ en: make('en'), zh: make('zh') });
export const lbl = (key: LabelKey): Bi => both((l) => label(key, l));
const joinBi = (parts: Bi[], sep = ' · '): Bi => ({ en: parts.map((p) => p.en).join(sep), zh: parts.map((p) => p.zh).join(sep) });

/** Each paragraph of a longer text as its own block, the two languages paired paragraph by paragraph. */
function paragraphs(text: LocalizedText, style?: 'muted' | 'quote'): Block[] {
  const en = textIn(text, 'en').split(/\n+/);
  const zh = textIn(text, 'zh').split(/\n+/);
  return Array.from({ length: Math.max(en.length, zh.length) }, (_, i) => ({ kind: 'para' as const, text: { en: en[i] ?? '', zh: zh[i] ?? '' }, style }));
}

/** The roundtable's record, section by section. */
export function roundtableBlocks(r: RoundtableRecord): Block[] {
  const out: Block[] = [];
  const city = r.place.city;
  out.push({ kind: 'title', text: bi(r.title), subtitle: lbl('record') });
  if (r.description.en || r.description.zh) out.push(...paragraphs(r.description, 'muted'));
  const place = both((l) => [r.place.venue, r.place.city, r.place.online ? (r.place.url ?? label('online', l)) : null].filter(Boolean).join(', '));
  out.push({ kind: 'heading', level: 2, text: lbl('dateAndPlace') });
  out.push({ kind: 'para', text: both((l) => formatSpan(r.startsAt, r.endsAt, r.timeZone, city, l)) });
  if (place.en) out.push({ kind: 'para', text: place });
  out.push({ kind: 'heading', level: 2, text: lbl('organisers') });
  out.push({ kind: 'para', text: { en: r.organisers.join(', '), zh: r.organisers.join('、') } });

  out.push({ kind: 'heading', level: 1, text: lbl('agenda') });
  r.agenda.forEach((item, i) => {
    const time = item.startsAt ? `${formatTimes(item.startsAt, item.endsAt, r.timeZone)} ` : '';
    const presenter = item.presenter ? both((l) => ` — ${label('presentedBy', l)}: ${item.presenter}`) : { en: '', zh: '' };
    out.push({ kind: 'bullet', text: both((l) => `${i + 1}. ${time}${textIn(item.title, l)}${presenter[l]}`) });
  });

  out.push({ kind: 'heading', level: 1, text: lbl('attendance') });
  const withSex = r.people.some((p) => p.sex);
  for (const constituency of CONSTITUENCIES) {
    const people = r.people.filter((p) => p.constituency === constituency);
    if (!people.length) continue;
    out.push({ kind: 'heading', level: 2, text: both((l) => `${word(constituency, l)} (${people.length})`) });
    const orgs = new Map<string, typeof people>();
    for (const p of people) {
      const key = JSON.stringify(p.organization);
      orgs.set(key, [...(orgs.get(key) ?? []), p]);
    }
    for (const [key, members] of orgs) {
      const org = bi(JSON.parse(key) as LocalizedText);
      out.push({ kind: 'para', text: org, style: 'bold' });
      for (const p of members) {
        out.push({
          kind: 'bullet',
          text: both((l) => {
            const attendance = p.attended === true ? label('attended', l) : p.attended === false ? label('absent', l) : label('notRecorded', l);
            const sex = withSex && p.sex ? `, ${word(p.sex, l)}` : '';
            return `${p.name} (${word(p.role, l)}${sex}) — ${attendance}`;
          }),
        });
      }
    }
  }

  out.push({ kind: 'heading', level: 1, text: lbl('minutes') });
  const m = r.minutes;
  const state = both((l) => {
    const parts = [`${label('minutesState', l)}: ${word(m.status, l)}`];
    if (m.adoptedAt) parts.push(`${label('adoptedBy', l)}: ${m.adoptedBy ?? '—'}, ${formatDate(m.adoptedAt, r.timeZone, l)}`);
    return parts.join(' · ');
  });
  out.push({ kind: 'para', text: state, style: 'bold' });
  r.agenda.forEach((item, i) => {
    out.push({ kind: 'heading', level: 2, text: both((l) => `${i + 1}. ${textIn(item.title, l)}`) });
    if (item.minutes) {
      out.push(...paragraphs(item.minutes));
      out.push({ kind: 'para', text: both((l) => `${label('revision', l)} ${item.minutesRevision} · ${word(m.status, l)}`), style: 'muted' });
    } else out.push({ kind: 'para', text: lbl('noMinutes'), style: 'muted' });
    if (item.comments.length) {
      out.push({ kind: 'para', text: lbl('comments'), style: 'bold' });
      for (const c of item.comments)
        out.push({ kind: 'para', text: { en: `${c.author ?? '—'}: ${c.text}`, zh: `${c.author ?? '—'}：${c.text}` }, style: 'quote' });
    }
  });
  if (m.status === 'adopted' || m.status === 'locked') {
    out.push({ kind: 'heading', level: 2, text: lbl('objections') });
    if (!m.objections.length) out.push({ kind: 'para', text: lbl('noObjections'), style: 'muted' });
    for (const o of m.objections)
      out.push({ kind: 'para', text: { en: `${o.name ?? '—'}: ${o.statement}`, zh: `${o.name ?? '—'}：${o.statement}` }, style: 'quote' });
  }
  if (m.corrigenda.length) {
    out.push({ kind: 'heading', level: 2, text: lbl('corrigenda') });
    for (const c of m.corrigenda) {
      const under = c.agendaItemTitle;
      out.push({
        kind: 'para',
        style: 'bold',
        text: both((l) => `${label('corrigendum', l)} ${c.number}${under ? ` — ${textIn(under, l)}` : ''} (${formatDate(c.createdAt, r.timeZone, l)})`),
      });
      out.push(...paragraphs(c.text));
    }
  }

  out.push({ kind: 'heading', level: 1, text: lbl('decisions') });
  if (!r.decisions.length) out.push({ kind: 'para', text: lbl('noDecisions'), style: 'muted' });
  r.decisions.forEach((d, i) => {
    out.push({ kind: 'para', text: both((l) => `${i + 1}. ${textIn(d.text, l)}`), style: 'bold' });
    const outcome = both((l) => {
      const parts = [
        d.adoption === 'consensus' ? label('consensus', l) : `${label('adoptedByConstituencies', l)}: ${d.constituencies.map((c) => word(c, l)).join(', ')}`,
      ];
      if (d.reservations.length) parts.push(`${label('reservations', l)}: ${d.reservations.map((c) => word(c, l)).join(', ')}`);
      if (d.agendaItemTitle) parts.push(`${label('underItem', l)}: ${textIn(d.agendaItemTitle, l)}`);
      if (d.actionItemId) parts.push(label('promoted', l));
      return parts.join(' · ');
    });
    out.push({ kind: 'para', text: outcome, style: 'muted' });
  });

  out.push({ kind: 'heading', level: 1, text: lbl('commitments') });
  if (!r.commitments.length) out.push({ kind: 'para', text: lbl('noCommitments'), style: 'muted' });
  for (const c of r.commitments) {
    out.push({ kind: 'bullet', text: bi(c.title) });
    out.push({
      kind: 'para',
      style: 'muted',
      text: joinBi([
        both((l) => `${label('status', l)}: ${word(c.status, l)}`),
        both((l) => `${label('lead', l)}: ${textIn(c.leadOrganization, l)}`),
        ...(c.dueDate ? [both((l) => `${label('due', l)}: ${c.dueDate}`)] : []),
      ]),
    });
  }

  out.push(...documentsSection(r));
  return out;
}

/** The list of attached documents: whatever list the record was given. */
export function documentsSection(r: Pick<RoundtableRecord, 'documents'>): Block[] {
  const out: Block[] = [{ kind: 'heading', level: 1, text: lbl('documents') }];
  if (!r.documents.length) out.push({ kind: 'para', text: lbl('noDocuments'), style: 'muted' });
  for (const d of r.documents) {
    out.push({ kind: 'bullet', text: both((l) => `${d.name}${d.attachedTo ? ` — ${textIn(d.attachedTo, l)}` : ''}`) });
  }
  return out;
}
