import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { ApiController, CurrentUser, PostAction, Public, Roles } from '../common/decorators';
import { IdParam } from '../common/params';
import { MailPreferencesDto, MailPreferencesView, OutboxMailView, OutboxPage, OutboxQuery, UnsubscribeTokenParam } from './dto/mail.dto';
import { MailService } from './mail.service';

const page = (lang: 'en' | 'zh', title: string, body: string) =>
  `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;

/** Admins: every mail the platform wrote, its delivery status, and a retry for a failed one. */
@ApiController('operations', 'admin/outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @Roles('admin')
  list(@Query() query: OutboxQuery): Promise<OutboxPage> {
    return this.mail.outboxPage(query);
  }

  @Get(':id')
  @Roles('admin')
  get(@Param() { id }: IdParam): Promise<OutboxMailView> {
    return this.mail.outboxMail(id);
  }

  /** Queues a failed mail again, at once. */
  @PostAction(':id/retry')
  @Roles('admin')
  @ApiErrors(409)
  retry(@Param() { id }: IdParam): Promise<OutboxMailView> {
    return this.mail.retry(id);
  }
}

/** A person's own mail preferences. */
@ApiController('mail', 'mail/preferences')
export class MailPreferencesController {
  constructor(private readonly mail: MailService) {}

  @Get()
  get(@CurrentUser() user: AuthUser): Promise<MailPreferencesView> {
    return this.mail.preferencesOf(user);
  }

  /** Changes what is given: time zone, digest hour, and the mode of the kinds listed. */
  @Put()
  set(@CurrentUser() user: AuthUser, @Body() dto: MailPreferencesDto): Promise<MailPreferencesView> {
    return this.mail.setPreferences(user, dto);
  }
}

/** The unsubscribe link every mail carries: no sign-in, a signed token naming the person and the kind. */
@ApiTags('mail')
@Controller('mail/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly mail: MailService) {}

  /** A page with one button (a link checker following the link turns nothing off). */
  @Public()
  @Get(':token')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A page that confirms the unsubscription with one button.', schema: { type: 'string' } })
  @ApiErrors(404)
  confirm(@Param() { token }: UnsubscribeTokenParam, @Res({ passthrough: true }) res: FastifyReply): string {
    res.header('Content-Type', 'text/html; charset=utf-8');
    if (!this.mail.tokens.readUnsubscribe(token)) {
      res.status(404);
      return page('en', 'Unsubscribe · 退订', '<p>This link is not valid. · 此链接无效。</p>');
    }
    // The token is base64url and a dot (checked above), so it is safe in the attribute.
    return page(
      'en',
      'Unsubscribe · 退订',
      `<form method="post" action="/api/mail/unsubscribe/${token}"><p>Stop these mails from GreenTable? · 不再接收此类 GreenTable 邮件？</p>` +
        `<button type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe · 退订</button></form>`,
    );
  }

  /** RFC 8058 one-click unsubscribe (List-Unsubscribe-Post), and the page's button. */
  @Public()
  @PostAction(':token')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Done: that kind of mail is turned off.', schema: { type: 'string' } })
  @ApiErrors(404)
  async unsubscribe(@Param() { token }: UnsubscribeTokenParam, @Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    const done = await this.mail.unsubscribe(token);
    if (!done) {
      res.status(404);
      res.header('Content-Type', 'text/html; charset=utf-8');
      return page('en', 'Unsubscribe · 退订', '<p>This link is not valid. · 此链接无效。</p>');
    }
    res.header('Content-Type', 'text/html; charset=utf-8');
    return page('en', 'Unsubscribed · 已退订', `<p>Done: you will no longer receive these mails. · 已完成：您将不再收到此类邮件。</p>`);
  }
}
