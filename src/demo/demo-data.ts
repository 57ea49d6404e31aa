import type { LocalizedText } from '../common/localized-text';
import type { Constituency } from '../organizations/entities/organization.entity';
import type { ParkLevel } from '../parks/entities/park.entity';
import type { Role, Sex } from '../users/entities/user.entity';

/** The password of every demo account (listed in the README). */
export const DEMO_PASSWORD = 'greentable-demo';

export interface DemoOrganization {
  key: string;
  name: LocalizedText;
  constituency: Constituency;
  region: string;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    key: 'mohrss',
    name: { en: 'Ministry of Human Resources and Social Security', zh: '人力资源和社会保障部' },
    constituency: 'government',
    region: 'National',
  },
  {
    key: 'jshrss',
    name: { en: 'Jiangsu Provincial Department of Human Resources and Social Security', zh: '江苏省人力资源和社会保障厅' },
    constituency: 'government',
    region: 'Jiangsu',
  },
  { key: 'acftu', name: { en: 'All-China Federation of Trade Unions', zh: '中华全国总工会' }, constituency: 'workers', region: 'National' },
  { key: 'jsftu', name: { en: 'Jiangsu Federation of Trade Unions', zh: '江苏省总工会' }, constituency: 'workers', region: 'Jiangsu' },
  { key: 'cec', name: { en: 'China Enterprise Confederation', zh: '中国企业联合会' }, constituency: 'employers', region: 'National' },
  { key: 'jsec', name: { en: 'Jiangsu Enterprise Confederation', zh: '江苏省企业联合会' }, constituency: 'employers', region: 'Jiangsu' },
  { key: 'cntac', name: { en: 'China National Textile and Apparel Council', zh: '中国纺织工业联合会' }, constituency: 'employers', region: 'National' },
  { key: 'ilo', name: { en: 'International Labour Organization (ILO)', zh: '国际劳工组织' }, constituency: 'international', region: 'Beijing' },
  {
    key: 'unido',
    name: { en: 'United Nations Industrial Development Organization (UNIDO)', zh: '联合国工业发展组织' },
    constituency: 'international',
    region: 'Beijing',
  },
  { key: 'unep', name: { en: 'UN Environment Programme', zh: '联合国环境规划署' }, constituency: 'international', region: 'Beijing' },
  {
    key: 'prcee',
    name: { en: 'Policy Research Center for Environment and Economy (PRCEE)', zh: '生态环境部环境与经济政策研究中心' },
    constituency: 'academia',
    region: 'Beijing',
  },
  { key: 'nju', name: { en: 'Nanjing University', zh: '南京大学' }, constituency: 'academia', region: 'Jiangsu' },
  {
    key: 'sipac',
    name: { en: 'Suzhou Industrial Park Administrative Committee', zh: '苏州工业园区管理委员会' },
    constituency: 'park_management',
    region: 'Jiangsu',
  },
];

export interface DemoPark {
  name: LocalizedText;
  city: string;
  province: string;
  level: ParkLevel;
  organizationKey?: string;
}

export const DEMO_PARKS: DemoPark[] = [
  { name: { en: 'Suzhou Industrial Park', zh: '苏州工业园区' }, city: 'Suzhou', province: 'Jiangsu', level: 'national', organizationKey: 'sipac' },
  {
    name: { en: 'Suzhou National New & Hi-tech Industrial Development Zone', zh: '苏州国家高新技术产业开发区' },
    city: 'Suzhou',
    province: 'Jiangsu',
    level: 'national',
  },
  { name: { en: 'Nanjing Economic and Technological Development Zone', zh: '南京经济技术开发区' }, city: 'Nanjing', province: 'Jiangsu', level: 'national' },
  { name: { en: 'Wuxi National Hi-tech Industrial Development Zone', zh: '无锡国家高新技术产业开发区' }, city: 'Wuxi', province: 'Jiangsu', level: 'national' },
  {
    name: { en: 'Changzhou Wujin National Hi-tech Industrial Development Zone', zh: '常州武进国家高新技术产业开发区' },
    city: 'Changzhou',
    province: 'Jiangsu',
    level: 'national',
  },
  { name: { en: 'Yangzhou Economic and Technological Development Zone', zh: '扬州经济技术开发区' }, city: 'Yangzhou', province: 'Jiangsu', level: 'national' },
  { name: { en: 'Jiangsu Yangzhong Economic Development Zone', zh: '江苏扬中经济开发区' }, city: 'Zhenjiang', province: 'Jiangsu', level: 'provincial' },
  { name: { en: 'Jiangsu Changshu Economic Development Zone', zh: '江苏常熟经济开发区' }, city: 'Suzhou', province: 'Jiangsu', level: 'provincial' },
];

