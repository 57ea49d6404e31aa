import { MigrationInterface, QueryRunner } from 'typeorm';

type CatalogueRow = [string, string, string, string, string, string, string, string, string[], string, string];

/**
 * The standard indicator catalogue (shared/indicators.csv, brought into the project once so the product never reads
 * it at run time): code, category, dimension, name en/zh, unit, direction, aggregation, disaggregations, source,
 * definition (English only in the source).
 */
const CATALOGUE: CatalogueRow[] = [
  ['GJ.EMP_ENV', 'green_jobs', 'employment', 'Employment in the environmental sector', '环境部门就业人数', 'persons', 'higher', 'sum', ['sex'], 'ILO 19th ICLS Guidelines on employment in the environmental sector (2013)', 'Persons employed in producing environmental goods and services or in environmental processes (environmental protection and resource management activities, SEEA Central Framework).'],
  ['GJ.GREEN_JOBS', 'green_jobs', 'employment', 'Green jobs', '绿色就业岗位数', 'persons', 'higher', 'sum', ['sex'], 'ILO 19th ICLS Guidelines on employment in the environmental sector (2013)', 'Jobs in the environmental sector that also meet decent-work requirements: adequate wages; safe conditions; workers\' rights; social dialogue; social protection.'],
  ['GJ.GREEN_SHARE', 'green_jobs', 'employment', 'Share of green jobs in total employment', '绿色就业占就业总数比例', 'percent', 'higher', 'weighted_mean', [], 'Derived from GJ.GREEN_JOBS and EIP.EMPLOYMENT', 'Green jobs divided by total employment in the scope x 100.'],
  ['GJ.NEW_GREEN_JOBS', 'green_jobs', 'employment', 'Green jobs created in the period', '本期新增绿色就业岗位数', 'persons', 'higher', 'sum', ['sex'], 'Platform-defined (roadmap monitoring)', 'Net new green jobs created in the scope during the reporting period.'],
  ['GJ.WOMEN_SHARE', 'green_jobs', 'gender', 'Women\'s share of green jobs', '绿色就业中女性比例', 'percent', 'higher', 'weighted_mean', [], 'Derived from GJ.GREEN_JOBS by sex', 'Women in green jobs divided by all green jobs x 100.'],
  ['GJ.TRAINED', 'green_jobs', 'skills', 'Workers trained in green skills', '接受绿色技能培训的工人数', 'persons', 'higher', 'sum', ['sex'], 'Platform-defined (ILO Just Transition Guidelines: skills development)', 'Workers who completed green-skills or cleaner-production training during the period.'],
  ['GJ.TRAINING_RATE', 'green_jobs', 'skills', 'Share of workers trained in green skills', '接受绿色技能培训的工人比例', 'percent', 'higher', 'weighted_mean', ['sex'], 'Platform-defined (ILO Just Transition Guidelines: skills development)', 'Workers trained in green skills during the period divided by total employment x 100.'],
  ['GJ.REDEPLOYED', 'green_jobs', 'just_transition', 'Workers from phased-out activities redeployed or retrained', '淘汰产业工人转岗或再培训比例', 'percent', 'higher', 'weighted_mean', ['sex'], 'ILO Guidelines for a just transition (2015): active labour market policies', 'Workers whose jobs were phased out by greening measures who were redeployed or retrained divided by all such workers x 100.'],
  ['DW.INJURY_NONFATAL', 'green_jobs', 'osh', 'Non-fatal occupational injuries per 100 000 workers', '每十万名工人非致命职业伤害数', 'rate_per_100k', 'lower', 'weighted_mean', ['sex'], 'SDG indicator 8.8.1 (ILO custodian)', 'Non-fatal occupational injuries in the period per 100 000 workers.'],
  ['DW.INJURY_FATAL', 'green_jobs', 'osh', 'Fatal occupational injuries per 100 000 workers', '每十万名工人致命职业伤害数', 'rate_per_100k', 'lower', 'weighted_mean', ['sex'], 'SDG indicator 8.8.1 (ILO custodian)', 'Fatal occupational injuries in the period per 100 000 workers.'],
  ['DW.CB_COVERAGE', 'green_jobs', 'social_dialogue', 'Collective bargaining coverage rate', '集体谈判覆盖率', 'percent', 'higher', 'weighted_mean', [], 'ILOSTAT collective bargaining coverage rate', 'Employees whose pay or conditions are set by one or more collective agreements divided by all employees x 100.'],
  ['DW.UNION_DENSITY', 'green_jobs', 'social_dialogue', 'Trade union density', '工会入会率', 'percent', 'higher', 'weighted_mean', ['sex'], 'ILOSTAT trade union density rate', 'Trade union members who are employees divided by all employees x 100.'],
  ['DW.GREEN_AGREEMENTS', 'green_jobs', 'social_dialogue', 'Collective agreements with green or just-transition clauses', '含绿色或公正转型条款的集体合同数', 'count', 'higher', 'sum', [], 'Platform-defined (ILO Just Transition Guidelines: social dialogue and tripartism)', 'Collective agreements in force that contain clauses on greening workplaces or on a just transition.'],
  ['DW.DIALOGUE_MEETINGS', 'green_jobs', 'social_dialogue', 'Tripartite social dialogue meetings held', '三方社会对话会议次数', 'count', 'higher', 'sum', [], 'Platform-defined (ILO Just Transition Guidelines: social dialogue and tripartism)', 'Meetings with government; employers\' and workers\' representatives held on green transition topics during the period.'],
  ['DW.WOMEN_MANAGERS', 'green_jobs', 'gender', 'Proportion of women in managerial positions', '女性担任管理职位比例', 'percent', 'higher', 'weighted_mean', [], 'SDG indicator 5.5.2', 'Women in managerial positions divided by all persons in managerial positions x 100.'],
  ['DW.SOCIAL_INSURANCE', 'green_jobs', 'social_protection', 'Workers covered by social insurance', '社会保险覆盖率', 'percent', 'higher', 'weighted_mean', ['sex'], 'ILO Decent Work Indicators: social security', 'Workers enrolled in pension and work-injury insurance divided by all workers x 100.'],
  ['DW.AVG_EARNINGS', 'green_jobs', 'earnings', 'Average monthly earnings of employees', '员工月平均工资', 'cny_per_month', 'higher', 'weighted_mean', ['sex'], 'ILO Decent Work Indicators: adequate earnings and productive work', 'Mean gross monthly earnings of employees in the scope.'],
  ['EIP.EMPLOYMENT', 'eip_social', 'employment', 'Total employment in the park', '园区就业总人数', 'persons', 'higher', 'sum', ['sex'], 'International Framework for Eco-Industrial Parks (economic performance: employment generation)', 'Persons employed by all firms and the management of the park at the end of the period.'],
  ['EIP.LOCAL_HIRES', 'eip_social', 'employment', 'Share of employees hired locally', '本地招聘员工比例', 'percent', 'higher', 'weighted_mean', [], 'International Framework for Eco-Industrial Parks (social and economic performance)', 'Employees resident in the host city before hiring divided by all employees x 100.'],
  ['EIP.WOMEN_EMPLOYEES', 'eip_social', 'gender', 'Share of women among park employees', '女性员工比例', 'percent', 'higher', 'weighted_mean', [], 'International Framework for Eco-Industrial Parks (social performance)', 'Women employees divided by all employees x 100.'],
  ['EIP.SOCIAL_MGMT', 'eip_social', 'social_management', 'Social management system in place', '建立社会管理体系', 'boolean', 'higher', 'share_true', [], 'International Framework for Eco-Industrial Parks (social performance: social management systems)', '1 if the park management operates a documented social management system covering labour and community issues; else 0.'],
  ['EIP.GRIEVANCE_MECH', 'eip_social', 'social_management', 'Grievance mechanism for workers and communities', '面向工人和社区的申诉机制', 'boolean', 'higher', 'share_true', [], 'International Framework for Eco-Industrial Parks (social performance)', '1 if workers and neighbouring communities can file grievances through a published mechanism; else 0.'],
  ['EIP.GRIEVANCE_RESOLVED', 'eip_social', 'social_management', 'Grievances resolved within 90 days', '90天内解决的申诉比例', 'percent', 'higher', 'weighted_mean', [], 'International Framework for Eco-Industrial Parks (social performance)', 'Grievances closed within 90 days of filing divided by grievances filed x 100.'],
  ['EIP.SOCIAL_INFRA', 'eip_social', 'community', 'Social infrastructure services available', '社会基础设施服务数量', 'score_0_6', 'higher', 'mean', [], 'International Framework for Eco-Industrial Parks (social performance: social infrastructure)', 'Number of services available to park workers among: health care; childcare; housing; training centre; public transport; canteen.'],
  ['EIP.OUTREACH', 'eip_social', 'community', 'Community outreach and dialogue events', '社区沟通与对话活动次数', 'count', 'higher', 'sum', [], 'International Framework for Eco-Industrial Parks (social performance: community outreach and dialogue)', 'Public meetings and consultations with neighbouring communities held by the park during the period.'],
];

