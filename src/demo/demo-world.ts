import type { LocalizedText } from '../common/localized-text';
import type { Constituency } from '../organizations/entities/organization.entity';
import type { ActionItemStatus, PolicyArea, Priority, Stance } from '../shared/enums';

/**
 * The story the demo tells: the 2019 social dialogue round tables on green jobs in Beijing and Suzhou, the working
 * group they formed, and the roadmap for supporting green jobs in Jiangsu followed from 2020 to 2025.
 * People are named by email, organizations by their key in demo-data.ts. Times are UTC (Beijing is UTC+8).
 */

export interface DemoAgendaItem {
  title: LocalizedText;
  presenter?: string;
  presenterName?: string;
  startsAt: string;
  endsAt: string;
  minutes?: LocalizedText;
}

export interface DemoDecision {
  key: string;
  text: LocalizedText;
  constituencies?: Constituency[];
}

export interface DemoRoundtable {
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  startsAt: string;
  endsAt: string;
  /** The venue's IANA time zone; all demo meetings are in China. */
  timeZone?: string;
  location: { city?: string; venue?: string; online: boolean; url?: string };
  status: 'planned' | 'open' | 'concluded';
  visibility: 'platform' | 'participants';
  /** email → [roundtable role, attended] */
  participants: Record<string, ['facilitator' | 'participant' | 'observer', boolean | null]>;
  agenda: DemoAgendaItem[];
  decisions: DemoDecision[];
}

