import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import type { BilingualFieldKind, FreeTextKind, TranslationLang } from '../shared/enums';

export interface TranslationRow {
  target_kind: FreeTextKind;
  target_id: string;
  lang: TranslationLang;
  text: string;
  machine: boolean;
  updated_at: Date;
  translated_by_id: string | null;
  translator_name: string | null;
  translator_name_zh: string | null;
}

/** One text waiting for its other language, as the queue lists it. */
export interface QueueRow {
  kind: string;
  target_id: string;
  /** For bilingual fields: the { en, zh } object; for free texts: the text. */
  value: Record<string, string> | string;
  /** What the text belongs to: a roundtable, a commitment, an indicator, a channel. */
  context_id: string | null;
  context_title: Record<string, string> | null;
  channel_kind: string | null;
  /** For messages: what the channel belongs to (a roundtable, a commitment…). */
  channel_ref: string | null;
  at: Date;
}

/** Which roundtables a reader may see, from the roundtable channels' readable scope (the same rule). */
export type RoundtableScope = { all: true } | { except: string[] } | { only: string[] };

/** A run of Chinese (CJK unified ideographs) marks a free text as written in Chinese; otherwise English. */
export const CHINESE_PATTERN = '[\u3400-\u9fff]';

interface FieldTable {
  table: string;
  column: string;
  /** The roundtable it belongs to (rights follow the roundtable), or null when everyone signed in reads it. */
  roundtable: string | null;
  context: string;
  contextTitle: string;
}

/** The bilingual fields of other modules' tables that the queue fills in (only the one field, only the language asked). */
export const BILINGUAL_FIELDS: Record<BilingualFieldKind, FieldTable> = {
  roundtable_title: { table: 'roundtables', column: 'title', roundtable: 't.id', context: 't.id', contextTitle: 't.title' },
  roundtable_description: { table: 'roundtables', column: 'description', roundtable: 't.id', context: 't.id', contextTitle: 't.title' },
  agenda_item: {
    table: 'roundtable_agenda_items',
    column: 'title',
    roundtable: 't.roundtable_id',
    context: 't.roundtable_id',
    contextTitle: '(SELECT r.title FROM roundtables r WHERE r.id = t.roundtable_id)',
  },
  decision: {
    table: 'roundtable_decisions',
    column: 'text',
    roundtable: 't.roundtable_id',
    context: 't.roundtable_id',
    contextTitle: '(SELECT r.title FROM roundtables r WHERE r.id = t.roundtable_id)',
  },
  commitment_title: { table: 'action_items', column: 'title', roundtable: null, context: 't.id', contextTitle: 't.title' },
  commitment_description: { table: 'action_items', column: 'description', roundtable: null, context: 't.id', contextTitle: 't.title' },
  indicator_definition: { table: 'indicators', column: 'definition', roundtable: null, context: 't.id', contextTitle: 't.name' },
};

const other = (lang: TranslationLang): TranslationLang => (lang === 'en' ? 'zh' : 'en');

function scopeSql(scope: RoundtableScope, column: string, params: unknown[]): string {
  if ('all' in scope) return 'true';
  params.push('except' in scope ? scope.except : scope.only);
  return 'except' in scope ? `NOT (${column} = ANY ($${params.length}::uuid[]))` : `${column} = ANY ($${params.length}::uuid[])`;
}

/**
 * The translations table (the only door to it), and the read-only look at other modules' texts that the translation
 * queue needs (which bilingual field lacks a language, which free text has no translation yet), plus the one write
 * the queue makes to them: one language of one bilingual field.
 */
