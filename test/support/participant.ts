import type { MessageView } from '../../src/realtime/dto/views';
import { ack, type Ack, type ClientSocket, sleep } from './sockets';

export type Sent = { message: MessageView };
type Synced = { messages: MessageView[]; hasMore: boolean };

/**
 * A participant as a real client behaves: keeps what it has seen by seq, resends anything unacknowledged with the
 * same clientMessageId, and after every (re)connection rejoins and catches up with channel:sync.
 */
export class Participant {
  readonly seen = new Map<number, MessageView>();
  readonly acked = new Map<string, MessageView>();
  readonly conflicts: string[] = [];
  readonly socket: ClientSocket;
  private resumed: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    socket: ClientSocket,
    private readonly channelId: string,
  ) {
    this.socket = socket;
    socket.on('message:new', ({ message }: Sent) => this.keep(message));
    socket.on('connect', () => (this.resumed = this.resume()));
    this.resumed = this.resume();
  }

  private keep(message: MessageView): void {
    if (message.channelId !== this.channelId) return;
    const known = this.seen.get(message.seq);
    if (known && known.id !== message.id) this.conflicts.push(`seq ${message.seq}: ${known.id} vs ${message.id}`);
    else this.seen.set(message.seq, message);
  }

  /** The highest seq up to which nothing is missing. */
  private contiguous(): number {
    let seq = 0;
    while (this.seen.has(seq + 1)) seq++;
    return seq;
  }

  private async resume(): Promise<void> {
    for (;;) {
      if (!this.socket.connected) return; // the next 'connect' resumes again
      try {
        const joined = await ack(this.socket, 'channel:join', { channelId: this.channelId }, 2_000);
        if (joined.ok) break;
      } catch {
        // timed out while the server went away
      }
      await sleep(100);
    }
    await this.catchUp();
  }

  async catchUp(): Promise<void> {
    for (;;) {
      let page: Ack<Synced>;
      try {
        page = await ack<Synced>(this.socket, 'channel:sync', { channelId: this.channelId, afterSeq: this.contiguous(), limit: 50 }, 2_000);
      } catch {
        return;
      }
      if (!page.ok) return;
      page.messages.forEach((m) => this.keep(m));
      if (!page.hasMore) return;
    }
  }

  /** Sends until acknowledged, always with the same clientMessageId. */
  async send(clientMessageId: string, body: string): Promise<void> {
    for (;;) {
      if (this.socket.connected) {
        try {
          const res = await ack<Sent>(this.socket, 'message:send', { channelId: this.channelId, clientMessageId, body }, 1_500);
          if (res.ok) {
            this.acked.set(clientMessageId, res.message);
            this.keep(res.message);
            return;
          }
          if (res.error.code !== 'internal' && res.error.code !== 'rate_limited') throw new Error(`${this.name}: ${res.error.code} ${res.error.message}`);
        } catch (error) {
          if (!(error instanceof Error) || !/timed out|has been disconnected/i.test(error.message)) throw error;
        }
      }
      await sleep(100);
    }
  }

  async settled(): Promise<void> {
    await this.resumed;
    await this.catchUp();
  }
}
