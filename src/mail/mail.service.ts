import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, orNotFound, conflict } from '../common/errors';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { NotificationView } from '../realtime/dto/views';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { DEFAULT_MAIL_MODE, MAIL_KINDS, MAIL_MODES, type MailKind, type MailMode, mailKindOf } from '../shared/mail-kinds';
import { type MailProfile, UsersService } from '../users/users.service';
import type { MailPreferencesDto, MailPreferencesView, OutboxMailView, OutboxPage, OutboxQuery } from './dto/mail.dto';
import type { MailAttachment, OutboxMail } from './entities/outbox-mail.entity';
import { MailTokens } from './mail-tokens';
import { type NewOutboxMail, OutboxRepository } from './outbox.repository';
import { MailPreferencesRepository } from './preferences.repository';
import {
  type Bilingual,
  type CalendarMethod,
  calendarMail,
  invitationMail,
  KIND_LABELS,
  type MailContent,
  mailLang,
  notificationMail,
  pick,
  render,
  roundtableMail,
  words,
} from './templates';
import { encodeCursor, readCursor } from '../common/pagination';

/** Notification kinds whose mail takes a reply by mail (it goes into the thread the notification points at). */
const REPLYABLE = new Set(['mention', 'reply']);

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * What is mailed and to whom: every mail is written to the outbox in the transaction of the change that causes it
 * (MailWorker delivers it). Rendered when written, in the recipient's language, so that delivery needs nothing else.
 */
