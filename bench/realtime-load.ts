// A load worker of bench/realtime.ts (forked by it; not meant to be run by hand). It holds a share of the simulated
// clients — always whole channels, so that a message's sender and all its receivers share this process's clock —
// and, on command, sends an open-loop stream of message:send at a fixed rate, measuring acks and fan-out.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { WireClient } from './socketio-wire';
import { type ClientSpec, type FromWorker, Histogram, type StepReport, type ToWorker } from './realtime-common';

interface Client {
  socket: WireClient;
  channelId: string;
  /** How many others sit in this client's channel (each message:new it sends should reach them all). */
  others: number;
  /** seqs received in the current step (duplicates are errors). */
  seen: Set<number>;
  /** The app process it reaches (two-process mode), written into each body it sends. */
  side: number;
}

const clients: Client[] = [];
const send = (message: FromWorker) => process.send!(message);

/** The step being measured; message:new and acks of other steps are counted as stray / ignored. */
let current: {
  step: number;
  tag: string;
  windowEnd: number;
  delivered: number;
  deliveredInWindow: number;
  duplicates: number;
  stray: number;
  disconnects: number;
  fanout: Histogram;
  fanoutCross: Histogram;
} | null = null;

const BODY = Buffer.from('"body":"bench ');
const SEQ = Buffer.from('"seq":');

/** Reads a number that follows `key` in a raw JSON packet. */
function numberAfter(raw: Buffer, key: Buffer): number {
  const at = raw.indexOf(key);
  return at < 0 ? Number.NaN : parseFloat(raw.toString('latin1', at + key.length, at + key.length + 24));
}

/**
 * A message:new, as the packet's bytes: only its seq and the start of its body are read (the body is the load's own,
 * "bench <tag> <step> <sent at, ms since this worker's time origin> <sender's side> <filler…>", with nothing to escape).
 */
function onMessage(client: Client, raw: Buffer): void {
  const now = performance.now();
  const bodyAt = raw.indexOf(BODY);
  const parts = bodyAt < 0 ? [] : raw.toString('latin1', bodyAt + 8, bodyAt + 8 + 80).split(' ', 5);
  const step = current;
  if (!step || parts[0] !== 'bench' || parts[1] !== step.tag || Number(parts[2]) !== step.step) {
    if (step) step.stray++;
    return;
  }
  const seq = numberAfter(raw, SEQ);
  if (client.seen.has(seq)) {
    step.duplicates++;
    return;
  }
  client.seen.add(seq);
  step.delivered++;
  if (now <= step.windowEnd) step.deliveredInWindow++;
  step.fanout.add(now - Number(parts[3]));
  if (Number(parts[4]) !== client.side) step.fanoutCross.add(now - Number(parts[3]));
}

async function connectAll(url: string, specs: ClientSpec[], join: boolean, concurrency: number): Promise<void> {
  const started = performance.now();
  const sizes = new Map<string, number>();
  for (const spec of specs) sizes.set(spec.channelId, (sizes.get(spec.channelId) ?? 0) + 1);
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const one = async (spec: ClientSpec) => {
    const socket = await WireClient.connect(spec.url ?? url, { token: spec.token }, 60_000);
    if (join) {
      const joined = (await socket.emitWithAck('channel:join', { channelId: spec.channelId }, 60_000)) as { ok?: boolean } | undefined;
      if (!joined?.ok) throw new Error(`channel:join refused: ${JSON.stringify(joined)}`);
    }
    const client: Client = { socket, channelId: spec.channelId, others: sizes.get(spec.channelId)! - 1, seen: new Set(), side: spec.side ?? 0 };
    socket.on('message:new', (raw) => onMessage(client, raw));
    socket.onClose = () => {
      if (current) current.disconnects++;
    };
    clients.push(client);
  };
  const worker = async () => {
    while (next < specs.length) {
      const spec = specs[next++];
      try {
        await one(spec);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  send({ type: 'connected', connected: clients.length, failed, firstError, ms: performance.now() - started });
}

function filler(chars: number): string {
  const words = 'the employers and unions agree that training for solar and wind jobs should start in the park this autumn';
  let text = '';
  while (text.length < chars) text += (text ? ' ' : '') + words;
  return text.slice(0, Math.max(0, chars));
}

/**
 * Calls send(i) on schedule, open loop: `rate` a second from `start` for durationMs, checked every 2 ms (what fell due
 * meanwhile goes at once). Resolves at the end with how late the timer ran at worst.
 */
function paced(rate: number, start: number, durationMs: number, send: (i: number) => void): Promise<number> {
  let sent = 0;
  let lastTick = start;
  let maxLagMs = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      maxLagMs = Math.max(maxLagMs, now - lastTick - 2);
      lastTick = now;
      const due = Math.floor((Math.min(now, start + durationMs) - start) * (rate / 1000));
      for (; sent < due; sent++) send(sent);
      if (now >= start + durationMs) {
        clearInterval(timer);
        resolve(maxLagMs);
      }
    }, 2);
  });
}