export interface DemoUser {
  email: string;
  displayName: string;
  organizationKey: string;
  role: Role;
  locale: 'en' | 'zh-CN';
  /** What this account is for, shown in the README. */
  purpose: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'admin@greentable.demo',
    displayName: 'Platform Admin',
    organizationKey: 'ilo',
    role: 'admin',
    locale: 'en',
    purpose: 'admin: organizations, users, parks, indicators',
  },
  {
    email: 'facilitator@greentable.demo',
    displayName: 'Chen Jing (ILO)',
    organizationKey: 'ilo',
    role: 'facilitator',
    locale: 'en',
    purpose: 'ILO facilitator: runs roundtables, the roadmap, verifies data',
  },
  {
    email: 'ministry@greentable.demo',
    displayName: 'Zhou Min (MOHRSS)',
    organizationKey: 'mohrss',
    role: 'facilitator',
    locale: 'zh-CN',
    purpose: 'ministry facilitator, in Chinese',
  },
  {
    email: 'government@greentable.demo',
    displayName: 'Sun Hao (Jiangsu HRSS)',
    organizationKey: 'jshrss',
    role: 'member',
    locale: 'zh-CN',
    purpose: 'government member',
  },
  {
    email: 'union@greentable.demo',
    displayName: 'Wang Fang (Jiangsu FTU)',
    organizationKey: 'jsftu',
    role: 'member',
    locale: 'zh-CN',
    purpose: 'trade union member',
  },
  {
    email: 'employer@greentable.demo',
    displayName: 'Zhang Wei (Jiangsu EC)',
    organizationKey: 'jsec',
    role: 'member',
    locale: 'en',
    purpose: "employers' organization member",
  },
  {
    email: 'park@greentable.demo',
    displayName: 'Liu Yang (SIP data officer)',
    organizationKey: 'sipac',
    role: 'member',
    locale: 'en',
    purpose: "park data officer: reports Suzhou Industrial Park's indicators",
  },
  {
    email: 'observer@greentable.demo',
    displayName: 'Maria Rossi (UNIDO)',
    organizationKey: 'unido',
    role: 'observer',
    locale: 'en',
    purpose: 'observer: reads dashboards',
  },
  // More people taking part in the 2019 roundtables and the working group (same password).
  {
    email: 'xu.ming@greentable.demo',
    displayName: 'Xu Ming (MOHRSS)',
    organizationKey: 'mohrss',
    role: 'member',
    locale: 'zh-CN',
    purpose: 'government member',
  },
  { email: 'li.na@greentable.demo', displayName: 'Li Na (ACFTU)', organizationKey: 'acftu', role: 'member', locale: 'zh-CN', purpose: 'trade union member' },
  { email: 'huang.lei@greentable.demo', displayName: 'Huang Lei (CEC)', organizationKey: 'cec', role: 'member', locale: 'zh-CN', purpose: "employers' member" },
  {
    email: 'chen.yu@greentable.demo',
    displayName: 'Chen Yu (CNTAC)',
    organizationKey: 'cntac',
    role: 'member',
    locale: 'zh-CN',
    purpose: "employers' member (textiles)",
  },
  {
    email: 'gao.jie@greentable.demo',
    displayName: 'Prof. Gao Jie (Nanjing University)',
    organizationKey: 'nju',
    role: 'member',
    locale: 'zh-CN',
    purpose: 'academic',
  },
  {
    email: 'zhao.qing@greentable.demo',
    displayName: 'Zhao Qing (PRCEE)',
    organizationKey: 'prcee',
    role: 'member',
    locale: 'zh-CN',
    purpose: 'policy researcher',
  },
  {
    email: 'anna.berg@greentable.demo',
    displayName: 'Anna Berg (UN Environment)',
    organizationKey: 'unep',
    role: 'observer',
    locale: 'en',
    purpose: 'partner agency observer',
  },
];

/**
 * The demo people's self-declared sex, for the gender balance of delegations: plausible, not real. The employers'
 * delegation is all men, so the 30% warning shows there; the admin account chose not to say.
 */
export const DEMO_SEXES: Record<string, Sex> = {
  'admin@greentable.demo': 'not_stated',
  'facilitator@greentable.demo': 'female',
  'ministry@greentable.demo': 'female',
  'government@greentable.demo': 'male',
  'union@greentable.demo': 'female',
  'employer@greentable.demo': 'male',
  'park@greentable.demo': 'male',
  'observer@greentable.demo': 'female',
  'xu.ming@greentable.demo': 'male',
  'li.na@greentable.demo': 'female',
  'huang.lei@greentable.demo': 'male',
  'chen.yu@greentable.demo': 'male',
  'gao.jie@greentable.demo': 'male',
  'zhao.qing@greentable.demo': 'female',
  'anna.berg@greentable.demo': 'female',
};

/** The Chinese form of the demo people's names (shown in the Chinese interface). */
export const DEMO_NAMES_ZH: Record<string, string> = {
  'facilitator@greentable.demo': '陈静（国际劳工组织）',
  'ministry@greentable.demo': '周敏（人力资源和社会保障部）',
  'government@greentable.demo': '孙浩（江苏省人力资源和社会保障厅）',
  'union@greentable.demo': '王芳（江苏省总工会）',
  'employer@greentable.demo': '张伟（江苏省企业联合会）',
  'park@greentable.demo': '刘洋（苏州工业园区数据专员）',
  'xu.ming@greentable.demo': '徐明（人力资源和社会保障部）',
  'li.na@greentable.demo': '李娜（中华全国总工会）',
  'huang.lei@greentable.demo': '黄磊（中国企业联合会）',
  'chen.yu@greentable.demo': '陈宇（中国纺织工业联合会）',
  'gao.jie@greentable.demo': '高洁教授（南京大学）',
  'zhao.qing@greentable.demo': '赵青（生态环境部环境与经济政策研究中心）',
};
