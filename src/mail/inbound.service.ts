import { HttpException, HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ParsedMail } from 'mailparser';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { MessageSendPayload } from '../realtime/dto/events.dto';
import { MAX_BODY_LENGTH } from '../realtime/message-text';
import { channelLink, MessagesService, toAuthorView } from '../realtime/messages.service';
import { RealtimeEmitter } from '../realtime/realtime.emitter';
import { SendRateLimit } from '../realtime/realtime.settings';
import { ChannelsService } from '../realtime/channels.service';
import { toAuthUser, UsersService } from '../users/users.service';
import { MailService } from './mail.service';
import { OutboxRepository } from './outbox.repository';
import { replyText } from './reply-text';
import { mailLang, type ReplyRefusal, replyRefusedMail } from './templates';

/** The largest reply taken (the text is at most 4000 characters; the rest is quotes, HTML and attachments). */
const MAX_INBOUND_BYTES = 5 * 1024 * 1024;
/** 1–128 printable ASCII characters without spaces: a Message-ID that fits is used as it is as the clientMessageId. */
const CLIENT_MESSAGE_ID = /^[\x21-\x7e]{1,128}$/;

/** A verified reply address: the outbox mail it was given with, to whom and where a reply goes. */
interface ReplyTarget {
  mailId: string;
  userId: string;
  toAddress: string;
  /** Null for a digest covering several discussions: a reply to it is answered with a bounce saying where to answer. */
  channelId: string | null;
  parentId: string | null;
}

type Session = SMTPServerSession & { replyTargets?: ReplyTarget[] };

/** What became of one reply. */
export type ReplyOutcome = { posted: true; messageId: string; duplicate: boolean } | { posted: false; refusal: ReplyRefusal };

/** An SMTP answer with a code (smtp-server sends error.responseCode). */
const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * Replies by mail: an SMTP listener (the smtp-server package) on INBOUND_SMTP_PORT takes mail for the signed
 * per-recipient reply addresses (`reply+<token>@MAIL_REPLY_DOMAIN`) that mention and reply mails carry.
 *
 * - An address that is not ours or whose signature does not hold is refused at RCPT TO (550); so is a mail whose
 *   From is not the address the notification was mailed to (at DATA). Nothing is posted and nothing is mailed: the
 *   sender is not known to be who they say, and the sending server reports the 550.
 * - Otherwise the text, its quoted history and signature taken off, is posted into the thread as its author through
 *   MessagesService.send, the very path of the socket's `message:send` (rights checked now, body rules, the person's
 *   write limit, idempotency with the mail's Message-ID as the clientMessageId: a mail delivered twice posts once),
 *   and the channel's room hears `message:new`.
 * - A verified person whose reply cannot be posted (deactivated, no longer allowed to post there, nothing left after
 *   the quotes, too long) gets 250 and a short bounce through the outbox, in their language, saying why. Over the
 *   write limit, or on a fault here: 451, and the sending server tries again later.
 */
