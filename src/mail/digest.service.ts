import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { channelLink } from '../realtime/messages.service';
import { NotificationsService } from '../realtime/notifications.service';
import { ReadPositionsRepository } from '../realtime/read-positions.repository';
import { DEFAULT_MAIL_MODE, mailKindOf } from '../shared/mail-kinds';
import { type MailProfile, UsersService } from '../users/users.service';
import { MailService } from './mail.service';
import { OutboxRepository } from './outbox.repository';
import { MailPreferencesRepository } from './preferences.repository';
import { digestMail, mailLang, notificationMail } from './templates';

const CHANNEL_PLACES: Record<string, { en: string; zh: string }> = {
  lobby: { en: 'The lobby', zh: '大厅' },
  roundtable: { en: 'A roundtable discussion', zh: '圆桌会议讨论' },
  working_group: { en: 'A working group discussion', zh: '工作组讨论' },
  action_item: { en: 'A commitment discussion', zh: '承诺讨论' },
};

/**
 * The daily digest: at the hour each person chose, in their time zone, one mail with the unread messages of their
 * channels and the notifications they have not read since the last digest. Nothing read is in it; nothing unread
 * means no mail. Written at most once a day per person (a dedupe key), whichever app process gets there first.
 */
@Injectable()
export class DigestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DigestService');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly outbox: OutboxRepository,
    private readonly preferences: MailPreferencesRepository,
    private readonly notifications: NotificationsService,
    private readonly readPositions: ReadPositionsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.env === 'test') return; // tests call run() themselves
    this.timer = setInterval(() => {
      this.run().catch((error) => this.logger.error(`digest: ${error instanceof Error ? error.message : String(error)}`));
    }, 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Writes the digests due now; returns how many were written. */
  async run(): Promise<number> {
    let written = 0;
    for (const profile of await this.users.dueForDigest()) written += await this.digestFor(profile);
    return written;
  }

  /** The digest of one person, written if it has anything and none was written today; 1 when written. */
  async digestFor(profile: MailProfile, now = new Date()): Promise<number> {
    const lang = mailLang(profile.locale);
    const since = (await this.outbox.lastDigestAt(profile.id)) ?? new Date(now.getTime() - 24 * 3600 * 1000);
    const channels = await this.readPositions.channelsRead(profile.id);
    const unread = (
      await this.readPositions.unreadSummary(
        profile.id,
        channels.map((c) => c.channelId),
      )
    ).filter((u) => u.unread > 0);
    const byId = new Map(channels.map((c) => [c.channelId, c]));
    const notifications = await this.notifications.unreadSince(profile.id, since);
    const kinds = [...new Set(notifications.map((n) => mailKindOf(n.kind)))];
    const modes = new Map<string, string>();
    for (const kind of kinds) modes.set(kind, (await this.preferences.modesFor([profile.id], kind)).get(profile.id) ?? DEFAULT_MAIL_MODE);
    const told = notifications.filter((n) => modes.get(mailKindOf(n.kind)) !== 'never');
    if (!unread.length && !told.length) return 0;
    const content = digestMail(lang, {
      channels: unread.map((u) => {
        const c = byId.get(u.channelId)!;
        return {
          title: CHANNEL_PLACES[c.kind]?.[lang] ?? c.kind,
          unread: u.unread,
          mentions: u.mentions,
          url: this.mail.link(channelLink(c.kind as 'lobby', c.refId)),
        };
      }),
      notifications: told.map((n) => {
        const link = typeof n.payload.link === 'string' ? this.mail.link(n.payload.link) : null;
        return { subject: notificationMail(lang, n.kind, n.payload, link).subject, url: link };
      }),
      appUrl: this.mail.link('/'),
    });
    const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: profile.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    // A reply to the digest goes into a discussion only when everything in it is from one: then it is posted there.
    const threads = new Set([...unread.map((u) => u.channelId), ...told.map((n) => (typeof n.payload.channelId === 'string' ? n.payload.channelId : ''))]);
    const context: Record<string, string> = threads.size === 1 && !threads.has('') ? { channelId: [...threads][0] } : {};
    const row = this.mail.compose(profile, 'digest', content, { preferenceKind: 'digest', dedupeKey: `digest:${profile.id}:${localDay}`, context });
    return this.unitOfWork.run((tx: Tx) => this.outbox.insert(tx, [row]));
  }
}
