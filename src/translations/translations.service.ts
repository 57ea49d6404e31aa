import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { forbidden, notFound } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { ChannelAccessRegistry } from '../realtime/channel-access.registry';
import { ChannelsService } from '../realtime/channels.service';
import { channelLink } from '../realtime/messages.service';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { channelRoom } from '../realtime/realtime.events';
import { readableChannelsSql } from '../realtime/readable-channels';
import { watchRoom } from '../realtime/watch.registry';
import type { ChannelKind } from '../shared/enums';
import {
  BILINGUAL_FIELD_KINDS,
  type BilingualFieldKind,
  FREE_TEXT_KINDS,
  type FreeTextKind,
  TRANSLATION_LANGS,
  type TranslationKind,
  type TranslationLang,
} from '../shared/enums';
import { UsersService } from '../users/users.service';
import type {
  MachineDraftDto,
  MachineDraftView,
  SaveTranslationDto,
  SavedTranslation,
  TranslationCapabilities,
  TranslationQueue,
  TranslationQueueItem,
  TranslationQueueQuery,
} from './dto/translation.dto';
import { MachineTranslator } from './machine-translator';
import { TranslationRecords } from './translation-records';
import { CHINESE_PATTERN, type QueueRow, type RoundtableScope, TranslationsRepository } from './translations.repository';

const isFreeText = (kind: TranslationKind): kind is FreeTextKind => (FREE_TEXT_KINDS as readonly string[]).includes(kind);
const chinese = new RegExp(CHINESE_PATTERN);
/** The language a free text was written in: Chinese if it has Chinese characters, otherwise English. */
export const languageOf = (text: string): TranslationLang => (chinese.test(text) ? 'zh' : 'en');
const otherLang = (lang: TranslationLang): TranslationLang => (lang === 'en' ? 'zh' : 'en');
/** How many texts of each kind the queue shows at once. */
const PER_KIND = 50;

const inScope = (scope: RoundtableScope, id: string) => ('all' in scope ? true : 'except' in scope ? !scope.except.includes(id) : scope.only.includes(id));

/**
 * Every text in both languages: translations added later to texts written in one language, the queue of texts that
 * lack a language, and machine drafts. Facilitators, admins and people granted the translator right translate.
 */
@Injectable()
export class TranslationsService {
  constructor(
    private readonly translations: TranslationsRepository,
    private readonly records: TranslationRecords,
    private readonly users: UsersService,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly channels: ChannelsService,
    private readonly access: ChannelAccessRegistry,
    private readonly realtime: RealtimeEmitter,
    private readonly machine: MachineTranslator,
  ) {}

  async canTranslate(user: AuthUser): Promise<boolean> {
    return isStaff(user) || (await this.users.isTranslator(user.id));
  }

  private async assertTranslator(user: AuthUser): Promise<void> {
    if (!(await this.canTranslate(user))) throw forbidden('Only facilitators and translators may translate');
  }

  async capabilities(user: AuthUser): Promise<TranslationCapabilities> {
    const translate = await this.canTranslate(user);
    return { translate, machineDrafts: translate && this.machine.available };
  }

  private async roundtableScope(user: AuthUser): Promise<RoundtableScope> {
    return (await this.access.readableScopes(user)).get('roundtable') ?? { only: [] };
  }

  async queue(user: AuthUser, query: TranslationQueueQuery): Promise<TranslationQueue> {
    await this.assertTranslator(user);
    const langs = query.lang ? [query.lang] : [...TRANSLATION_LANGS];
    const kinds = query.kind ? [query.kind] : [...BILINGUAL_FIELD_KINDS, ...FREE_TEXT_KINDS];
    const roundtables = await this.roundtableScope(user);
    const scopes = await this.access.readableScopes(user);
    const items: TranslationQueueItem[] = [];
    for (const lang of langs) {
      for (const kind of kinds) {
        const rows = isFreeText(kind)
          ? await this.translations.missingFreeText(kind, lang, PER_KIND, kind === 'message' ? readableChannelsSql(scopes, 'c', 5) : undefined)
          : await this.translations.missingBilingual(kind, lang, roundtables, PER_KIND);
        items.push(...rows.map((row) => this.toQueueItem(row, lang)));
      }
    }
    return { items };
  }

  private toQueueItem(row: QueueRow, lang: TranslationLang): TranslationQueueItem {
    const kind = row.kind as TranslationKind;
    const original = typeof row.value === 'string' ? row.value : (row.value[otherLang(lang)] ?? '');
    const contextId = row.context_id;
    let link: string;
    if (kind === 'message') link = channelLink(row.channel_kind as ChannelKind, row.channel_ref);
    else if (kind === 'indicator_definition') link = `/indicators/${contextId}`;
    else if (kind.startsWith('roundtable') || kind === 'agenda_item' || kind === 'decision') link = `/roundtables/${contextId}`;
    else link = `/action-items/${contextId}`;
    return {
      kind,
      targetId: row.target_id,
      lang,
      sourceLang: otherLang(lang),
      original,
      context: { id: contextId, title: row.context_title, channelKind: (row.channel_kind as ChannelKind | null) ?? null, link },
      at: row.at.toISOString(),
    };
  }