@Injectable()
export class MailInbound implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailInbound');
  private server: SMTPServer | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly mail: MailService,
    private readonly outbox: OutboxRepository,
    private readonly users: UsersService,
    private readonly messages: MessagesService,
    private readonly channels: ChannelsService,
    private readonly writes: SendRateLimit,
    private readonly emitter: RealtimeEmitter,
  ) {}

  /** The port the listener is bound to (INBOUND_SMTP_PORT, or the one the system chose for 0); null when off. */
  get port(): number | null {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address ? address.port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.inboundSmtpPort === undefined) return;
    // The SMTP listener and the mail parser are loaded only when replies by mail are on.
    const { SMTPServer } = await import('smtp-server');
    const server = new SMTPServer({
      name: this.config.mailReplyDomain,
      banner: 'GreenTable replies by mail',
      authOptional: true,
      // Meant to receive from the MX in front of it (or the senders' servers directly, on a trusted network): no AUTH.
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: MAX_INBOUND_BYTES,
      onRcptTo: (address, session, callback) => {
        this.recipient(address, session as Session)
          .then(() => callback())
          .catch((error: Error) => callback(error));
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session as Session)
          .then(() => callback())
          .catch((error: Error) => callback(error));
      },
    });
    server.on('error', (error) => this.logger.error(`inbound SMTP: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.config.inboundSmtpPort, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`inbound SMTP for replies by mail on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** RCPT TO: only our reply addresses with a valid signature, pointing at a thread. */
  private async recipient(address: SMTPServerAddress, session: Session): Promise<void> {
    const target = await this.readAddress(address.address);
    if (!target) throw smtpError(550, '5.1.1 This reply address is not valid');
    (session.replyTargets ??= []).push(target);
  }

  /** The outbox mail a reply address stands for, when the address is ours and its signature holds. */
  async readAddress(address: string): Promise<ReplyTarget | null> {
    const at = address.lastIndexOf('@');
    if (at < 0 || address.slice(at + 1).toLowerCase() !== this.config.mailReplyDomain.toLowerCase()) return null;
    const local = address.slice(0, at);
    if (!local.toLowerCase().startsWith('reply+')) return null;
    const mailId = this.mail.tokens.readReply(local.slice('reply+'.length));
    if (!mailId) return null;
    const row = await this.outbox.replyTarget(mailId);
    if (!row?.userId || (!row.context.channelId && row.kind !== 'digest')) return null;
    return { mailId, userId: row.userId, toAddress: row.toAddress, channelId: row.context.channelId ?? null, parentId: row.context.parentId ?? null };
  }

  /** DATA: parsed with mailparser; the sender checked; posted (or bounced) for each reply address. */
  private async receive(stream: SMTPServerDataStream, session: Session): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw smtpError(552, '5.3.4 The mail is too large');
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(Buffer.concat(chunks));
    const from = parsed.from?.value[0]?.address?.toLowerCase() ?? '';
    const targets = session.replyTargets ?? [];
    if (!targets.length) throw smtpError(554, '5.5.1 No valid recipients');
    if (targets.some((t) => t.toAddress.toLowerCase() !== from)) {
      throw smtpError(550, '5.7.1 The sender is not the person this reply address was given to');
    }
    for (const target of targets) {
      try {
        await this.reply(target, parsed);
      } catch (error) {
        if (error instanceof HttpException && (error.getStatus() as HttpStatus) === HttpStatus.TOO_MANY_REQUESTS) {
          throw smtpError(451, '4.7.1 Too many messages: try again later');
        }
        this.logger.error(`reply by mail: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw smtpError(451, '4.3.0 The reply could not be taken now: try again later');
      }
    }
  }

  /** The clientMessageId of a mail: its Message-ID when it fits the rule, else a digest of it (or of the mail). */
  private clientMessageId(parsed: ParsedMail): string {
    const id = (parsed.messageId ?? '').replace(/^<|>$/g, '');
    if (id && CLIENT_MESSAGE_ID.test(id)) return id;
    const basis = id || `${parsed.from?.text ?? ''}\n${parsed.date?.toISOString() ?? ''}\n${parsed.subject ?? ''}\n${parsed.text ?? ''}`;
    return `mail:${createHash('sha256').update(basis).digest('base64url')}`;
  }

  /**
   * Posts one verified reply into its thread as its author, as `message:send` would, and tells the channel's room;
   * a reply that may not be posted is answered with a bounce through the outbox.
   */
  async reply(target: ReplyTarget, parsed: ParsedMail): Promise<ReplyOutcome> {
    const clientMessageId = this.clientMessageId(parsed);
    const record = await this.users.findActiveIdentity(target.userId);
    if (!record) return this.refuse(target, parsed, clientMessageId, 'inactive');
    const user = toAuthUser(record);
    if (!target.channelId) return this.refuse(target, parsed, clientMessageId, 'several');
    const channelId = target.channelId;
    const body = replyText(parsed.text ?? '');
    if (!body) return this.refuse(target, parsed, clientMessageId, 'empty');
    const dto = plainToInstance(MessageSendPayload, { channelId, clientMessageId, body, parentId: target.parentId });
    const problems = await validate(dto);
    if (problems.length) {
      const detail = Object.values(problems[0].constraints ?? {})[0] ?? 'invalid';
      return this.refuse(target, parsed, clientMessageId, /at most/.test(detail) ? 'too_long' : 'invalid', detail);
    }
    // The same write limit as the person's sockets (per person, shared between app processes).
    if (!this.writes.take(user.id)) throw new HttpException('Too many messages', HttpStatus.TOO_MANY_REQUESTS);
    let change;
    try {
      change = await this.messages.send(user, toAuthorView(record), dto);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const status = error.getStatus() as HttpStatus;
      if (status === HttpStatus.FORBIDDEN) return this.refuse(target, parsed, clientMessageId, 'no_longer_allowed');
      if (status === HttpStatus.NOT_FOUND) {
        // Hidden and gone look alike to the person; tell them which, since the address was theirs.
        return this.refuse(target, parsed, clientMessageId, (await this.channels.byId(channelId)) ? 'no_longer_allowed' : 'gone');
      }
      if (status === HttpStatus.UNAUTHORIZED) return this.refuse(target, parsed, clientMessageId, 'inactive');
      if (status === HttpStatus.BAD_REQUEST) {
        const response = error.getResponse() as { details?: { message: string }[] };
        return this.refuse(target, parsed, clientMessageId, 'invalid', response.details?.[0]?.message ?? error.message);
      }
      throw error;
    }
    if (change.changed) this.emitter.toChannel(channelId, 'message:new', { message: change.message });
    return { posted: true, messageId: change.message.id, duplicate: !change.changed };
  }

  /** The bounce: to the address the reply address was given to (never to an unverified From), once per mail. */
  private async refuse(target: ReplyTarget, parsed: ParsedMail, clientMessageId: string, reason: ReplyRefusal, detail?: string): Promise<ReplyOutcome> {
    const user = await this.users.findById(target.userId);
    const channel = target.channelId ? await this.channels.byId(target.channelId) : null;
    const profile = {
      id: target.userId,
      email: target.toAddress,
      displayName: user?.displayName ?? '',
      locale: user?.locale ?? 'en',
      timeZone: user?.timeZone ?? 'UTC',
      digestHour: null,
    };
    const content = replyRefusedMail(mailLang(profile.locale), {
      reason,
      detail,
      maxLength: MAX_BODY_LENGTH,
      subject: parsed.subject ?? '',
      url: reason === 'inactive' ? null : channel ? this.mail.link(channelLink(channel.kind, channel.refId)) : this.mail.link('/'),
    });
    const bounce = this.mail.compose(profile, 'reply.refused', content, { dedupeKey: `reply-refused:${target.userId}:${clientMessageId}` });
    await this.mail.enqueue(null, [{ ...bounce, headers: { ...bounce.headers, 'Auto-Submitted': 'auto-replied' } }]);
    this.logger.log(`reply by mail from user ${target.userId} not posted: ${reason}`);
    return { posted: false, refusal: reason };
  }
}
