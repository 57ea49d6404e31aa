// npm run bench:record — the official record's report half: the PDF and the Word file of a roundtable with
// BENCH_PARTICIPANTS participants (300), BENCH_AGENDA agenda items (50) and BENCH_DECISIONS decisions (100), in
// both languages side by side. It renders a synthetic record through the built report code (dist/src/reports), so
// the times are those of laying out and encoding the documents (fonts subset and embedded), without the database
// reads and the HTTP response around them. Goal: each ≤ 2 s.
//
//   BENCH_RUNS (3)  renderings of each, after one warm-up; the median and the worst are reported.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { roundtableBlocks } = require('../dist/src/reports/blocks.js');
const { renderPdf } = require('../dist/src/reports/render-pdf.js');
const { renderDocx } = require('../dist/src/reports/render-docx.js');

const env = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const PARTICIPANTS = env('BENCH_PARTICIPANTS', 300);
const AGENDA = env('BENCH_AGENDA', 50);
const DECISIONS = env('BENCH_DECISIONS', 100);
const RUNS = env('BENCH_RUNS', 3);
const CONSTITUENCIES = ['government', 'employers', 'workers', 'park_management', 'civil_society', 'academia', 'international'];

const minutesEn = (i) =>
  `The meeting discussed item ${i}: training needs for green jobs in eco-industrial parks, wages, and occupational safety.\n` +
  'The workers asked for a wage floor; the employers asked for time to adapt; the government proposed a pilot in two parks.';
const minutesZh = (i) =>
  `会议讨论了第 ${i} 项议题：生态工业园区绿色岗位的培训需求、工资和职业安全。\n工人方面要求设定最低工资；雇主方面要求适应期；政府提议在两个园区试点。`;

const start = new Date('2027-03-10T01:00:00Z');
const record = {
  id: 'bench',
  title: { en: 'Green Jobs in Eco-Industrial Parks (Suzhou)', zh: '生态工业园区的绿色就业（苏州）' },
  description: { en: 'Social dialogue on green jobs.', zh: '关于绿色就业的社会对话。' },
  startsAt: start,
  endsAt: new Date(start.getTime() + 8 * 3_600_000),
  timeZone: 'Asia/Shanghai',
  place: { city: 'Suzhou', venue: 'SIP Conference Centre', online: false, url: null },
  status: 'concluded',
  organisers: ['Fei Facilitator', 'Li Organiser'],
  people: Array.from({ length: PARTICIPANTS }, (_, i) => ({
    name: `Participant ${i + 1} 参会者${i + 1}`,
    role: i < 3 ? 'facilitator' : i % 10 === 0 ? 'observer' : 'participant',
    attended: i % 7 === 0 ? false : true,
    organization: { en: `Organization ${i % 40}`, zh: `组织 ${i % 40}` },
    constituency: CONSTITUENCIES[i % CONSTITUENCIES.length],
  })),
  agenda: Array.from({ length: AGENDA }, (_, i) => ({
    id: `item-${i}`,
    title: { en: `Agenda item ${i + 1}: green skills and decent work`, zh: `第 ${i + 1} 项议题：绿色技能与体面劳动` },
    presenter: `Presenter ${i + 1}`,
    startsAt: new Date(start.getTime() + i * 600_000),
    endsAt: new Date(start.getTime() + (i + 1) * 600_000),
    minutes: { en: minutesEn(i + 1), zh: minutesZh(i + 1) },
    minutesRevision: 2,
    comments: i % 5 === 0 ? [{ author: 'Wang Union', text: 'Please record the wage floor we proposed.', createdAt: start }] : [],
  })),
  minutes: {
    status: 'adopted',
    commentDeadline: start,
    adoptedAt: start,
    adoptedBy: 'Fei Facilitator',
    lockedAt: null,
    objections: [{ name: 'Emma Employer', statement: 'The employers reserve their position on wages.' }],
    corrigenda: [{ number: 1, agendaItemTitle: null, text: { en: 'The meeting closed at 17:00.', zh: '会议于17:00闭幕。' }, createdAt: start }],
  },
  decisions: Array.from({ length: DECISIONS }, (_, i) => ({
    text: { en: `Decision ${i + 1}: train green-skills trainers in the parks by 2028.`, zh: `决定 ${i + 1}：到2028年在园区培训绿色技能培训师。` },
    adoption: i % 3 === 0 ? 'constituencies' : 'consensus',
    constituencies: i % 3 === 0 ? ['government', 'workers'] : [],
    reservations: i % 3 === 0 ? ['employers'] : [],
    agendaItemTitle: { en: `Agenda item ${(i % AGENDA) + 1}`, zh: `第 ${(i % AGENDA) + 1} 项议题` },
    actionItemId: null,
  })),
  commitments: [],
  documents: [],
};

async function time(label, render) {
  await render(); // warm-up: fonts read and parsed once per process
  const times = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const body = await render();
    times.push(performance.now() - t0);
    size = body.length;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const worst = times[times.length - 1];
  console.log(
    `${label.padEnd(28)} median ${(median / 1000).toFixed(2)} s  worst ${(worst / 1000).toFixed(2)} s  ${(size / 1024).toFixed(0)} kB  ${worst <= 2000 ? 'within' : 'OVER'} the 2 s goal`,
  );
}

console.log(`record of ${PARTICIPANTS} participants, ${AGENDA} agenda items, ${DECISIONS} decisions, both languages; ${RUNS} runs after a warm-up`);
await time('PDF (lang=both)', () => renderPdf(roundtableBlocks(record), 'both', { title: record.title.en }));
await time('DOCX (lang=both)', () => renderDocx(roundtableBlocks(record), 'both', { title: record.title.en }));
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
