import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it: parsed, with the envelope's recipients. */
export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  to: string[];
  messageId: string;
}

/**
 * A real SMTP server (the smtp-server package) on a free local port that keeps every mail it accepts, parsed with
 * mailparser. `reject` makes it answer a recipient with a permanent error.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  /** Recipients refused with 550. */
  readonly reject = new Set<string>();
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<SmtpSink> {
    const holder: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo(address, _session, callback) {
        if (holder.sink!.reject.has(address.address.toLowerCase())) {
          const error = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              holder.sink!.mails.push({ parsed, raw, to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), messageId: parsed.messageId ?? '' });
              holder.sink!.notify();
              callback();
            })
            .catch(callback);
        });
      },
    });
    const sink = new SmtpSink(server);
    holder.sink = sink;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()));
  }

  private notify() {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `test` holds (checked at every mail received), or rejects after timeoutMs. */
  until(test: () => boolean, timeoutMs = 15_000, what = 'mail'): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms (received ${this.mails.length})`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** The first mail to an address whose subject matches, waiting for it. */
  async first(address: string, subject: RegExp = /./, timeoutMs?: number): Promise<ReceivedMail> {
    const find = () => this.to(address).find((m) => subject.test(m.parsed.subject ?? ''));
    await this.until(() => !!find(), timeoutMs, `mail to ${address} matching ${subject}`);
    return find()!;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