export class Indicators1795470000000 implements MigrationInterface {
  name = 'Indicators1795470000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]*([.][A-Z0-9_]+)*$'),
        category text NOT NULL CHECK (category IN ('green_jobs','eip_social')),
        dimension text NOT NULL,
        name jsonb NOT NULL,
        definition jsonb NOT NULL DEFAULT '{}'::jsonb,
        unit text NOT NULL CHECK (unit IN ('persons','percent','rate_per_100k','count','cny_per_month','boolean','score_0_6')),
        direction text NOT NULL CHECK (direction IN ('higher','lower')),
        aggregation text NOT NULL CHECK (aggregation IN ('sum','weighted_mean','mean','share_true')),
        disaggregations text[] NOT NULL DEFAULT '{}',
        source text NOT NULL DEFAULT '',
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX indicators_category_idx ON indicators (category, dimension)`);

    // Time-ordered ids (UUID v7) for observations: imports append to the primary-key index instead of writing all
    // over a very large one, and "newest first" is the id order. PostgreSQL 18 has uuidv7(); older servers get the
    // same layout from SQL.
    const [{ native }] = await q.query(`SELECT to_regproc('uuidv7') IS NOT NULL AS native`);
    await q.query(
      native
        ? `CREATE FUNCTION observation_uuid() RETURNS uuid LANGUAGE sql VOLATILE AS 'SELECT uuidv7()'`
        : `CREATE FUNCTION observation_uuid() RETURNS uuid LANGUAGE sql VOLATILE AS $$
             SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                      PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
                    52, 1), 53, 1), 'hex')::uuid
           $$`,
    );

    // One value of one indicator for one scope (a park, a city in a province, or a province), one period and one
    // disaggregation ('' is the total). Rows are never overwritten: a correction inserts a new row and stamps the
    // old one superseded, so the current value is the row with superseded_at IS NULL.
    //
    // No foreign keys here: checked row by row they would cost about a third of a bulk import. The importer checks
    // every indicator and park set-based (and both it and the service hold KEY SHARE locks on them while writing),
    // and the triggers below refuse to delete a park or an indicator that has observations.
    await q.query(`
      CREATE TABLE observations (
        id uuid PRIMARY KEY DEFAULT observation_uuid(),
        indicator_id uuid NOT NULL,
        scope_type text NOT NULL CHECK (scope_type IN ('park','city','province')),
        park_id uuid,
        province text NOT NULL DEFAULT '',
        city text NOT NULL DEFAULT '',
        period text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        disaggregation text NOT NULL DEFAULT '',
        value numeric NOT NULL,
        source text NOT NULL DEFAULT '',
        notes text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','verified','rejected')),
        reported_by_id uuid,
        reported_at timestamptz NOT NULL DEFAULT now(),
        reviewed_by_id uuid,
        reviewed_at timestamptz,
        rejection_reason text,
        supersedes_id uuid,
        superseded_by_id uuid,
        superseded_at timestamptz,
        import_id uuid,
        is_demo boolean NOT NULL DEFAULT false,
        CHECK ((scope_type = 'park' AND park_id IS NOT NULL AND province = '' AND city = '')
            OR (scope_type = 'city' AND park_id IS NULL AND province <> '' AND city <> '')
            OR (scope_type = 'province' AND park_id IS NULL AND province <> '' AND city = '')),
        CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL),
        CHECK (period_end >= period_start)
      )`);
    // The current value per park series: unique (one current row per key), and ordered by period so a park's series,
    // its latest value and a province roll-up (one range scan per park) read only the rows they return.
    await q.query(`
      CREATE UNIQUE INDEX observations_park_current_idx ON observations (indicator_id, park_id, disaggregation, period_start, period)
        WHERE superseded_at IS NULL AND park_id IS NOT NULL`);
    // The same for values reported for a whole city or province.
    await q.query(`
      CREATE UNIQUE INDEX observations_area_current_idx ON observations (indicator_id, province, city, disaggregation, period_start, period)
        WHERE superseded_at IS NULL AND park_id IS NULL`);
    // The verification queue, oldest first (ids are time-ordered); it holds only what awaits verification.
    await q.query(`CREATE INDEX observations_queue_idx ON observations (id) WHERE status = 'submitted' AND superseded_at IS NULL`);

    // A park or indicator with observations cannot be deleted (what a foreign key would refuse). Superseded rows
    // always have a current successor with the same key, so probing current rows is enough: one probe of the
    // current-park index per indicator for a park.
    await q.query(`
      CREATE FUNCTION observations_refuse_orphans() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'parks' AND EXISTS (
             SELECT 1 FROM indicators i
              WHERE EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = i.id AND o.park_id = OLD.id
                                                           AND o.superseded_at IS NULL AND o.park_id IS NOT NULL))
        OR TG_TABLE_NAME = 'indicators' AND (
             EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = OLD.id AND o.superseded_at IS NULL AND o.park_id IS NOT NULL)
          OR EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = OLD.id AND o.superseded_at IS NULL AND o.park_id IS NULL))
        THEN
          RAISE EXCEPTION 'observations refer to this %', left(TG_TABLE_NAME, -1) USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER parks_keep_observations BEFORE DELETE ON parks FOR EACH ROW EXECUTE FUNCTION observations_refuse_orphans()`);
    await q.query(`CREATE TRIGGER indicators_keep_observations BEFORE DELETE ON indicators FOR EACH ROW EXECUTE FUNCTION observations_refuse_orphans()`);

    // A commitment is meant to move an indicator for a scope, from a baseline to a target.
    await q.query(`
      CREATE TABLE indicator_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_item_id uuid NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
        indicator_id uuid NOT NULL REFERENCES indicators(id) ON DELETE RESTRICT,
        scope_type text NOT NULL CHECK (scope_type IN ('park','city','province')),
        park_id uuid REFERENCES parks(id) ON DELETE RESTRICT,
        province text NOT NULL DEFAULT '',
        city text NOT NULL DEFAULT '',
        disaggregation text NOT NULL DEFAULT '',
        baseline_value numeric NOT NULL,
        baseline_date date NOT NULL,
        target_value numeric NOT NULL,
        target_date date NOT NULL,
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope_type = 'park' AND park_id IS NOT NULL AND province = '' AND city = '')
            OR (scope_type = 'city' AND park_id IS NULL AND province <> '' AND city <> '')
            OR (scope_type = 'province' AND park_id IS NULL AND province <> '' AND city = '')),
        CHECK (target_date > baseline_date)
      )`);
    await q.query(`CREATE INDEX indicator_links_action_item_idx ON indicator_links (action_item_id, created_at)`);
    await q.query(`CREATE INDEX indicator_links_indicator_idx ON indicator_links (indicator_id)`);

    for (const [code, category, dimension, nameEn, nameZh, unit, direction, aggregation, disaggregations, source, definitionEn] of CATALOGUE) {
      await q.query(
        `INSERT INTO indicators (code, category, dimension, name, definition, unit, direction, aggregation, disaggregations, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [code, category, dimension, JSON.stringify({ en: nameEn, zh: nameZh }), JSON.stringify({ en: definitionEn }), unit, direction, aggregation, disaggregations, source],
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER parks_keep_observations ON parks');
    for (const table of ['indicator_links', 'observations', 'indicators']) await q.query(`DROP TABLE ${table}`);
    await q.query('DROP FUNCTION observations_refuse_orphans()');
    await q.query('DROP FUNCTION observation_uuid()');
  }
}
