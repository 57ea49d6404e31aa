import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { dayIn } from '../common/day-in';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../realtime/channels.service';
import type { MyChannelView } from '../realtime/dto/views';
import { channelLink, placeTitle } from '../realtime/messages.service';
import { NotificationsService } from '../realtime/notifications.service';
import { ReadPositionsRepository } from '../realtime/read-positions.repository';
import { DEFAULT_MAIL_MODE, mailKindOf } from '../shared/mail-kinds';
import { type MailProfile, toAuthUser, UsersService } from '../users/users.service';
import { MailService } from './mail.service';
import { OutboxRepository } from './outbox.repository';
import { MailPreferencesRepository } from './preferences.repository';
import { digestMail, mailLang, notificationMail } from './templates';

/** "the roundtable “…”" → "The roundtable “…”": a digest line starts with the place. */
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The daily digest: at the hour each person chose, in their time zone, one mail with the unread messages of their
 * channels and the notifications they have not read since the last digest. Nothing read is in it; nothing unread
 * means no mail. Written at most once a day per person (a dedupe key), whichever app process gets there first.
 */
@Injectable()
export class DigestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DigestService');
  private timer: NodeJS.Timeout | null = null;
  /** A run under way (the next minute's waits for it rather than doing the same people again). */
  private running: Promise<number> | null = null;
  /**
   * The people whose digest this process has decided (written, or found empty) in their hour today, as
   * `id:local day`: each is decided once at their hour, not again every minute of it. Only those still due are kept.
   */
  private decided = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly outbox: OutboxRepository,
    private readonly preferences: MailPreferencesRepository,
    private readonly notifications: NotificationsService,
    private readonly readPositions: ReadPositionsRepository,
    private readonly channels: ChannelsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.env === 'test') return; // tests call run() themselves
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run();
      this.running
        .catch((error) => this.logger.error(`digest: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.running = null));
    }, 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Writes the digests due now (the people in their digest hour whose digest was not decided yet today); returns how
   * many were written. Something that comes unread later in the hour waits for the next day's digest.
   */
  async run(now = new Date()): Promise<number> {
    const due = await this.users.dueForDigest();
    const keys = due.map((profile) => `${profile.id}:${dayIn(now, profile.timeZone)}`);
    this.decided = new Set(keys.filter((key) => this.decided.has(key)));
    let written = 0;
    for (const [i, profile] of due.entries()) {
      if (this.decided.has(keys[i])) continue;
      written += await this.digestFor(profile, now);
      this.decided.add(keys[i]);
    }
    return written;
  }

  /** The digest of one person, written if it has anything and none was written today; 1 when written. */
  async digestFor(profile: MailProfile, now = new Date()): Promise<number> {
    const lang = mailLang(profile.locale);
    const since = (await this.outbox.lastDigestAt(profile.id)) ?? new Date(now.getTime() - 24 * 3600 * 1000);
    const record = await this.users.findActiveIdentity(profile.id);
    if (!record) return 0;
    const channels = await this.unreadChannels(toAuthUser(record), since);
    const notifications = await this.notifications.unreadSince(profile.id, since);
    const kinds = [...new Set(notifications.map((n) => mailKindOf(n.kind)))];
    const modes = new Map<string, string>();
    for (const kind of kinds) modes.set(kind, (await this.preferences.modesFor([profile.id], kind)).get(profile.id) ?? DEFAULT_MAIL_MODE);
    const told = notifications.filter((n) => modes.get(mailKindOf(n.kind)) !== 'never');
    if (!channels.length && !told.length) return 0;
    const content = digestMail(lang, {
      channels: channels.map((c) => ({
        title: capitalized(placeTitle(c.kind, c.title)[lang]),
        unread: c.unread,
        mentions: c.mentions,
        url: this.mail.link(channelLink(c.kind, c.refId)),
      })),
      notifications: told.map((n) => {
        const link = typeof n.payload.link === 'string' ? this.mail.link(n.payload.link) : null;
        return { subject: notificationMail(lang, n.kind, n.payload, link).subject, url: link };
      }),
      appUrl: this.mail.link('/'),
    });
    // A reply to the digest goes into a discussion only when everything in it is from one: then it is posted there.
    const threads = new Set([...channels.map((c) => c.id), ...told.map((n) => (typeof n.payload.channelId === 'string' ? n.payload.channelId : ''))]);
    const context: Record<string, string> = threads.size === 1 && !threads.has('') ? { channelId: [...threads][0] } : {};
    const row = this.mail.compose(profile, 'digest', content, {
      preferenceKind: 'digest',
      dedupeKey: `digest:${profile.id}:${dayIn(now, profile.timeZone)}`,
      context,
    });
    return this.unitOfWork.run((tx: Tx) => this.outbox.insert(tx, [row]));
  }

  /**
   * The person's channels as their sidebar lists them (their rights applied now: a discussion they were removed from
   * is not there, one they never opened is) with something unread that is new since the last digest, so that an old
   * unread backlog is not mailed every day. The lobby, open to everyone, counts only for those who have opened it.
   */
  private async unreadChannels(user: AuthUser, since: Date): Promise<MyChannelView[]> {
    const mine = (await this.channels.mine(user)).filter((c) => c.unread > 0);
    const ids = mine.map((c) => c.id);
    const [fresh, opened] = await Promise.all([this.readPositions.newSince(user.id, ids, since), this.readPositions.opened(user.id, ids)]);
    return mine.filter((c) => fresh.has(c.id) && (c.kind !== 'lobby' || opened.has(c.id)));
  }
}