@Injectable()
export class MailService implements OnModuleInit {
  readonly tokens: MailTokens;
  private readonly domain: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly outbox: OutboxRepository,
    private readonly preferences: MailPreferencesRepository,
    private readonly users: UsersService,
    private readonly emitter: RealtimeEmitter,
    private readonly unitOfWork: UnitOfWork,
  ) {
    this.tokens = new MailTokens(config.jwtSecret);
    this.domain = new URL(config.publicUrl).hostname || 'greentable.localhost';
  }

  onModuleInit(): void {
    this.emitter.onNotify((manager, userId, notification, mailDetail) => this.notificationMail(manager, userId, notification, mailDetail));
  }

  /** The sender as a calendar ORGANIZER: MAIL_FROM's name and address. */
  organizer(): { name: string; email: string } {
    const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(this.config.mailFrom);
    return m ? { name: m[1] || 'GreenTable', email: m[2] } : { name: 'GreenTable', email: this.config.mailFrom.trim() };
  }

  /** An absolute link into the app for a client path. */
  link(path: string): string {
    return `${this.config.publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }

  private newMessageId(): string {
    return `${randomUUID()}@${this.domain}`;
  }

  private unsubscribeUrl(userId: string, kind: string): string {
    return this.link(`/api/mail/unsubscribe/${this.tokens.unsubscribe(userId, kind)}`);
  }

  /** One rendered mail to a user, with its List-Unsubscribe headers when the kind can be turned off. */
  private toUser(
    profile: MailProfile,
    kind: string,
    content: MailContent,
    options: {
      preferenceKind?: string;
      attachments?: MailAttachment[];
      notificationId?: string;
      context?: Record<string, string>;
      delaySeconds?: number;
      dedupeKey?: string;
    } = {},
  ): NewOutboxMail {
    const lang = mailLang(profile.locale);
    const headers: Record<string, string> = {};
    const id = randomUUID();
    if (options.preferenceKind) {
      const url = this.unsubscribeUrl(profile.id, options.preferenceKind);
      content = { ...content, unsubscribe: { label: words.unsubscribe(lang, pick(KIND_LABELS[options.preferenceKind], lang)), url } };
      headers['List-Unsubscribe'] = `<${url}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    // A reply address for mails a reply can go into a thread from; a digest covering several discussions gets one too,
    // so that a reply to it is answered with a bounce explaining where to answer (MailInbound), not lost.
    if (options.context?.channelId || kind === 'digest') {
      headers['Reply-To'] = `reply+${this.tokens.reply(id)}@${this.config.mailReplyDomain}`;
      if (options.context?.channelId) content = { ...content, note: words.replyNote(lang) };
    }
    const rendered = render(content, lang);
    return {
      id,
      kind,
      userId: profile.id,
      toAddress: profile.email,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      headers,
      attachments: options.attachments ?? [],
      messageId: this.newMessageId(),
      dedupeKey: options.dedupeKey ?? null,
      notificationId: options.notificationId ?? null,
      context: options.context ?? {},
      delaySeconds: options.delaySeconds,
    };
  }

  /** Writes mails in the caller's transaction (or on their own). */
  async enqueue(tx: Tx | null, mails: NewOutboxMail[]): Promise<number> {
    if (tx) return this.outbox.insert(tx, mails);
    return this.unitOfWork.run((own) => this.outbox.insert(own, mails));
  }

  // ---- what is mailed ----

  /** The hook every in-app notification goes through: mailed at once when the person chose so for its kind. */
  private async notificationMail(manager: EntityManager | null, userId: string, notification: NotificationView, mailDetail?: object): Promise<void> {
    const preferenceKind = mailKindOf(notification.kind);
    const [profile] = await this.users.mailProfiles([userId], manager ?? undefined);
    if (!profile) return;
    const mode = (await this.preferences.modesFor([userId], preferenceKind, manager ?? undefined)).get(userId) ?? DEFAULT_MAIL_MODE;
    if (mode !== 'immediate') return;
    const payload = notification.payload;
    const link = typeof payload.link === 'string' ? this.link(payload.link) : null;
    const lang = mailLang(profile.locale);
    // A roundtable's agenda or minutes: the whole text, with times in the venue's zone and the reader's.
    const content = roundtableMail(lang, notification.kind, mailDetail, profile.timeZone, link) ?? notificationMail(lang, notification.kind, payload, link);
    const replyable = REPLYABLE.has(notification.kind) && typeof payload.channelId === 'string';
    const context: Record<string, string> = replyable
      ? {
          channelId: payload.channelId as string,
          ...(typeof payload.messageId === 'string' ? { parentId: (payload.threadId as string | undefined) ?? payload.messageId } : {}),
          ...(typeof payload.seq === 'number' ? { seq: String(payload.seq) } : {}),
        }
      : {};
    await this.enqueue(manager, [
      this.toUser(profile, `notification.${notification.kind}`, content, {
        preferenceKind,
        notificationId: notification.id,
        context,
        delaySeconds: replyable ? this.config.mailNotificationDelaySeconds : undefined,
      }),
    ]);
  }

  /** The invitation to the platform, written with it (or again, on resend). */
  async invitation(
    tx: Tx,
    input: { email: string; token: string; organization: Bilingual; role: string; inviter: string | null; expiresAt: Date; locale?: string },
  ): Promise<void> {
    // The invitee has no language yet: the invitation speaks both, the inviter's first.
    const first = mailLang(input.locale ?? 'en');
    const second = first === 'en' ? 'zh' : 'en';
    const url = this.link(`/invitations/${input.token}`);
    const [a, b] = [invitationMail(first, { ...input, url }), invitationMail(second, { ...input, url })];
    const rendered = render(
      {
        subject: `${a.subject} · ${b.subject}`,
        paragraphs: [...a.paragraphs, ...b.paragraphs],
        action: { label: `${a.action!.label} · ${b.action!.label}`, url },
      },
      first,
    );
    await this.outbox.insert(tx, [
      {
        kind: 'invitation',
        userId: null,
        toAddress: input.email,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        headers: {},
        attachments: [],
        messageId: this.newMessageId(),
        dedupeKey: null,
        notificationId: null,
        context: {},
      },
    ]);
  }

  /**
   * A roundtable's calendar invitation (REQUEST; `update` when its time or place changed) or cancellation, with
   * the .ics each recipient's calendar acts on. `ics(lang)` gives the calendar in the recipient's language.
   */
  async calendar(
    tx: Tx,
    input: {
      userIds: string[];
      method: CalendarMethod;
      update: boolean;
      title: Bilingual;
      when: (lang: 'en' | 'zh', timeZone: string) => string;
      place: string;
      path: string;
      ics: (lang: 'en' | 'zh', attendee: { name: string; email: string }) => string;
    },
  ): Promise<void> {
    const profiles = await this.users.mailProfiles(input.userIds, tx);
    const modes = await this.modesFor(input.userIds, 'roundtable.invitation', tx);
    const mails = profiles
      .filter((p) => (modes.get(p.id) ?? DEFAULT_MAIL_MODE) !== 'never')
      .map((p) => {
        const lang = mailLang(p.locale);
        const content = calendarMail(lang, { ...input, when: input.when(lang, p.timeZone), url: this.link(input.path) });
        return this.toUser(p, `roundtable.${input.method === 'CANCEL' ? 'cancel' : input.update ? 'update' : 'invitation'}`, content, {
          preferenceKind: 'roundtable.invitation',
          attachments: [
            {
              filename: input.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
              contentType: 'text/calendar',
              content: input.ics(lang, { name: p.displayName, email: p.email }),
              method: input.method,
            },
          ],
        });
      });
    await this.outbox.insert(tx, mails);
  }

  // ---- preferences ----

  /** Each person's mode for a kind (what they chose, or the default). */
  async modesFor(userIds: string[], kind: MailKind, tx?: Tx): Promise<Map<string, MailMode>> {
    const chosen = await this.preferences.modesFor(userIds, kind, tx);
    return new Map(userIds.map((id) => [id, chosen.get(id) ?? DEFAULT_MAIL_MODE]));
  }

  async preferencesOf(user: AuthUser): Promise<MailPreferencesView> {
    const [rows, [profile]] = await Promise.all([this.preferences.ofUser(user.id), this.users.mailProfiles([user.id])]);
    const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
    return {
      timeZone: profile?.timeZone ?? 'UTC',
      digestHour: profile ? profile.digestHour : 8,
      kinds: MAIL_KINDS.map((kind) => ({ kind, mode: chosen.get(kind) ?? DEFAULT_MAIL_MODE })),
    };
  }

  async setPreferences(user: AuthUser, dto: MailPreferencesDto): Promise<MailPreferencesView> {
    if (dto.timeZone !== undefined && !isTimeZone(dto.timeZone)) throw badRequest('timeZone', 'timeZone must be an IANA time zone such as Asia/Shanghai');
    const modes: Record<string, MailMode> = {};
    for (const [index, entry] of (dto.kinds ?? []).entries()) {
      if (!(MAIL_KINDS as readonly string[]).includes(entry.kind)) throw badRequest(`kinds.${index}.kind`, `kind must be one of ${MAIL_KINDS.join(', ')}`);
      if (!(MAIL_MODES as readonly string[]).includes(entry.mode)) throw badRequest(`kinds.${index}.mode`, `mode must be one of ${MAIL_MODES.join(', ')}`);
      modes[entry.kind] = entry.mode;
    }
    await this.unitOfWork.run(async (tx) => {
      await this.users.setMailSettings(tx, user.id, { timeZone: dto.timeZone, digestHour: dto.digestHour });
      await this.preferences.set(tx, user.id, modes);
    });
    return this.preferencesOf(user);
  }

  /** One-click unsubscribe (RFC 8058) or the link in the footer: turns that kind off; false when the token is not ours. */
  async unsubscribe(token: string): Promise<{ kind: string } | null> {
    const read = this.tokens.readUnsubscribe(token);
    if (!read || (!(MAIL_KINDS as readonly string[]).includes(read.kind) && read.kind !== 'digest')) return null;
    const [profile] = await this.users.mailProfiles([read.userId]);
    if (!profile) return null;
    await this.unitOfWork.run(async (tx) => {
      if (read.kind === 'digest') await this.users.setMailSettings(tx, read.userId, { digestHour: null });
      else await this.preferences.set(tx, read.userId, { [read.kind]: 'never' });
    });
    return { kind: read.kind };
  }

  /** The unsubscribe URL of a kind for a user (for the digest's footer). */
  unsubscribeLinkFor(userId: string, kind: MailKind | 'digest'): string {
    return this.unsubscribeUrl(userId, kind);
  }

  /** A rendered mail to a user, for other parts of the mail module (the digest). */
  compose(profile: MailProfile, kind: string, content: MailContent, options: Parameters<MailService['toUser']>[3] = {}): NewOutboxMail {
    return this.toUser(profile, kind, content, options);
  }

  // ---- the outbox, for admins ----

  async outboxPage(query: OutboxQuery): Promise<OutboxPage> {
    const limit = query.limit ?? 50;
    const cursor = readCursor(query.cursor, { at: 'timestamp', id: 'uuid' });
    const rows = await this.outbox.page({ status: query.status, limit: limit + 1, before: cursor ? { at: new Date(cursor.at), id: cursor.id } : undefined });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((m) => toOutboxView(m)),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
      ...(await this.outbox.figures()),
      delivering: Boolean(this.config.smtpUrl),
    };
  }

  async outboxMail(id: string): Promise<OutboxMailView> {
    return toOutboxView(orNotFound(await this.outbox.find(id), 'Mail'), true);
  }

  async retry(id: string): Promise<OutboxMailView> {
    const mail = orNotFound(await this.outbox.find(id), 'Mail');
    if (!(await this.outbox.requeue(id))) throw conflict(`Only a failed mail can be retried; this one is ${mail.status}`);
    return this.outboxMail(id);
  }

  figures() {
    return this.outbox.figures();
  }
}

function toOutboxView(m: OutboxMail, withBody = false): OutboxMailView {
  return {
    id: m.id,
    kind: m.kind,
    to: m.toAddress,
    subject: m.subject,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    messageId: m.messageId,
    createdAt: m.createdAt.toISOString(),
    nextAttemptAt: m.nextAttemptAt.toISOString(),
    sentAt: m.sentAt ? m.sentAt.toISOString() : null,
    ...(withBody ? { text: m.textBody, attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })) } : {}),
  };
}
