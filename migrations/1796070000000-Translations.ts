import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every text in both languages: translations added later to texts written in one language (position statements,
 * commitment status reasons, messages), the per-person translator right, a Chinese form of people's names, and the
 * Chinese definitions and sources of the standard indicator catalogue (filled only where still empty).
 */

/** code → [definition in Chinese, source in Chinese]. */
const CATALOGUE_ZH: Record<string, [string, string]> = {
  'GJ.EMP_ENV': [
    '从事环境产品和服务生产或环境过程（环境保护和资源管理活动，依据环境经济核算体系中心框架）的就业人员。',
    '国际劳工组织第19届国际劳工统计学家会议《环境部门就业统计指南》（2013年）',
  ],
  'GJ.GREEN_JOBS': [
    '环境部门中同时符合体面劳动要求的岗位：工资合理、工作条件安全、工人权利得到保障、开展社会对话并享有社会保护。',
    '国际劳工组织第19届国际劳工统计学家会议《环境部门就业统计指南》（2013年）',
  ],
  'GJ.GREEN_SHARE': ['统计范围内绿色就业岗位数除以就业总人数再乘以100。', '由 GJ.GREEN_JOBS 和 EIP.EMPLOYMENT 推算'],
  'GJ.NEW_GREEN_JOBS': ['报告期内统计范围内净新增的绿色就业岗位数。', '平台自定义（路线图监测）'],
  'GJ.WOMEN_SHARE': ['绿色就业岗位中的女性人数除以绿色就业岗位总数再乘以100。', '由 GJ.GREEN_JOBS 按性别分列数据推算'],
  'GJ.TRAINED': ['报告期内完成绿色技能或清洁生产培训的工人人数。', '平台自定义（国际劳工组织《公正转型指南》：技能开发）'],
  'GJ.TRAINING_RATE': ['报告期内接受绿色技能培训的工人人数除以就业总人数再乘以100。', '平台自定义（国际劳工组织《公正转型指南》：技能开发）'],
  'GJ.REDEPLOYED': [
    '因绿色转型措施被淘汰岗位的工人中，实现转岗或接受再培训的人数除以此类工人总数再乘以100。',
    '国际劳工组织《公正转型指南》（2015年）：积极劳动力市场政策',
  ],
  'DW.INJURY_NONFATAL': ['报告期内每十万名工人发生的非致命职业伤害数。', '可持续发展目标指标 8.8.1（国际劳工组织为监管机构）'],
  'DW.INJURY_FATAL': ['报告期内每十万名工人发生的致命职业伤害数。', '可持续发展目标指标 8.8.1（国际劳工组织为监管机构）'],
  'DW.CB_COVERAGE': ['工资或劳动条件由一项或多项集体合同确定的雇员人数除以雇员总数再乘以100。', '国际劳工组织统计数据库：集体谈判覆盖率'],
  'DW.UNION_DENSITY': ['身为雇员的工会会员人数除以雇员总数再乘以100。', '国际劳工组织统计数据库：工会入会率'],
  'DW.GREEN_AGREEMENTS': [
    '现行有效、载有工作场所绿色化或公正转型条款的集体合同数量。',
    '平台自定义（国际劳工组织《公正转型指南》：社会对话与三方机制）',
  ],
  'DW.DIALOGUE_MEETINGS': [
    '报告期内政府、雇主代表和工人代表就绿色转型议题举行的会议次数。',
    '平台自定义（国际劳工组织《公正转型指南》：社会对话与三方机制）',
  ],
  'DW.WOMEN_MANAGERS': ['担任管理职位的女性人数除以担任管理职位的总人数再乘以100。', '可持续发展目标指标 5.5.2'],
  'DW.SOCIAL_INSURANCE': ['参加养老保险和工伤保险的工人人数除以工人总数再乘以100。', '国际劳工组织体面劳动指标：社会保障'],
  'DW.AVG_EARNINGS': ['统计范围内雇员的月平均应发工资（税前）。', '国际劳工组织体面劳动指标：充分收入与生产性就业'],
  'EIP.EMPLOYMENT': ['期末园区内所有企业及园区管理机构的就业人员总数。', '《生态工业园区国际框架》（经济绩效：创造就业）'],
  'EIP.LOCAL_HIRES': ['受雇前已在园区所在城市居住的雇员人数除以雇员总数再乘以100。', '《生态工业园区国际框架》（社会与经济绩效）'],
  'EIP.WOMEN_EMPLOYEES': ['女性雇员人数除以雇员总数再乘以100。', '《生态工业园区国际框架》（社会绩效）'],
  'EIP.SOCIAL_MGMT': [
    '园区管理机构运行涵盖劳动和社区事务、有书面文件的社会管理体系时取1，否则取0。',
    '《生态工业园区国际框架》（社会绩效：社会管理体系）',
  ],
  'EIP.GRIEVANCE_MECH': ['工人和周边社区能够通过公开的机制提出申诉时取1，否则取0。', '《生态工业园区国际框架》（社会绩效）'],
  'EIP.GRIEVANCE_RESOLVED': ['提出后90天内办结的申诉数除以提出的申诉总数再乘以100。', '《生态工业园区国际框架》（社会绩效）'],
  'EIP.SOCIAL_INFRA': [
    '园区工人可获得的以下服务的数量：医疗卫生、托育、住房、培训中心、公共交通、食堂。',
    '《生态工业园区国际框架》（社会绩效：社会基础设施）',
  ],
  'EIP.OUTREACH': ['报告期内园区与周边社区举行的公开会议和协商活动次数。', '《生态工业园区国际框架》（社会绩效：社区沟通与对话）'],
};

export class Translations1796070000000 implements MigrationInterface {
  name = 'Translations1796070000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE translations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_kind text NOT NULL CHECK (target_kind IN ('position', 'status_reason', 'message')),
        target_id uuid NOT NULL,
        lang text NOT NULL CHECK (lang IN ('en', 'zh')),
        text text NOT NULL,
        translated_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        machine boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT translations_target_lang UNIQUE (target_kind, target_id, lang)
      )`);
    await q.query(`ALTER TABLE users ADD COLUMN translator boolean NOT NULL DEFAULT false, ADD COLUMN name_zh text`);
    await q.query(`ALTER TABLE indicators ADD COLUMN source_zh text NOT NULL DEFAULT ''`);
    for (const [code, [definition, source]] of Object.entries(CATALOGUE_ZH)) {
      await q.query(
        `UPDATE indicators SET definition = definition || jsonb_build_object('zh', $2::text)
          WHERE code = $1 AND coalesce(definition->>'zh', '') = ''`,
        [code, definition],
      );
      await q.query(`UPDATE indicators SET source_zh = $2 WHERE code = $1 AND source_zh = ''`, [code, source]);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicators DROP COLUMN source_zh`);
    await q.query(`ALTER TABLE users DROP COLUMN name_zh, DROP COLUMN translator`);
    await q.query(`DROP TABLE translations`);
  }
}
