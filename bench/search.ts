// npm run bench:search — search and unread counts at scale: BENCH_MESSAGES messages (default 1,000,000; mixed
// English and Chinese) over BENCH_CHANNELS channels (default 2,000), searched by a person who may read a tenth of
// them; and the unread counts of a person in 200 channels.
//
// It starts its own embedded PostgreSQL in a temporary folder, runs the migrations, fills the tables with SQL, and
// times the very queries GET /api/search (messages) and GET /api/channels/mine run, through their repositories
// (HTTP and JSON are not included). Everything is removed at the end.
//
//   BENCH_MESSAGES=50000 BENCH_CHANNELS=200 npm run bench:search      a quick try
//   BENCH_QUERIES (200)  queries per measured kind
//   BENCH_EXPLAIN=1      also prints PostgreSQL's plan (EXPLAIN ANALYZE) of each search term once
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { searchText } from '../src/common/search-text';
import { databaseOptions, runMigrations } from '../src/database/database-options';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { MESSAGE_COUNT_CAP, MessageSearchRepository } from '../src/realtime/message-search.repository';
import { ReadPositionsRepository } from '../src/realtime/read-positions.repository';
import type { ReadableScope } from '../src/realtime/channel-access.registry';
import type { ChannelKind } from '../src/realtime/entities/channel.entity';

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const MESSAGES = env('BENCH_MESSAGES', 1_000_000);
const CHANNELS = env('BENCH_CHANNELS', 2_000);
const QUERIES = env('BENCH_QUERIES', 200);
const AUTHORS = 100;

const ENGLISH = [
  'The union supports green skills training but asks for wage guarantees',
  'Employers propose a safety committee for each industrial park',
  'Government will publish the energy audit results next quarter',
  'Apprenticeships in solar installation need certified trainers',
  'Occupational injuries fell after the new inspection regime',
  'We need more women in technical roles at the recycling plant',
];
const CHINESE = [
  '工会支持绿色技能培训，但需要工资保障',
  '企业建议每个园区成立安全委员会',
  '政府下季度公布能源审计结果',
  '光伏安装学徒需要持证培训师',
  '新的检查制度实施后工伤事故减少',
  '回收厂技术岗位需要更多女性',
];
const SEARCHES = ['training', 'safety committee', '"wage guarantees"', 'inspection', '安全', '培训', '工伤', '女性'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
async function time(label: string, runs: number, run: (i: number) => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await run(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms (${runs} runs)`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'greentable-bench-search-'));
  const db = await startEmbeddedPostgres(dir, 'greentable_bench');
  const dataSource = await new DataSource(databaseOptions(db.url)).initialize();
  try {
    await runMigrations(dataSource);
    console.log(`Filling ${MESSAGES.toLocaleString('en')} messages over ${CHANNELS.toLocaleString('en')} channels …`);
    const filled = Date.now();
    await dataSource.query(`INSERT INTO organizations (name, constituency) VALUES ('{"en":"Bench union"}', 'workers')`);
    await dataSource.query(
      `INSERT INTO users (email, password_hash, display_name, organization_id, role)
       SELECT 'bench' || i || '@example.org', 'x', 'Bench person ' || i, (SELECT id FROM organizations LIMIT 1), 'member'
         FROM generate_series(1, $1) i`,
      [AUTHORS],
    );
    await dataSource.query(`INSERT INTO channels (kind, ref_id) SELECT 'roundtable', gen_random_uuid() FROM generate_series(1, $1)`, [CHANNELS]);
    await dataSource.query(
      `WITH c AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM channels WHERE kind = 'roundtable'),
            u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users),
            texts AS (SELECT $3::text[] AS en, $4::text[] AS zh)
       INSERT INTO messages (channel_id, seq, author_id, client_message_id, body, created_at)
       SELECT c.id, i / $2 + 1, u.id, 'bench-' || i,
              CASE WHEN i % 2 = 0 THEN texts.en[1 + (i / 2) % 6] ELSE texts.zh[1 + (i / 2) % 6] END || ' #' || i,
              now() - (i || ' seconds')::interval
         FROM generate_series(0, $1 - 1) i, texts
         JOIN c ON true JOIN u ON true
        WHERE c.n = i % $2 AND u.n = i % ${AUTHORS}`,
      [MESSAGES, CHANNELS, ENGLISH, CHINESE],
    );
    await dataSource.query(
      `UPDATE channels c SET last_seq = m.max FROM (SELECT channel_id, max(seq) AS max FROM messages GROUP BY channel_id) m WHERE m.channel_id = c.id`,
    );
    await dataSource.query('VACUUM ANALYZE');
    console.log(`Filled in ${((Date.now() - filled) / 1000).toFixed(0)} s`);

    const channels: { id: string; ref_id: string }[] = await dataSource.query(`SELECT id, ref_id FROM channels ORDER BY random()`);
    const readable = channels.slice(0, Math.max(1, Math.floor(channels.length / 10)));
    const scopes = new Map<ChannelKind, ReadableScope>([['roundtable', { only: readable.map((c) => c.ref_id) }]]);
    const [reader]: { id: string }[] = await dataSource.query(`SELECT id FROM users LIMIT 1`);
    const search = new MessageSearchRepository(dataSource);
    if (process.env.BENCH_EXPLAIN) {
      // The same queries the repository runs, each shown with its plan (EXPLAIN ANALYZE) before it runs.
      const explain = new MessageSearchRepository({
        query: async (sql: string, params: unknown[]) => {
          const plan: { 'QUERY PLAN': string }[] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
          console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
          return (await dataSource.query(sql, params)) as unknown;
        },
      } as unknown as DataSource);
      for (const term of SEARCHES) {
        console.log(`--- ${term}`);
        await explain.search({ text: searchText(term), scopes, channelId: null, authorId: null, from: null, to: null, take: 20 });
      }
    }
    let hits = 0;
    await time(`search (a tenth of the channels readable, ${SEARCHES.length} queries in turn, 20 hits + total)`, QUERIES, async (i) => {
      const { total } = await search.search({
        text: searchText(SEARCHES[i % SEARCHES.length]),
        scopes,
        channelId: null,
        authorId: null,
        from: null,
        to: null,
        take: 20,
      });
      hits += total;
    });
    console.log(
      `  (average total per search: ${Math.round(hits / QUERIES).toLocaleString('en')}; counting stops past ${MESSAGE_COUNT_CAP.toLocaleString('en')})`,
    );

    const mine = channels.slice(0, Math.min(200, channels.length)).map((c) => c.id);
    const reads = new ReadPositionsRepository(dataSource);
    for (const [i, id] of mine.entries()) await reads.markRead(reader.id, id, String(i % 7));
    await time(`unread counts of a person in ${mine.length} channels`, QUERIES, () => reads.unreadSummary(reader.id, mine));
  } finally {
    await dataSource.destroy();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