  async save(user: AuthUser, dto: SaveTranslationDto): Promise<SavedTranslation> {
    await this.assertTranslator(user);
    return isFreeText(dto.kind) ? this.saveFreeText(user, dto.kind, dto) : this.fillField(user, dto.kind, dto);
  }

  /** Adds (or replaces) the translation of a statement, a reason or a message; the original stays as it was written. */
  private async saveFreeText(user: AuthUser, kind: FreeTextKind, dto: SaveTranslationDto): Promise<SavedTranslation> {
    const original = await this.translations.freeText(kind, dto.targetId);
    if (!original || !original.text.trim()) throw notFound(kind === 'message' ? 'Message' : kind === 'position' ? 'Position' : 'Status reason');
    // A message is translated only by someone who may read its channel (hidden ones answer 404).
    if (original.channelId) await this.channels.authorize(user, original.channelId, 'read');
    const machine = dto.machine ?? false;
    await this.unitOfWork.run(async (tx) => {
      const { previous } = await this.translations.save(tx, { kind, targetId: dto.targetId, lang: dto.lang, text: dto.text, userId: user.id, machine });
      await this.activity.record(tx, {
        actorId: user.id,
        action: previous === null ? 'translation.added' : 'translation.changed',
        entityType: kind === 'message' ? 'message' : 'action_item',
        entityId: kind === 'message' ? dto.targetId : original.actionItemId!,
        changes: { kind, targetId: dto.targetId, lang: dto.lang, text: { from: previous, to: dto.text }, machine },
      });
    });
    const translation = (await this.records.of(kind, [dto.targetId])).get(dto.targetId)?.find((t) => t.lang === dto.lang) ?? null;
    const rooms: string[] = [];
    if (original.channelId) rooms.push(channelRoom(original.channelId));
    if (original.actionItemId) {
      rooms.push(channelRoom((await this.channels.ensureChannel('action_item', original.actionItemId)).id));
      if (original.roadmapId) rooms.push(watchRoom('roadmap', original.roadmapId));
    }
    const contextId = original.channelId ?? original.actionItemId;
    this.realtime.toRoom(rooms, 'translation:updated', { kind, targetId: dto.targetId, lang: dto.lang, text: dto.text, translation, contextId, by: user.id });
    return { kind, targetId: dto.targetId, lang: dto.lang, text: dto.text, translation };
  }

  /** Fills the missing language of a bilingual field (or corrects it); the other language is left as it is. */
  private async fillField(user: AuthUser, kind: BilingualFieldKind, dto: SaveTranslationDto): Promise<SavedTranslation> {
    const found = await this.translations.bilingualField(kind, dto.targetId);
    if (!found || (found.roundtableId && !inScope(await this.roundtableScope(user), found.roundtableId))) throw notFound('Text');
    await this.unitOfWork.run(async (tx) => {
      await this.translations.fillBilingual(tx, kind, dto.targetId, dto.lang, dto.text);
      const entityType = found.roundtableId ? 'roundtable' : kind === 'indicator_definition' ? 'indicator' : 'action_item';
      await this.activity.record(tx, {
        actorId: user.id,
        action: `${entityType}.translated`,
        entityType,
        entityId: found.contextId,
        changes: { kind, targetId: dto.targetId, lang: dto.lang, text: { from: found.value[dto.lang] ?? null, to: dto.text }, machine: dto.machine ?? false },
      });
    });
    const rooms: string[] = [];
    if (found.roundtableId) rooms.push(channelRoom((await this.channels.ensureChannel('roundtable', found.roundtableId)).id));
    else if (kind === 'commitment_title' || kind === 'commitment_description') {
      rooms.push(channelRoom((await this.channels.ensureChannel('action_item', found.contextId)).id));
    }
    if (rooms.length) {
      this.realtime.toRoom(rooms, 'translation:updated', {
        kind,
        targetId: dto.targetId,
        lang: dto.lang,
        text: dto.text,
        translation: null,
        contextId: found.contextId,
        by: user.id,
      });
    }
    return { kind, targetId: dto.targetId, lang: dto.lang, text: dto.text, translation: null };
  }

  async machineDraft(user: AuthUser, dto: MachineDraftDto): Promise<MachineDraftView> {
    await this.assertTranslator(user);
    return { text: await this.machine.translate(dto.text, dto.source, dto.target), machine: true };
  }
}
