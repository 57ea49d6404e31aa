// The honest baseline of bench/realtime.ts: the least a server can do and still keep the promises of
// docs/realtime.md for message:send — plain socket.io and pg, no Nest, no TypeORM, no validation library, no
// socket.io adapter (one process). Per message: one INSERT that takes the channel's next seq (the same statement as
// the app's), the ack once it is committed, one broadcast to the channel's room. Access is checked at join only.
//
// Reads PORT, DATABASE_URL and JWT_SECRET; prints "reference server ready on …" once it listens.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const secret = process.env.JWT_SECRET ?? '';
const databaseUrl = process.env.DATABASE_URL;
if (!port || !secret || !databaseUrl) throw new Error('PORT, JWT_SECRET and DATABASE_URL are required');

const pool = new Pool({ connectionString: databaseUrl, max: 20 });

/** Verifies an HS256 JWT (as the app signs them) and returns its subject while it is unexpired. */
function verify(token: unknown): string | null {
  if (typeof token !== 'string') return null;
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: string; exp?: number };
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return null;
  return claims.sub;
}

const INSERT_MESSAGE = `
  WITH next AS (
    UPDATE channels SET last_seq = last_seq + 1
    WHERE id = $1 AND EXISTS (SELECT 1 FROM users WHERE id = $2 AND active)
    RETURNING last_seq
  )
  INSERT INTO messages (channel_id, seq, author_id, client_message_id, body, parent_id, mentions)
  SELECT $1, next.last_seq, $2, $3, $4, NULL, '{}'::uuid[] FROM next
  RETURNING id, seq, created_at`;

interface Author {
  id: string;
  displayName: string;
  organization: { id: string; name: unknown };
  constituency: string;
}

/** Raw rows (pg returns bigint columns as strings). */
interface AuthorRow {
  id: string;
  display_name: string;
  org_id: string;
  name: unknown;
  constituency: string;
}
interface MessageRow {
  id: string;
  seq: string;
  created_at: Date;
}

type Ack = (answer: unknown) => void;
const failure = (code: string, message: string) => ({ ok: false, error: { code, message } });
const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

const http = createServer((_req, res) => {
  res.writeHead(404).end();
});
const io = new Server(http, { path: '/socket.io', serveClient: false });

io.use((socket, next) => {
  const userId = verify(socket.handshake.auth?.token);
  if (!userId) return next(Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' } }));
  pool
    .query<AuthorRow>(
      `SELECT u.id, u.display_name, o.id AS org_id, o.name, o.constituency
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1 AND u.active`,
      [userId],
    )
    .then(({ rows: [row] }) => {
      if (!row) return next(Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' } }));
      const author: Author = { id: row.id, displayName: row.display_name, organization: { id: row.org_id, name: row.name }, constituency: row.constituency };
      socket.data = { author };
      next();
    }, next);
});

io.on('connection', (socket) => {
  const author = (socket.data as { author: Author }).author;

  socket.on('channel:join', async (payload: { channelId?: unknown }, ack: Ack) => {
    if (typeof ack !== 'function') return;
    try {
      const channelId = payload?.channelId;
      if (!isUuid(channelId)) return ack(failure('validation', 'channelId must be a UUID'));
      const { rows } = await pool.query<{ last_seq: string }>(
        `SELECT c.last_seq FROM channels c
           JOIN roundtable_participants p ON p.roundtable_id = c.ref_id AND p.user_id = $2
          WHERE c.id = $1 AND c.kind = 'roundtable'`,
        [channelId, author.id],
      );
      if (!rows.length) return ack(failure('not_found', 'Channel not found'));
      await socket.join(`channel:${channelId}`);
      ack({ ok: true, lastSeq: Number(rows[0].last_seq) });
    } catch (error) {
      ack(failure('internal', String(error)));
    }
  });

  socket.on('message:send', async (payload: { channelId?: unknown; clientMessageId?: unknown; body?: unknown }, ack: Ack) => {
    if (typeof ack !== 'function') return;
    const { channelId, clientMessageId, body } = payload ?? {};
    if (!isUuid(channelId) || typeof clientMessageId !== 'string' || !clientMessageId || typeof body !== 'string' || !body.trim()) {
      return ack(failure('validation', 'channelId, clientMessageId and body are required'));
    }
    const room = `channel:${channelId}`;
    if (!socket.rooms.has(room)) return ack(failure('forbidden', 'Join the channel first'));
    try {
      const text = body.trim();
      const { rows } = await pool.query<MessageRow>(INSERT_MESSAGE, [channelId, author.id, clientMessageId, text]);
      if (!rows.length) return ack(failure('unauthorized', 'Your account is no longer active'));
      const message = {
        id: rows[0].id,
        channelId,
        seq: Number(rows[0].seq),
        clientMessageId,
        author,
        body: text,
        parentId: null,
        createdAt: new Date(rows[0].created_at).toISOString(),
        editedAt: null,
        removed: null,
        mentions: [],
      };
      socket.to(room).emit('message:new', { message });
      ack({ ok: true, message });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const { rows } = await pool.query<MessageRow & { body: string }>(
          `SELECT id, seq, body, created_at FROM messages WHERE author_id = $1 AND client_message_id = $2`,
          [author.id, clientMessageId],
        );
        return ack({ ok: true, message: { ...rows[0], seq: Number(rows[0].seq), channelId, clientMessageId, author } });
      }
      ack(failure('internal', String(error)));
    }
  });
});

http.listen(port, '127.0.0.1', () => console.log(`reference server ready on http://127.0.0.1:${port}`));
const stop = () => {
  void io.close();
  void pool.end().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
