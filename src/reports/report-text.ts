import type { LocalizedText } from '../common/localized-text';

export type ReportLang = 'en' | 'zh';
/** en, zh, or both side by side. */
export type ReportLanguages = ReportLang | 'both';
export const languagesOf = (lang: ReportLanguages): ReportLang[] => (lang === 'both' ? ['en', 'zh'] : [lang]);

/** The text in the language, falling back to the other one. */
export const textIn = (text: LocalizedText | null | undefined, lang: ReportLang): string =>
  (lang === 'zh' ? (text?.zh ?? text?.en) : (text?.en ?? text?.zh)) ?? '';

const LABELS = {
  record: { en: 'Official record', zh: '正式记录' },
  dateAndPlace: { en: 'Date and place', zh: '时间和地点' },
  online: { en: 'Online', zh: '线上' },
  organisers: { en: 'Organisers', zh: '组织者' },
  agenda: { en: 'Agenda', zh: '议程' },
  presentedBy: { en: 'Presented by', zh: '报告人' },
  attendance: { en: 'Attendance', zh: '出席情况' },
  attended: { en: 'attended', zh: '出席' },
  absent: { en: 'absent', zh: '缺席' },
  notRecorded: { en: 'attendance not recorded', zh: '未记录出席' },
  sex: { en: 'Sex', zh: '性别' },
  minutes: { en: 'Minutes', zh: '会议纪要' },
  noMinutes: { en: 'No minutes were written for this item.', zh: '此议题无会议纪要。' },
  revision: { en: 'Revision', zh: '版本' },
  comments: { en: 'Comments from attendees', zh: '出席者意见' },
  minutesState: { en: 'State of the minutes', zh: '纪要状态' },
  adoptedBy: { en: 'Adopted by', zh: '通过人' },
  objections: { en: 'Objections', zh: '异议' },
  noObjections: { en: 'No attendee objected.', zh: '无出席者提出异议。' },
  corrigenda: { en: 'Corrigenda', zh: '更正' },
  corrigendum: { en: 'Corrigendum', zh: '更正' },
  decisions: { en: 'Decisions', zh: '决定' },
  noDecisions: { en: 'No decisions were recorded.', zh: '未记录任何决定。' },
  consensus: { en: 'Adopted by consensus', zh: '协商一致通过' },
  adoptedByConstituencies: { en: 'Adopted by', zh: '通过方' },
  reservations: { en: 'Reservations', zh: '保留意见' },
  underItem: { en: 'Agenda item', zh: '议题' },
  promoted: { en: 'Made a commitment', zh: '已转为承诺' },
  commitments: { en: 'Commitments promoted', zh: '转化的承诺' },
  noCommitments: { en: 'No decision has been made a commitment yet.', zh: '尚无决定转为承诺。' },
  lead: { en: 'Lead', zh: '牵头单位' },
  due: { en: 'Due', zh: '截止' },
  documents: { en: 'Attached documents', zh: '附件' },
  noDocuments: { en: 'No documents are attached.', zh: '无附件。' },
  page: { en: 'Page', zh: '页' },
  of: { en: 'of', zh: '/' },
  roadmapReport: { en: 'Progress report', zh: '进展报告' },
  summary: { en: 'Summary', zh: '摘要' },
  status: { en: 'Status', zh: '状态' },
  completion: { en: 'Completion', zh: '完成度' },
  consensusState: { en: 'Consensus', zh: '共识' },
  indicators: { en: 'Indicators', zh: '指标' },
  noIndicators: { en: 'No indicator is linked.', zh: '未关联指标。' },
  commitmentsCount: { en: 'Commitments', zh: '承诺数' },
  period: { en: 'Period', zh: '期间' },
  consultations: { en: 'Tripartite consultations (ILO Convention No. 144)', zh: '三方协商（国际劳工组织第144号公约）' },
  meetingsHeld: { en: 'Meetings held', zh: '举行的会议' },
  noMeetings: { en: 'No meeting was held in this year.', zh: '本年度未举行会议。' },
  topics: { en: 'Topics', zh: '议题' },
  represented: { en: 'Organizations represented', zh: '出席的组织' },
  balance: { en: 'Tripartite balance', zh: '三方平衡' },
  womenShare: { en: "Women's share", zh: '女性比例' },
  notStated: { en: 'not stated', zh: '未说明' },
  belowTarget: { en: 'below the ILO minimum of 30%', zh: '低于国际劳工组织30%的最低目标' },
  votes: { en: 'Votes', zh: '表决' },
  noVotes: { en: 'No vote was held.', zh: '未进行表决。' },
  adoptedVote: { en: 'adopted', zh: '通过' },
  notAdoptedVote: { en: 'not adopted', zh: '未通过' },
  tripartiteMeetings: { en: 'Meetings with all three constituents', zh: '三方均出席的会议' },
  organizationsCount: { en: 'Organizations represented', zh: '出席组织数' },
  votesCount: { en: 'Votes held (adopted)', zh: '表决次数（通过）' },
  commitmentsOut: { en: 'Commitments that came out of it', zh: '由此产生的承诺' },
} as const satisfies Record<string, { en: string; zh: string }>;

