import { randomUUID } from 'node:crypto';
import { MailService } from '../src/mail/mail.service';
import type { NewOutboxMail } from '../src/mail/outbox.repository';
import { LANES } from '../src/mail/mail.worker';
import { AppProcess } from './support/app-processes';
import { TestContext } from './support/context';
import { SmtpSink } from './support/smtp-sink';

const JWT_SECRET = 'mail-delivery-secret-mail-delivery-secret-0123';

/** n plain mails to addresses under `domain`, each with its own Message-ID. */
function mails(n: number, domain: string): NewOutboxMail[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'test',
    userId: null,
    toAddress: `person-${i}@${domain}`,
    subject: `Mail ${i}`,
    textBody: `Mail number ${i}`,
    htmlBody: `<p>Mail number ${i}</p>`,
    headers: {},
    attachments: [],
    messageId: `${randomUUID()}@delivery.test`,
    dedupeKey: null,
    notificationId: null,
    context: {},
  }));
}

describe('mail delivery across processes and crashes', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    // This app writes the mails; it has no SMTP_URL, so it sends none itself.
    ctx = await TestContext.create({ jwtSecret: JWT_SECRET });
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await ctx?.close();
    await sink?.close();
  });

  /** Received mails of a domain: how many times each Message-ID arrived. */
  const arrivals = (domain: string) => {
    const counts = new Map<string, number>();
    for (const m of sink.mails) if (m.to.some((t) => t.endsWith(`@${domain}`))) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  };

  it('two app processes on one database send each mail once', async () => {
    const domain = `two-${randomUUID().slice(0, 8)}.test`;
    const batch = mails(300, domain);
    await ctx.app.get(MailService).enqueue(null, batch);
    const [a, b] = await Promise.all([
      AppProcess.start(JWT_SECRET, { env: { SMTP_URL: sink.url } }),
      AppProcess.start(JWT_SECRET, { env: { SMTP_URL: sink.url } }),
    ]);
    processes.push(a, b);
    await sink.until(() => arrivals(domain).size === batch.length, 60_000, `${batch.length} mails`);
    // Time for a second sending, were there one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const counts = arrivals(domain);
    expect(new Set(counts.keys())).toEqual(new Set(batch.map((m) => `<${m.messageId}>`)));
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await ctx.count('mail_outbox', "to_address LIKE $1 AND status = 'sent'", [`%@${domain}`])).toBe(batch.length);
    await Promise.all([a.stop(), b.stop()]);
  }, 120_000);

  it('kill -9 while 500 mails are queued, restart: every mail arrives, none is lost, a resend only of what was in flight', async () => {
    const domain = `crash-${randomUUID().slice(0, 8)}.test`;
    const batch = mails(500, domain);
    await ctx.app.get(MailService).enqueue(null, batch);
    const app = await AppProcess.start(JWT_SECRET, { env: { SMTP_URL: sink.url, MAIL_RATE_PER_SECOND: '100', MAIL_LEASE_SECONDS: '2' } });
    processes.push(app);
    await sink.until(() => arrivals(domain).size >= 100, 60_000, '100 mails');
    await app.kill();
    const before = arrivals(domain).size;
    expect(before).toBeLessThan(batch.length);
    await app.boot();
    await sink.until(() => arrivals(domain).size === batch.length, 90_000, `${batch.length} mails`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const counts = arrivals(domain);
    expect(new Set(counts.keys())).toEqual(new Set(batch.map((m) => `<${m.messageId}>`)));
    // SMTP cannot take a mail back: one accepted in the instant before its row was marked sent is sent again after
    // the crash, with the same Message-ID (so a receiver can tell). At most the mails in flight at the kill.
    const twice = [...counts.values()].filter((n) => n > 1);
    expect(twice.every((n) => n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(LANES);
    expect(await ctx.count('mail_outbox', "to_address LIKE $1 AND status = 'sent'", [`%@${domain}`])).toBe(batch.length);
    await app.stop();
  }, 180_000);
});
