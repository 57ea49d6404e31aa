import type { LocalizedText } from '../common/localized-text';
import { type Block, bi, both, lbl } from './blocks';
import { label, textIn, word } from './report-text';

/** A commitment as the progress report shows it, with its indicators' baselines, latest values and targets. */
export interface ReportCommitment {
  title: LocalizedText;
  status: string;
  progress: number;
  completionLevel: string;
  consensus: string;
  dueDate: string | null;
  leadOrganization: LocalizedText;
  indicators: {
    name: LocalizedText;
    code: string;
    unit: string;
    baseline: { value: number; date: string };
    target: { value: number; date: string };
    latest: { value: number; period: string } | null;
    trajectory: string;
  }[];
}

export interface RoadmapReport {
  title: LocalizedText;
  description: LocalizedText;
  periodStart: number;
  periodEnd: number;
  owner: LocalizedText;
  commitments: ReportCommitment[];
}

const count = (items: ReportCommitment[], key: 'status' | 'completionLevel' | 'consensus') => {
  const out = new Map<string, number>();
  for (const item of items) out.set(item[key], (out.get(item[key]) ?? 0) + 1);
  return [...out];
};

/** The donors' progress report: a summary page, then each commitment with a chart of each indicator's trajectory. */
export function roadmapBlocks(r: RoadmapReport): Block[] {
  const out: Block[] = [{ kind: 'title', text: bi(r.title), subtitle: lbl('roadmapReport') }];
  out.push({ kind: 'para', text: both((l) => `${label('period', l)}: ${r.periodStart}–${r.periodEnd} · ${textIn(r.owner, l)}`), style: 'muted' });
  if (r.description.en || r.description.zh) out.push({ kind: 'para', text: bi(r.description) });
  out.push({ kind: 'heading', level: 1, text: lbl('summary') });
  out.push({ kind: 'para', text: both((l) => `${label('commitmentsCount', l)}: ${r.commitments.length}`), style: 'bold' });
  const average = r.commitments.length ? Math.round(r.commitments.reduce((sum, c) => sum + c.progress, 0) / r.commitments.length) : 0;
  out.push({ kind: 'para', text: both((l) => `${label('completion', l)}: ${average}%`) });
  for (const [key, heading] of [
    ['status', 'status'],
    ['completionLevel', 'completion'],
    ['consensus', 'consensusState'],
  ] as const) {
    out.push({ kind: 'heading', level: 2, text: lbl(heading) });
    for (const [value, n] of count(r.commitments, key)) out.push({ kind: 'bullet', text: both((l) => `${word(value, l)}: ${n}`) });
  }
  out.push({ kind: 'pageBreak' });
  out.push({ kind: 'heading', level: 1, text: lbl('commitments') });
  r.commitments.forEach((c, i) => {
    out.push({ kind: 'heading', level: 2, text: both((l) => `${i + 1}. ${textIn(c.title, l)}`) });
    out.push({
      kind: 'para',
      style: 'muted',
      text: both((l) =>
        [
          `${label('status', l)}: ${word(c.status, l)}`,
          `${label('completion', l)}: ${c.progress}% (${word(c.completionLevel, l)})`,
          `${label('consensusState', l)}: ${word(c.consensus, l)}`,
          `${label('lead', l)}: ${textIn(c.leadOrganization, l)}`,
          ...(c.dueDate ? [`${label('due', l)}: ${c.dueDate}`] : []),
        ].join(' · '),
      ),
    });
    if (!c.indicators.length) out.push({ kind: 'para', text: lbl('noIndicators'), style: 'muted' });
    for (const ind of c.indicators) {
      const points = [
        { label: ind.baseline.date.slice(0, 7), value: ind.baseline.value },
        ...(ind.latest ? [{ label: ind.latest.period, value: ind.latest.value }] : []),
      ];
      out.push({
        kind: 'chart',
        title: both((l) => `${ind.code} · ${textIn(ind.name, l)} (${ind.unit}) — ${word(ind.trajectory, l)}`),
        points,
        target: ind.target.value,
        unit: ind.unit,
      });
    }
  });
  return out;
}