@Injectable()
export class TranslationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private db(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  async forTargets(kind: FreeTextKind, ids: string[]): Promise<TranslationRow[]> {
    if (!ids.length) return [];
    // Asked on every page with texts that may carry translations: a prepared statement.
    return queryPrepared(
      this.dataSource,
      'translations_for_targets',
      `SELECT t.target_kind, t.target_id, t.lang, t.text, t.machine, t.updated_at, t.translated_by_id,
              u.display_name AS translator_name, u.name_zh AS translator_name_zh
         FROM translations t LEFT JOIN users u ON u.id = t.translated_by_id
        WHERE t.target_kind = $1 AND t.target_id = ANY ($2::uuid[])
        ORDER BY t.lang`,
      [kind, ids],
    );
  }

  /** Adds the translation or replaces the one in that language; answers the previous text (null: it is new). */
  async save(
    tx: Tx,
    t: { kind: FreeTextKind; targetId: string; lang: TranslationLang; text: string; userId: string; machine: boolean },
  ): Promise<{ previous: string | null }> {
    const [before]: { text: string }[] = await tx.query(`SELECT text FROM translations WHERE target_kind = $1 AND target_id = $2 AND lang = $3 FOR UPDATE`, [
      t.kind,
      t.targetId,
      t.lang,
    ]);
    await tx.query(
      `INSERT INTO translations (target_kind, target_id, lang, text, translated_by_id, machine) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (target_kind, target_id, lang) DO UPDATE
         SET text = excluded.text, translated_by_id = excluded.translated_by_id, machine = excluded.machine, updated_at = now()`,
      [t.kind, t.targetId, t.lang, t.text, t.userId, t.machine],
    );
    return { previous: before?.text ?? null };
  }

  /** The original of a free text: a current position's statement, a commitment's status reason, a message's body. */
  async freeText(
    kind: FreeTextKind,
    id: string,
  ): Promise<{ text: string; actionItemId: string | null; roadmapId: string | null; channelId: string | null } | null> {
    const sql: Record<FreeTextKind, string> = {
      position: `SELECT p.statement AS text, i.id AS action_item_id, i.roadmap_id, NULL::uuid AS channel_id
                   FROM constituency_positions p JOIN action_items i ON i.id = p.action_item_id WHERE p.id = $1`,
      status_reason: `SELECT coalesce(i.status_reason, '') AS text, i.id AS action_item_id, i.roadmap_id, NULL::uuid AS channel_id
                        FROM action_items i WHERE i.id = $1`,
      message: `SELECT coalesce(m.body, '') AS text, NULL::uuid AS action_item_id, NULL::uuid AS roadmap_id, m.channel_id
                  FROM messages m WHERE m.id = $1 AND m.removed_at IS NULL`,
    };
    const [row]: { text: string; action_item_id: string | null; roadmap_id: string | null; channel_id: string | null }[] = await this.dataSource.query(
      sql[kind],
      [id],
    );
    return row ? { text: row.text, actionItemId: row.action_item_id, roadmapId: row.roadmap_id, channelId: row.channel_id } : null;
  }

  /** A bilingual field's value and the roundtable it belongs to (null for commitments and indicators). */
  async bilingualField(
    kind: BilingualFieldKind,
    id: string,
    tx?: Tx,
  ): Promise<{ value: Record<string, string>; roundtableId: string | null; contextId: string } | null> {
    const f = BILINGUAL_FIELDS[kind];
    const [row]: { value: Record<string, string>; roundtable_id: string | null; context_id: string }[] = await this.db(tx).query(
      `SELECT t.${f.column} AS value, ${f.roundtable ?? 'NULL::uuid'} AS roundtable_id, ${f.context} AS context_id FROM ${f.table} t WHERE t.id = $1`,
      [id],
    );
    return row ? { value: row.value ?? {}, roundtableId: row.roundtable_id, contextId: row.context_id } : null;
  }

  /** Fills one language of one bilingual field (the other language is left as it is). */
  async fillBilingual(tx: Tx, kind: BilingualFieldKind, id: string, lang: TranslationLang, text: string): Promise<void> {
    const f = BILINGUAL_FIELDS[kind];
    await tx.query(`UPDATE ${f.table} SET ${f.column} = coalesce(${f.column}, '{}'::jsonb) || jsonb_build_object($2::text, $3::text) WHERE id = $1`, [
      id,
      lang,
      text,
    ]);
  }

  /** Bilingual fields of one kind with text in the other language and none in `lang`, newest first. */
  async missingBilingual(kind: BilingualFieldKind, lang: TranslationLang, roundtables: RoundtableScope, limit: number): Promise<QueueRow[]> {
    const f = BILINGUAL_FIELDS[kind];
    const params: unknown[] = [lang, other(lang), kind, limit];
    const visible = f.roundtable ? scopeSql(roundtables, f.roundtable, params) : 'true';
    return this.dataSource.query(
      `SELECT $3::text AS kind, t.id AS target_id, t.${f.column} AS value, ${f.context} AS context_id, ${f.contextTitle} AS context_title,
              NULL::text AS channel_kind, NULL::uuid AS channel_ref, t.created_at AS at
         FROM ${f.table} t
        WHERE coalesce(btrim(t.${f.column}->>$1), '') = '' AND coalesce(btrim(t.${f.column}->>$2), '') <> '' AND ${visible}
        ORDER BY t.created_at DESC, t.id
        LIMIT $4`,
      params,
    );
  }

  /**
   * Free texts of one kind written in the other language (told by whether they contain Chinese) with no translation
   * into `lang` yet, newest first. Messages only from the channels the reader may read (`readable`, SQL over `c`).
   */
  async missingFreeText(
    kind: FreeTextKind,
    lang: TranslationLang,
    limit: number,
    readable: { sql: string; params: unknown[] } = { sql: 'true', params: [] },
  ): Promise<QueueRow[]> {
    const written = lang === 'zh' ? `!~` : `~`;
    const untranslated = `NOT EXISTS (SELECT 1 FROM translations tr WHERE tr.target_kind = $1 AND tr.target_id = x.target_id AND tr.lang = $2)`;
    const source: Record<FreeTextKind, string> = {
      position: `SELECT p.id AS target_id, p.statement AS value, i.id AS context_id, i.title AS context_title, NULL::text AS channel_kind, NULL::uuid AS channel_ref, p.created_at AS at
                   FROM constituency_positions p JOIN action_items i ON i.id = p.action_item_id
                  WHERE p.superseded_at IS NULL AND btrim(p.statement) <> ''`,
      status_reason: `SELECT i.id AS target_id, i.status_reason AS value, i.id AS context_id, i.title AS context_title, NULL::text AS channel_kind, NULL::uuid AS channel_ref, i.updated_at AS at
                        FROM action_items i WHERE coalesce(btrim(i.status_reason), '') <> ''`,
      message: `SELECT m.id AS target_id, m.body AS value, c.id AS context_id, NULL::jsonb AS context_title, c.kind AS channel_kind, c.ref_id AS channel_ref, m.created_at AS at
                  FROM messages m JOIN channels c ON c.id = m.channel_id
                 WHERE m.removed_at IS NULL AND m.body IS NOT NULL AND btrim(m.body) <> '' AND ${readable.sql}`,
    };
    const params = [kind, lang, CHINESE_PATTERN, limit, ...readable.params];
    // The readable channels' parameters were numbered from 5 by the caller.
    return this.dataSource.query(
      `SELECT $1::text AS kind, x.* FROM (${source[kind]}) x
        WHERE x.value ${written} $3 AND ${untranslated}
        ORDER BY x.at DESC, x.target_id
        LIMIT $4`,
      params,
    );
  }
}
