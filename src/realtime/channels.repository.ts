import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import { Channel, type ChannelKind } from './entities/channel.entity';

/** The columns of a channel that its view shows (last_seq is a bigint, read as text). */
export type ChannelViewRow = Pick<Channel, 'id' | 'kind' | 'refId' | 'lastSeq' | 'createdAt'>;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The channels table: the only door to it. */
@Injectable()
export class ChannelsRepository {
  constructor(
    @InjectRepository(Channel) private readonly channels: Repository<Channel>,
    private readonly dataSource: DataSource,
  ) {}

  /** Creates the channel of a thing unless it exists (safe under concurrency); its id either way, or null. */
  async ensure(kind: ChannelKind, refId: string | null, tx?: Tx): Promise<string | null> {
    const m = tx ?? this.dataSource.manager;
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO channels (kind, ref_id) VALUES ($1, $2)
       ON CONFLICT (kind, (coalesce(ref_id, '${NIL_UUID}'::uuid))) DO NOTHING
       RETURNING id`,
      [kind, refId],
    );
    return inserted[0]?.id ?? (await this.findId(kind, refId, tx));
  }

  /** The id of a thing's channel, if it exists. */
  async findId(kind: ChannelKind, refId: string | null, tx?: Tx): Promise<string | null> {
    const qb = (tx ?? this.dataSource.manager).createQueryBuilder(Channel, 'c').select('c.id', 'id').where('c.kind = :kind', { kind });
    if (refId === null) qb.andWhere('c.refId IS NULL');
    else qb.andWhere('c.refId = :refId', { refId });
    return (await qb.getRawOne<{ id: string }>())?.id ?? null;
  }

  /** The channels of the given things of one kind that exist, by refId. */
  async idsOf(kind: ChannelKind, refIds: string[]): Promise<Map<string, { id: string; lastSeq: string }>> {
    if (!refIds.length) return new Map();
    const rows: { id: string; ref_id: string; last_seq: string }[] = await this.dataSource.query(
      `SELECT id, ref_id, last_seq::text AS last_seq FROM channels WHERE kind = $1 AND ref_id = ANY ($2::uuid[])`,
      [kind, refIds],
    );
    return new Map(rows.map((r) => [r.ref_id, { id: r.id, lastSeq: r.last_seq }]));
  }

  /**
   * What a channel is attached to (id, kind, refId only): one prepared statement, as every channel:join of a channel
   * not yet in ChannelsService's cache reads it (a burst of connections after a restart reads hundreds).
   */
  async findRef(id: string): Promise<Pick<Channel, 'id' | 'kind' | 'refId'> | null> {
    const [row] = await queryPrepared<Pick<Channel, 'id' | 'kind' | 'refId'>>(
      this.dataSource,
      'channel_ref',
      'SELECT id, kind, ref_id AS "refId" FROM channels WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  async lastSeq(id: string): Promise<number> {
    const row = await this.channels.findOne({ where: { id }, select: { id: true, lastSeq: true } });
    return Number(row?.lastSeq ?? 0);
  }

  /** The last seq of each of the given channels. */
  async lastSeqs(ids: string[]): Promise<{ id: string; lastSeq: string }[]> {
    if (!ids.length) return [];
    return this.dataSource.query(`SELECT id, last_seq::text AS "lastSeq" FROM channels WHERE id = ANY ($1::uuid[])`, [ids]);
  }

  /** What a channel's view shows, or null: one prepared statement, as every channel:join reads it. */
  async findForView(id: string): Promise<ChannelViewRow | null> {
    const [row] = await queryPrepared<ChannelViewRow>(
      this.dataSource,
      'channel_for_view',
      'SELECT id, kind, ref_id AS "refId", last_seq::text AS "lastSeq", created_at AS "createdAt" FROM channels WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  /** Up to `limit` channels in id order (arbitrary but stable, and exact to resume from), after `afterId`. */
  page(options: { kind?: ChannelKind; afterId?: string; limit: number }): Promise<Channel[]> {
    const qb = this.channels.createQueryBuilder('c').orderBy('c.id', 'ASC').limit(options.limit);
    if (options.kind) qb.andWhere('c.kind = :kind', { kind: options.kind });
    if (options.afterId) qb.andWhere('c.id > :id', { id: options.afterId });
    return qb.getMany();
  }

  /** For the demo loader (ChannelsService.importDemoThread): one message at the channel's next seq. */
  async insertDemoMessage(
    tx: Tx,
    channelId: string,
    m: { authorId: string; clientMessageId: string; body: string; parentId: string | null; hoursAgo: number },
  ): Promise<string> {
    const [row] = await tx.query<Array<{ id: string }>>(
      `WITH next AS (UPDATE channels SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO messages (channel_id, seq, author_id, client_message_id, body, parent_id, created_at)
       SELECT $1, next.last_seq, $2, $3, $4, $5, now() - ($6 * interval '1 hour') FROM next RETURNING id`,
      [channelId, m.authorId, m.clientMessageId, m.body, m.parentId, m.hoursAgo],
    );
    return row.id;
  }
}