const day1 = (h: number, m = 0) => `2019-12-02T${String(h - 8).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
const day4 = (h: number, m = 0) => `2019-12-05T${String(h - 8).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;

export const DEMO_ROUNDTABLES: DemoRoundtable[] = [
  {
    key: 'beijing',
    title: { en: 'Social Dialogue Round Table on Green Jobs (Beijing)', zh: '绿色就业社会对话圆桌会议（北京）' },
    description: {
      en: 'Government, employers and workers discuss green employment policies and agree to prepare a roadmap for supporting green jobs in Jiangsu.',
      zh: '政府、雇主和工人代表讨论绿色就业政策，同意为江苏制定支持绿色就业的路线图。',
    },
    startsAt: day1(9),
    endsAt: day1(17, 30),
    location: { city: 'Beijing', venue: 'Ministry of Human Resources and Social Security', online: false },
    status: 'concluded',
    visibility: 'platform',
    participants: {
      'facilitator@greentable.demo': ['facilitator', true],
      'ministry@greentable.demo': ['facilitator', true],
      'xu.ming@greentable.demo': ['participant', true],
      'government@greentable.demo': ['participant', true],
      'li.na@greentable.demo': ['participant', true],
      'union@greentable.demo': ['participant', true],
      'huang.lei@greentable.demo': ['participant', true],
      'employer@greentable.demo': ['participant', true],
      'zhao.qing@greentable.demo': ['participant', true],
      'observer@greentable.demo': ['observer', true],
    },
    agenda: [
      { title: { en: 'Opening and objectives', zh: '开幕及会议目标' }, presenter: 'ministry@greentable.demo', startsAt: day1(9), endsAt: day1(9, 30) },
      {
        title: { en: 'Green employment policies in China', zh: '中国绿色就业政策' },
        presenter: 'xu.ming@greentable.demo',
        startsAt: day1(9, 30),
        endsAt: day1(10, 30),
        minutes: {
          en: 'The ministry presented employment policies under the 13th Five-Year Plan. Participants noted that green jobs are not yet measured in official statistics.',
          zh: '人社部介绍了“十三五”规划下的就业政策。与会者指出，绿色就业尚未纳入官方统计。',
        },
      },
      {
        title: { en: 'The ILO Guidelines for a just transition', zh: '国际劳工组织公正转型指南' },
        presenter: 'facilitator@greentable.demo',
        startsAt: day1(10, 45),
        endsAt: day1(11, 45),
        minutes: {
          en: 'ILO presented the nine policy areas of the 2015 Guidelines. Trade unions asked that social dialogue be built into every measure.',
          zh: '国际劳工组织介绍了2015年指南的九个政策领域。工会要求在每项措施中纳入社会对话。',
        },
      },
      {
        title: { en: 'Views of workers and employers', zh: '工人和雇主的观点' },
        presenterName: 'Li Na (ACFTU), Huang Lei (CEC)',
        startsAt: day1(13, 30),
        endsAt: day1(15),
        minutes: {
          en: 'ACFTU stressed skills and social protection for workers in polluting industries. CEC stressed the costs for small firms and asked for a phased approach.',
          zh: '全国总工会强调污染行业工人的技能和社会保护。中国企业联合会强调小企业的成本，要求分阶段实施。',
        },
      },
      {
        title: { en: 'Towards a roadmap for green jobs', zh: '制定绿色就业路线图' },
        presenter: 'facilitator@greentable.demo',
        startsAt: day1(15, 15),
        endsAt: day1(17),
        minutes: {
          en: 'Agreement to draft a roadmap with commitments tied to indicators, for adoption in Suzhou.',
          zh: '同意起草与指标挂钩的承诺路线图，提交苏州会议通过。',
        },
      },
    ],
    decisions: [
      {
        key: 'draft-roadmap',
        text: {
          en: 'Prepare a roadmap for supporting green jobs in Jiangsu eco-industrial parks, for adoption at the Suzhou round table.',
          zh: '为江苏生态工业园区制定支持绿色就业的路线图，提交苏州圆桌会议通过。',
        },
      },
      {
        key: 'baseline',
        text: { en: 'Collect baseline data on green jobs and social indicators in pilot parks.', zh: '在试点园区收集绿色就业和社会指标基线数据。' },
      },
    ],
  },
  {
    key: 'suzhou',
    title: { en: 'Social Dialogue Round Table on Green Jobs in Eco-Industrial Parks (Suzhou)', zh: '生态工业园区绿色就业社会对话圆桌会议（苏州）' },
    description: {
      en: 'Park managers, government, employers, workers and academia adopt the roadmap for supporting green jobs and form a working group with local government experts.',
      zh: '园区管理者、政府、雇主、工人和学术界通过支持绿色就业路线图，并与地方政府专家组成工作组。',
    },
    startsAt: day4(9),
    endsAt: day4(17, 30),
    location: { city: 'Suzhou', venue: 'Suzhou Industrial Park', online: false },
    status: 'concluded',
    visibility: 'platform',
    participants: {
      'facilitator@greentable.demo': ['facilitator', true],
      'ministry@greentable.demo': ['facilitator', true],
      'government@greentable.demo': ['participant', true],
      'park@greentable.demo': ['participant', true],
      'union@greentable.demo': ['participant', true],
      'li.na@greentable.demo': ['participant', false],
      'employer@greentable.demo': ['participant', true],
      'chen.yu@greentable.demo': ['participant', true],
      'huang.lei@greentable.demo': ['participant', true],
      'gao.jie@greentable.demo': ['participant', true],
      'observer@greentable.demo': ['observer', true],
      'anna.berg@greentable.demo': ['observer', true],
    },
    agenda: [
      {
        title: { en: 'Social performance of eco-industrial parks: the UNIDO toolbox', zh: '生态工业园区的社会绩效：工发组织工具箱' },
        presenterName: 'UNIDO',
        startsAt: day4(9),
        endsAt: day4(10),
        minutes: {
          en: 'Suzhou leads the green transition, but social aspects (gender equality, the role of trade unions, local employment) lag behind economic and environmental ones.',
          zh: '苏州在绿色转型中领先，但社会方面（性别平等、工会作用、本地就业）落后于经济和环境方面。',
        },
      },
      {
        title: { en: 'Employment and social security in Suzhou Industrial Park', zh: '苏州工业园区的就业与社会保障' },
        presenter: 'park@greentable.demo',
        startsAt: day4(10, 15),
        endsAt: day4(11, 15),
        minutes: {
          en: 'The park reported about 800,000 jobs and asked for help to measure green jobs among them.',
          zh: '园区报告约80万个就业岗位，希望获得帮助以统计其中的绿色就业。',
        },
      },
      {
        title: { en: 'Circular business models in textiles and garments', zh: '纺织服装业的循环商业模式' },
        presenter: 'chen.yu@greentable.demo',
        startsAt: day4(13, 30),
        endsAt: day4(14, 30),
        minutes: {
          en: 'Re-use and recycling pathways can create jobs; job quality in recycling needs attention.',
          zh: '再利用和回收途径可以创造就业，但回收行业的就业质量需要关注。',
        },
      },
      {
        title: { en: 'Adoption of the roadmap for supporting green jobs', zh: '通过支持绿色就业路线图' },
        presenter: 'facilitator@greentable.demo',
        startsAt: day4(14, 45),
        endsAt: day4(16),
        minutes: {
          en: 'The roadmap 2020–2025 was adopted. Workers were under-represented in the afternoon session; the facilitator noted it for the next meeting.',
          zh: '通过了2020–2025年路线图。下午会议中工人代表不足，主持人已记录并将在下次会议中改进。',
        },
      },
      { title: { en: 'Forming the working group', zh: '成立工作组' }, presenter: 'ministry@greentable.demo', startsAt: day4(16, 15), endsAt: day4(17) },
    ],
    decisions: [
      {
        key: 'adopt-roadmap',
        text: { en: 'Adopt the roadmap for supporting green jobs in Jiangsu 2020–2025.', zh: '通过2020–2025年江苏支持绿色就业路线图。' },
      },
      {
        key: 'working-group',
        text: { en: 'Form a working group on green jobs with local government experts.', zh: '与地方政府专家组成绿色就业工作组。' },
        constituencies: ['government', 'employers', 'workers'],
      },
      {
        key: 'union-representation',
        text: { en: 'Strengthen the role of trade unions in park management committees.', zh: '加强工会在园区管理委员会中的作用。' },
        constituencies: ['government', 'workers'],
      },
      { key: 'sip-training', text: { en: 'Pilot green-skills training in Suzhou Industrial Park.', zh: '在苏州工业园区试点绿色技能培训。' } },
    ],
  },
  {
    key: 'review-2025',
    title: { en: 'Annual tripartite review of the roadmap, 2025, in Suzhou', zh: '2025年路线图年度三方审查会议，苏州' },
    description: {
      en: 'The constituents review the roadmap a year before it ends, with the working conditions of recycling workers first on the agenda.',
      zh: '各方在路线图结束前一年进行审查，首先讨论回收工人的工作条件。',
    },
    startsAt: '2025-11-20T01:00:00Z',
    endsAt: '2025-11-20T09:00:00Z',
    timeZone: 'Asia/Shanghai',
    location: { city: 'Suzhou', venue: 'Suzhou Industrial Park', online: false },
    status: 'concluded',
    visibility: 'platform',
    participants: {
      'facilitator@greentable.demo': ['facilitator', true],
      'ministry@greentable.demo': ['facilitator', true],
      'government@greentable.demo': ['participant', true],
      'union@greentable.demo': ['participant', true],
      'employer@greentable.demo': ['participant', true],
      'park@greentable.demo': ['participant', true],
    },
    agenda: [
      {
        title: { en: 'Working conditions in recycling and remanufacturing', zh: '回收和再制造行业的工作条件' },
        presenter: 'union@greentable.demo',
        startsAt: '2025-11-20T01:00:00Z',
        endsAt: '2025-11-20T03:00:00Z',
        minutes: {
          en: 'Injury rates at recycling sites fell but remain above the park average. Employers asked for time for small recyclers.',
          zh: '回收场所的工伤率有所下降，但仍高于园区平均水平。雇主要求给小型回收企业更多时间。',
        },
      },
    ],
    decisions: [
      {
        key: 'recycling-safety',
        text: {
          en: 'Phase in the safety standard for recycling sites over two years, with joint union–employer inspections from 2026.',
          zh: '回收场所安全标准分两年逐步实施，自2026年起由工会和雇主联合开展安全检查。',
        },
        constituencies: ['government', 'employers', 'workers'],
      },
    ],
  },
  {
    key: 'textiles-online',
    title: { en: 'Online consultation: a just transition in textile parks', zh: '在线磋商：纺织园区的公正转型' },
    description: {
      en: 'A two-week online consultation with the textile sector on recycling jobs and skills.',
      zh: '与纺织行业就回收就业和技能开展为期两周的在线磋商。',
    },
    startsAt: '2026-11-16T01:00:00Z',
    endsAt: '2026-12-04T09:00:00Z',
    location: { online: true, url: 'https://meet.example.org/textiles' },
    status: 'open',
    visibility: 'platform',
    participants: {
      'facilitator@greentable.demo': ['facilitator', null],
      'government@greentable.demo': ['participant', null],
      'union@greentable.demo': ['participant', null],
      'li.na@greentable.demo': ['participant', null],
      'employer@greentable.demo': ['participant', null],
      'chen.yu@greentable.demo': ['participant', null],
    },
    agenda: [
      {
        title: { en: 'Jobs in textile recycling', zh: '纺织品回收中的就业' },
        presenter: 'chen.yu@greentable.demo',
        startsAt: '2026-11-16T02:00:00Z',
        endsAt: '2026-11-16T03:00:00Z',
      },
    ],
    decisions: [],
  },
  {
    key: 'midterm',
    title: { en: 'Mid-term review of the green jobs roadmap (Nanjing)', zh: '绿色就业路线图中期评估（南京）' },
    description: {
      en: 'The working group reports on the roadmap; constituents agree on the commitments for 2026–2030.',
      zh: '工作组汇报路线图进展；各方商定2026–2030年的承诺。',
    },
    startsAt: '2027-03-16T01:00:00Z',
    endsAt: '2027-03-17T09:00:00Z',
    location: { city: 'Nanjing', venue: 'Jiangsu Department of Human Resources and Social Security', online: false },
    status: 'planned',
    visibility: 'participants',
    participants: {
      'facilitator@greentable.demo': ['facilitator', null],
      'ministry@greentable.demo': ['facilitator', null],
      'government@greentable.demo': ['participant', null],
      'union@greentable.demo': ['participant', null],
      'employer@greentable.demo': ['participant', null],
      'park@greentable.demo': ['participant', null],
    },
    agenda: [],
    decisions: [],
  },
];

export const DEMO_WORKING_GROUP = {
  name: { en: 'Jiangsu Working Group on Green Jobs', zh: '江苏绿色就业工作组' },
  mandate: {
    en: 'Follow the roadmap adopted in Suzhou, advise on green-jobs policy, and review the parks’ social indicators every year.',
    zh: '跟进苏州通过的路线图，就绿色就业政策提供建议，每年审查园区社会指标。',
  },
  chair: 'government@greentable.demo',
  formedBy: 'suzhou',
  members: [
    'government@greentable.demo',
    'xu.ming@greentable.demo',
    'union@greentable.demo',
    'employer@greentable.demo',
    'park@greentable.demo',
    'gao.jie@greentable.demo',
  ],
};

export const DEMO_ROADMAP = {
  title: { en: 'Roadmap for supporting green jobs in Jiangsu (2020–2025)', zh: '江苏支持绿色就业路线图（2020–2025）' },
  description: {
    en: 'Adopted at the Suzhou round table in December 2019. Commitments across the policy areas of the ILO Guidelines for a just transition, each tied to indicators.',
    zh: '2019年12月苏州圆桌会议通过。涵盖国际劳工组织公正转型指南各政策领域的承诺，每项承诺均与指标挂钩。',
  },
  owner: 'jshrss',
  periodStart: 2020,
  periodEnd: 2025,
};

export interface DemoCommitment {
  title: LocalizedText;
  policyArea: PolicyArea;
  lead: string;
  supporters?: string[];
  workingGroup?: boolean;
  dueDate: string;
  priority: Priority;
  /** The path it took, in order, from proposed. */
  path: ActionItemStatus[];
  reason?: string;
  progress?: number;
  /** [title, done] */
  milestones?: [LocalizedText, boolean][];
  /** organization key → [stance, statement] */
  positions?: Record<string, [Stance, string]>;
  origin?: { roundtable: string; decision: string };
}

export const DEMO_COMMITMENTS: DemoCommitment[] = [
  {
    title: { en: 'Green-skills training for workers in Suzhou Industrial Park', zh: '苏州工业园区工人绿色技能培训' },
    policyArea: 'skills',
    lead: 'sipac',
    supporters: ['jsftu', 'jsec', 'jshrss'],
    workingGroup: true,
    dueDate: '2022-12-31',
    priority: 'high',
    path: ['agreed', 'in_progress', 'completed'],
    milestones: [
      [{ en: 'Curriculum agreed with unions and employers', zh: '与工会和雇主商定课程' }, true],
      [{ en: 'First 1,000 workers trained', zh: '首批1000名工人完成培训' }, true],
      [{ en: 'Evaluation published', zh: '发布评估报告' }, true],
    ],
    positions: { jshrss: ['support', ''], jsftu: ['support', 'Training must count towards wage grades.'], jsec: ['support', ''] },
    origin: { roundtable: 'suzhou', decision: 'sip-training' },
  },
  {
    title: { en: 'Trade union representation in park management committees', zh: '工会参与园区管理委员会' },
    policyArea: 'social_dialogue_tripartism',
    lead: 'jsftu',
    supporters: ['jshrss'],
    workingGroup: true,
    dueDate: '2023-06-30',
    priority: 'high',
    path: ['agreed', 'in_progress'],
    milestones: [
      [{ en: 'Model rules drafted', zh: '起草示范规则' }, true],
      [{ en: 'Pilot in Suzhou Industrial Park', zh: '在苏州工业园区试点' }, true],
      [{ en: 'Extended to national parks', zh: '推广至国家级园区' }, false],
      [{ en: 'Extended to provincial parks', zh: '推广至省级园区' }, false],
    ],
    positions: {
      jsftu: ['support', '工会必须在园区决策中有发言权。'],
      jshrss: ['support_with_reservations', 'Start with national-level parks.'],
      jsec: ['abstain', ''],
    },
    origin: { roundtable: 'suzhou', decision: 'union-representation' },
  },
  {
    title: { en: 'Baseline survey of green jobs and social indicators in pilot parks', zh: '试点园区绿色就业和社会指标基线调查' },
    policyArea: 'macroeconomic_growth',
    lead: 'nju',
    supporters: ['jshrss', 'sipac'],
    workingGroup: true,
    dueDate: '2020-12-31',
    priority: 'high',
    path: ['agreed', 'in_progress', 'completed'],
    progress: 100,
    positions: { jshrss: ['support', ''], jsftu: ['support', ''], jsec: ['support', ''] },
    origin: { roundtable: 'beijing', decision: 'baseline' },
  },
  {
    title: { en: 'Safety standards for recycling and remanufacturing workers', zh: '回收和再制造工人的安全标准' },
    policyArea: 'occupational_safety_health',
    lead: 'jshrss',
    supporters: ['jsftu'],
    dueDate: '2024-06-30',
    priority: 'high',
    path: ['agreed', 'in_progress'],
    milestones: [
      [{ en: 'Risk assessment of recycling sites', zh: '回收场所风险评估' }, true],
      [{ en: 'Standard drafted', zh: '起草标准' }, false],
      [{ en: 'Inspections started', zh: '开始检查' }, false],
    ],
    positions: {
      jsftu: ['support', 'Injury rates in recycling are far above the park average.'],
      jsec: ['oppose', 'Compliance costs for small recyclers must be phased in.'],
      jshrss: ['support', ''],
    },
  },
  {
    title: { en: 'Social insurance for all workers in eco-industrial parks', zh: '生态工业园区全体工人参加社会保险' },
    policyArea: 'social_protection',
    lead: 'jshrss',
    dueDate: '2025-12-31',
    priority: 'medium',
    path: ['agreed', 'in_progress'],
    progress: 60,
    positions: { jshrss: ['support', ''], jsftu: ['support', ''], jsec: ['support', ''] },
  },
  {
    title: { en: 'Grievance mechanisms for workers and communities in every provincial park', zh: '每个省级园区建立面向工人和社区的申诉机制' },
    policyArea: 'rights',
    lead: 'jshrss',
    supporters: ['jsftu'],
    dueDate: '2024-12-31',
    priority: 'medium',
    path: ['agreed', 'in_progress', 'delayed'],
    reason: 'Waiting for the provincial regulation on park management.',
    progress: 35,
    positions: { jsftu: ['support', ''], jsec: ['support_with_reservations', 'One mechanism per park, not per firm.'], jshrss: ['support', ''] },
  },
  {
    title: { en: 'Circular business models in the textile and garment sector', zh: '纺织服装行业的循环商业模式' },
    policyArea: 'enterprise',
    lead: 'cntac',
    supporters: ['jsec'],
    dueDate: '2023-12-31',
    priority: 'medium',
    path: ['agreed', 'in_progress', 'completed'],
    milestones: [
      [{ en: 'Recycling pathways mapped', zh: '绘制回收路径' }, true],
      [{ en: 'Ten firms piloting re-use', zh: '十家企业试点再利用' }, true],
    ],
    positions: { jsec: ['support', ''], jsftu: ['support_with_reservations', 'Job quality in recycling must be monitored.'], jshrss: ['support', ''] },
  },
  {
    title: { en: 'Re-employment services for workers from phased-out chemical plants', zh: '为淘汰化工企业工人提供再就业服务' },
    policyArea: 'active_labour_market',
    lead: 'jshrss',
    supporters: ['jsftu'],
    dueDate: '2025-06-30',
    priority: 'high',
    path: ['agreed', 'in_progress'],
    milestones: [
      [{ en: 'Registry of affected workers', zh: '受影响工人登记' }, true],
      [{ en: 'Job-matching centres open', zh: '就业匹配中心开放' }, true],
      [{ en: 'Retraining vouchers', zh: '再培训券' }, false],
    ],
    positions: { jsftu: ['support', ''], jsec: ['support', ''], jshrss: ['support', ''] },
  },
  {
    title: { en: "Women's share of at least 40% in green-skills programmes", zh: '绿色技能项目中女性比例不低于40%' },
    policyArea: 'skills',
    lead: 'jsftu',
    supporters: ['sipac'],
    dueDate: '2025-12-31',
    priority: 'medium',
    path: ['agreed', 'in_progress'],
    progress: 45,
    positions: { jsftu: ['support', ''], jshrss: ['support', ''] },
  },
  {
    title: { en: 'Collective agreements with green clauses in pilot parks', zh: '试点园区签订含绿色条款的集体合同' },
    policyArea: 'social_dialogue_tripartism',
    lead: 'jsftu',
    supporters: ['jsec'],
    workingGroup: true,
    dueDate: '2025-12-31',
    priority: 'medium',
    path: ['agreed'],
    positions: { jsftu: ['support', ''], jsec: ['support_with_reservations', 'Voluntary at first.'], jshrss: ['support', ''] },
  },
  {
    title: { en: 'Green investment incentives linked to job creation', zh: '与创造就业挂钩的绿色投资激励' },
    policyArea: 'macroeconomic_growth',
    lead: 'mohrss',
    dueDate: '2024-12-31',
    priority: 'low',
    path: ['dropped'],
    reason: 'Merged into the provincial 14th Five-Year green finance plan.',
    positions: { jsec: ['support', ''], jsftu: ['abstain', ''] },
  },
  {
    title: { en: 'Employment impact assessment in green upgrading plans of national parks', zh: '国家级园区绿色升级规划中的就业影响评估' },
    policyArea: 'industrial_sectoral',
    lead: 'sipac',
    supporters: ['nju'],
    dueDate: '2025-09-30',
    priority: 'medium',
    path: ['agreed', 'in_progress'],
    milestones: [
      [{ en: 'Method agreed', zh: '商定方法' }, true],
      [{ en: 'Assessments in three parks', zh: '三个园区完成评估' }, false],
    ],
    positions: { jshrss: ['support', ''], jsec: ['support', ''], jsftu: ['support_with_reservations', 'Unions must see the assessments.'] },
  },
  {
    title: { en: 'Annual tripartite review of the roadmap', zh: '路线图年度三方审查' },
    policyArea: 'social_dialogue_tripartism',
    lead: 'jshrss',
    workingGroup: true,
    dueDate: '2025-12-31',
    priority: 'high',
    path: ['agreed', 'in_progress'],
    progress: 80,
    positions: { jshrss: ['support', ''], jsftu: ['support', ''], jsec: ['support', ''] },
  },
  {
    title: { en: 'Apprenticeships in energy-efficiency trades', zh: '节能行业学徒制' },
    policyArea: 'skills',
    lead: 'jsec',
    supporters: ['jsftu'],
    dueDate: '2026-06-30',
    priority: 'medium',
    path: [],
  },
  {
    title: { en: 'Local hiring targets for new park investments', zh: '园区新投资项目本地招聘目标' },
    policyArea: 'active_labour_market',
    lead: 'sipac',
    dueDate: '2026-12-31',
    priority: 'low',
    path: [],
    positions: { jsftu: ['support', '本地工人应优先获得新岗位。'], jsec: ['oppose', 'Firms need to recruit skills nationally.'] },
  },
];

/** Discussion threads: [author email, body, reply to (index in the same list)?] */
export type DemoThread = [string, string, number?][];

export const DEMO_DISCUSSIONS: { on: 'lobby' | { roundtable: string } | { commitment: number } | 'working_group'; messages: DemoThread }[] = [
  {
    on: 'lobby',
    messages: [
      [
        'facilitator@greentable.demo',
        'Welcome to GreenTable. The roadmap and the 2019 round tables are all here; the mid-term review in Nanjing is being prepared.',
      ],
      ['union@greentable.demo', '欢迎！工会会在每项承诺上表明立场。', 0],
    ],
  },
  {
    on: { roundtable: 'suzhou' },
    messages: [
      ['employer@greentable.demo', 'Employers support the training pilot, provided the costs are shared with the park.'],
      ['union@greentable.demo', '工会支持，但培训必须计入工资等级。', 0],
      ['park@greentable.demo', 'The park can fund the first 1,000 places.', 0],
      ['facilitator@greentable.demo', 'Noted for the roadmap. Workers were under-represented this afternoon; we will fix the balance for the next meeting.'],
    ],
  },
  {
    on: { commitment: 3 },
    messages: [
      ['union@greentable.demo', 'Injury rates at recycling sites are more than twice the park average. We cannot wait.'],
      ['employer@greentable.demo', 'We agree on the goal. Small recyclers need two years to comply.', 0],
      ['government@greentable.demo', '厅里可以考虑对小企业分阶段实施。', 1],
    ],
  },
  {
    on: { commitment: 1 },
    messages: [
      ['union@greentable.demo', 'Suzhou Industrial Park now has union seats on its management committee. Next: the national parks.'],
      ['government@greentable.demo', '下一步从国家级园区开始推广。', 0],
    ],
  },
  {
    on: 'working_group',
    messages: [
      ['government@greentable.demo', 'Working group meeting next month: please send your parks’ 2025 figures before then.'],
      ['park@greentable.demo', 'Suzhou Industrial Park will upload its CSV this week.', 0],
    ],
  },
];

/** A vote held at a demo roundtable on one of its decisions, or on a commitment, closed in the past. */
export interface DemoVote {
  on: { roundtable: string; decision: string } | { commitment: string };
  kind: 'yes_no_abstain' | 'consent';
  rule: 'tripartite_majority' | 'consensus' | 'simple_majority';
  closedAt: string;
  /** email → [choice, reason?] */
  ballots: Record<string, [string, string?]>;
}

export const DEMO_VOTES: DemoVote[] = [
  {
    on: { roundtable: 'suzhou', decision: 'working-group' },
    kind: 'yes_no_abstain',
    rule: 'tripartite_majority',
    closedAt: day4(16, 55),
    ballots: {
      'ministry@greentable.demo': ['yes'],
      'government@greentable.demo': ['yes'],
      'union@greentable.demo': ['yes'],
      'employer@greentable.demo': ['yes'],
      'huang.lei@greentable.demo': ['yes'],
      'chen.yu@greentable.demo': ['abstain'],
      'park@greentable.demo': ['yes'],
      'gao.jie@greentable.demo': ['yes'],
    },
  },
  {
    on: { roundtable: 'suzhou', decision: 'union-representation' },
    kind: 'yes_no_abstain',
    rule: 'tripartite_majority',
    closedAt: day4(15, 40),
    ballots: {
      'ministry@greentable.demo': ['yes'],
      'government@greentable.demo': ['yes'],
      'union@greentable.demo': ['yes', 'Workers need a voice where park rules are made.'],
      'employer@greentable.demo': ['no', 'Management committees should stay lean; consult unions instead.'],
      'huang.lei@greentable.demo': ['no'],
      'chen.yu@greentable.demo': ['yes'],
      'park@greentable.demo': ['abstain'],
      'gao.jie@greentable.demo': ['yes'],
    },
  },
  {
    // Between meetings, the organizations behind the Suzhou training pilot agree it (before it became 'agreed').
    on: { commitment: 'Green-skills training for workers in Suzhou Industrial Park' },
    kind: 'consent',
    rule: 'consensus',
    closedAt: '2019-12-20T02:00:00Z',
    ballots: {
      'park@greentable.demo': ['agree'],
      'union@greentable.demo': ['agree', 'Training must count towards wage grades.'],
      'employer@greentable.demo': ['agree'],
      'government@greentable.demo': ['agree'],
    },
  },
];