/**
 * The run-in before a step's window: messages at the step's rate for leadMs, none of them counted (their bodies
 * start with "run-in", so their deliveries are strays of the step and their acks are not waited for).
 */
async function runIn(rate: number, leadMs: number, tag: string, step: number, pad: string): Promise<void> {
  await paced(rate, performance.now(), leadMs, (i) => {
    const client = clients[i % clients.length];
    const payload = { channelId: client.channelId, clientMessageId: `${tag}-${step}-run-in-${process.pid}-${i}`, body: `run-in ${tag} ${step} ${pad}` };
    client.socket.emit('message:send', payload, () => undefined);
  });
}

async function runStep(command: Extract<ToWorker, { type: 'step' }>): Promise<void> {
  const { step, rate, durationMs, graceMs, tag } = command;
  for (const c of clients) c.seen.clear();
  const pad = filler(command.bodyChars);
  // Wait for the common start (wall clock, so that all workers begin together).
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, command.startAt - Date.now())));
  if (command.leadMs > 0) await runIn(rate, command.leadMs, tag, step, pad);

  const start = performance.now();
  const windowEnd = start + durationMs;
  const fanout = new Histogram();
  const fanoutCross = new Histogram();
  const ackHistogram = new Histogram();
  current = { step, tag, windowEnd, delivered: 0, deliveredInWindow: 0, duplicates: 0, stray: 0, disconnects: 0, fanout, fanoutCross };
  const state = current;
  let sent = 0;
  let expected = 0;
  let acked = 0;
  let ackedInWindow = 0;
  let pending = 0;
  const ackErrors: Record<string, number> = {};
  const loopDelay = monitorEventLoopDelay({ resolution: 2 });
  loopDelay.enable();

  // Senders in a shuffled round robin, so the load spreads over every channel and person evenly.
  const order = clients.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let cursor = 0;
  let counter = 0;

  const sendOne = () => {
    const client = clients[order[cursor++ % order.length]];
    const sentAt = performance.now();
    const payload = {
      channelId: client.channelId,
      clientMessageId: `${tag}-${step}-${process.pid}-${counter++}`,
      body: `bench ${tag} ${step} ${sentAt.toFixed(3)} ${client.side} ${pad}`,
    };
    sent++;
    expected += client.others;
    pending++;
    client.socket.emit('message:send', payload, (response) => {
      if (current !== state) return; // a late answer to an earlier step
      pending--;
      const now = performance.now();
      const ack = response as { ok?: boolean; error?: { code: string } } | undefined;
      if (ack?.ok) {
        acked++;
        if (now <= windowEnd) ackedInWindow++;
        ackHistogram.add(now - sentAt);
      } else {
        const code = ack?.error?.code ?? 'malformed';
        ackErrors[code] = (ackErrors[code] ?? 0) + 1;
      }
    });
  };

  const maxScheduleLagMs = await paced(rate, start, durationMs, sendOne);

  // Let the answers and deliveries of the step arrive (or the grace period pass).
  const deadline = windowEnd + graceMs;
  while (performance.now() < deadline && (pending > 0 || state.delivered < expected)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const report: StepReport = {
    type: 'step',
    step,
    sent,
    acked,
    ackedInWindow,
    ackErrors,
    unacked: pending,
    expected,
    delivered: state.delivered,
    deliveredInWindow: state.deliveredInWindow,
    duplicates: state.duplicates,
    stray: state.stray,
    disconnects: state.disconnects,
    windowMs: durationMs,
    fanout: fanout.toJSON(),
    fanoutCross: fanoutCross.toJSON(),
    ack: ackHistogram.toJSON(),
    maxScheduleLagMs,
    loopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
  };
  loopDelay.disable();
  current = null;
  send(report);
}

async function disconnectAll(): Promise<void> {
  for (const c of clients.splice(0)) c.socket.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  send({ type: 'disconnected' });
}

process.on('message', (command: ToWorker) => {
  const run = async () => {
    switch (command.type) {
      case 'connect':
        return connectAll(command.url, command.clients, command.join, command.concurrency);
      case 'step':
        return runStep(command);
      case 'disconnect':
        return disconnectAll();
      case 'exit':
        for (const c of clients.splice(0)) c.socket.close();
        setTimeout(() => process.exit(0), 100);
    }
  };
  run().catch((error) => send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
process.on('disconnect', () => process.exit(0));
