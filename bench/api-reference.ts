// The reference of npm run bench:api (started by bench/api.ts; not meant to be run by hand): a bare node:http + pg
// server that answers each recorded path by running the very statements the app ran for it, with the same
// parameters, prepared as the app prepared them (a named statement is parsed and planned once per connection, an
// unnamed one at every run), and sending the rows as JSON, compressed as the app compresses. No framework, no token check, no validation, no mapping: what the
// database work of a read costs on this machine, and nothing else.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { Pool } from 'pg';

export interface RecordedRoute {
  path: string;
  statements: { sql: string; params: (string | null)[]; prepared: boolean }[];
}

function main(): void {
  const url = process.env.REFERENCE_DATABASE_URL;
  const recorded = JSON.parse(process.env.REFERENCE_ROUTES ?? '[]') as RecordedRoute[];
  if (!url || !recorded.length) throw new Error('REFERENCE_DATABASE_URL and REFERENCE_ROUTES are required');
  // One name per distinct statement text, as PostgreSQL keeps prepared statements by name.
  const names = new Map<string, string>();
  const nameOf = (sql: string) => names.get(sql) ?? names.set(sql, `reference_${names.size}`).get(sql)!;
  const routes = new Map(
    recorded.map((r) => [r.path, r.statements.map((s) => ({ ...(s.prepared ? { name: nameOf(s.sql) } : {}), text: s.sql, values: s.params }))]),
  );
  // The same pool size as the app's (src/database/database-options.ts).
  const pool = new Pool({ connectionString: url, max: 20 });
  const server = createServer((req, res) => {
    const statements = routes.get(req.url ?? '');
    if (!statements) {
      res.writeHead(404).end();
      return;
    }
    // All at once on the pool: the fastest these statements can be run.
    Promise.all(statements.map((s) => pool.query(s)))
      .then((results) => {
        const json = JSON.stringify(results.map((r): unknown[] => r.rows as unknown[]));
        const gzip = json.length > 1024 && /gzip/.test(String(req.headers['accept-encoding'] ?? ''));
        const body = gzip ? gzipSync(json) : json;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
        res.end(body);
      })
      .catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('reference ready'));
  process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

main();