export type LabelKey = keyof typeof LABELS;
export const label = (key: LabelKey, lang: ReportLang): string => LABELS[key][lang];

const WORDS: Record<string, { en: string; zh: string }> = {
  government: { en: 'Government', zh: '政府' },
  employers: { en: 'Employers', zh: '雇主' },
  workers: { en: 'Workers', zh: '工人' },
  park_management: { en: 'Park management', zh: '园区管理' },
  civil_society: { en: 'Civil society', zh: '民间社会' },
  academia: { en: 'Academia', zh: '学术界' },
  international: { en: 'International', zh: '国际组织' },
  facilitator: { en: 'facilitator', zh: '主持人' },
  participant: { en: 'participant', zh: '参与者' },
  observer: { en: 'observer', zh: '观察员' },
  draft: { en: 'Draft', zh: '草稿' },
  circulated: { en: 'Circulated for comment', zh: '已分发征求意见' },
  adopted: { en: 'Adopted', zh: '已通过' },
  locked: { en: 'Adopted and locked', zh: '已通过并锁定' },
  proposed: { en: 'Proposed', zh: '提议' },
  agreed: { en: 'Agreed', zh: '已商定' },
  in_progress: { en: 'In progress', zh: '进行中' },
  delayed: { en: 'Delayed', zh: '延迟' },
  completed: { en: 'Completed', zh: '已完成' },
  dropped: { en: 'Dropped', zh: '已放弃' },
  balanced: { en: 'balanced', zh: '平衡' },
  unbalanced: { en: 'unbalanced', zh: '不平衡' },
  missing: { en: 'a constituent missing', zh: '缺少一方' },
  planned: { en: 'Planned', zh: '计划中' },
  open: { en: 'Open', zh: '进行中' },
  concluded: { en: 'Concluded', zh: '已结束' },
  female: { en: 'female', zh: '女' },
  male: { en: 'male', zh: '男' },
};

/** A catalogue word (constituency, role, status) in the language; unknown words as they are. */
export const word = (value: string, lang: ReportLang): string => WORDS[value]?.[lang] ?? value.replace(/_/g, ' ');

/** "UTC+8" for the zone at that moment. */
export function utcOffset(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  const offset = part?.value.replace('GMT', '') ?? '';
  return `UTC${offset}`;
}

/** The city a zone is named after (Asia/Shanghai → Shanghai). */
export const zoneCity = (timeZone: string) => (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');

/** "10 March 2027, 09:00–16:00 Suzhou (UTC+8)": in the venue's zone, with the zone named. */
export function formatSpan(start: Date, end: Date | null, timeZone: string, city: string | null, lang: ReportLang): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const zone = `${city ?? zoneCity(timeZone)} (${utcOffset(start, timeZone)})`;
  const sameDay = end && day.format(start) === day.format(end);
  const span = !end
    ? time.format(start)
    : sameDay
      ? `${time.format(start)}–${time.format(end)}`
      : `${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
  return `${day.format(start)}, ${span} ${zone}`;
}

/** "09:00–10:30" in the venue's zone. */
export function formatTimes(start: Date, end: Date | null, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return end ? `${time.format(start)}–${time.format(end)}` : time.format(start);
}

export function formatDate(at: Date, timeZone: string, lang: ReportLang): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone, dateStyle: 'long' }).format(at);
}
