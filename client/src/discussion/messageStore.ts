import type { ChatMessage, MessageAttachment, Reaction, TextTranslation } from '../api/types';

/**
 * The messages of one channel as the client holds them, kept by pure functions so that the rules of the realtime
 * protocol (docs/realtime.md, "Reconnection and catch-up") are easy to test: nothing shown twice, nothing skipped,
 * seq order, and a message shown at once while it is being sent.
 */

/** A message written here and not yet acknowledged by the server. */
export interface PendingMessage {
  /** Chosen before the first attempt and reused for every retry, so the server never makes a second message. */
  clientMessageId: string;
  body: string;
  parentId: string | null;
  /** Files uploaded to the channel that the message carries. */
  attachments?: MessageAttachment[];
  createdAt: string;
  /** sending: in flight or waiting to be retried; failed: refused for good (e.g. validation), kept so the text is not lost. */
  state: 'sending' | 'failed';
  attempts: number;
  /** The server's error code when refused. */
  error?: string;
}

export interface ChannelMessages {
  /** Acknowledged messages, ascending by seq, each id and seq once. */
  messages: ChatMessage[];
  /** Messages not yet acknowledged, in the order they were written. */
  pending: PendingMessage[];
  /** The highest seq up to which nothing is missing; live messages after a gap wait for a channel:sync. */
  lastSeq: number;
  /** Whether older messages exist before the first one held. */
  hasOlder: boolean;
}

export const emptyChannel = (): ChannelMessages => ({ messages: [], pending: [], lastSeq: 0, hasOlder: false });

/** Which of two copies of the same message is the later state (an edit or a removal). */
function later(a: ChatMessage, b: ChatMessage): ChatMessage {
  if (a.removed && !b.removed) return a;
  if (b.removed && !a.removed) return b;
  const ta = a.editedAt ? Date.parse(a.editedAt) : 0;
  const tb = b.editedAt ? Date.parse(b.editedAt) : 0;
  return ta > tb ? a : b;
}

/** From `from`, how far the held seqs run without a gap. */
export function contiguousEnd(messages: readonly ChatMessage[], from: number): number {
  const seqs = new Set(messages.map((m) => m.seq));
  let end = from;
  while (seqs.has(end + 1)) end += 1;
  return end;
}

/**
 * Adds or updates messages (from history, sync, live events or acks). Deduplicated by id and by seq, kept in seq
 * order; a newer state of a message (edited, removed) wins over an older one whatever order they arrive in; the
 * pending copy of a message of ours is dropped once the server's copy is held.
 */
export function mergeMessages(state: ChannelMessages, incoming: readonly ChatMessage[]): ChannelMessages {
  if (!incoming.length) return state;
  const byId = new Map(state.messages.map((m) => [m.id, m]));
  for (const message of incoming) {
    const held = byId.get(message.id);
    byId.set(message.id, held ? later(held, message) : message);
  }
  // One message per seq: the server numbers without reuse, so a clash can only be a stale copy; the incoming one wins.
  const bySeq = new Map<number, ChatMessage>();
  for (const message of byId.values()) {
    const other = bySeq.get(message.seq);
    if (!other || incoming.some((m) => m.id === message.id)) bySeq.set(message.seq, message);
  }
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const acknowledged = new Set(messages.map((m) => m.clientMessageId));
  const pending = state.pending.filter((p) => !acknowledged.has(p.clientMessageId));
  return { ...state, messages, pending, lastSeq: contiguousEnd(messages, state.lastSeq) };
}

/** A message's translation into one language added or replaced (translation:updated); other messages untouched. */
export function withTranslation(state: ChannelMessages, messageId: string, translation: TextTranslation): ChannelMessages {
  if (!state.messages.some((m) => m.id === messageId)) return state;
  return {
    ...state,
    messages: state.messages.map((m) =>
      m.id === messageId ? { ...m, translations: [...(m.translations ?? []).filter((t) => t.lang !== translation.lang), translation] } : m,
    ),
  };
}

/** The newest page of history: what the channel looks like on opening. */
export function loadLatest(state: ChannelMessages, page: { items: readonly ChatMessage[]; hasMore: boolean }): ChannelMessages {
  const top = page.items.reduce((max, m) => Math.max(max, m.seq), 0);
  // A page is gapless, so everything up to its last seq counts as held.
  const merged = mergeMessages({ ...state, lastSeq: Math.max(state.lastSeq, top) }, page.items);
  return { ...merged, hasOlder: page.hasMore, lastSeq: contiguousEnd(merged.messages, Math.max(state.lastSeq, top)) };
}

/** An older page, loaded when the reader scrolls up. */
export function prependOlder(state: ChannelMessages, page: { items: readonly ChatMessage[]; hasMore: boolean }): ChannelMessages {
  return { ...mergeMessages(state, page.items), hasOlder: page.hasMore };
}

/** The seq to ask older messages before (the first one held), or null when nothing is held. */
export const oldestSeq = (state: ChannelMessages): number | null => state.messages[0]?.seq ?? null;

/** Whether live messages arrived beyond a gap, so that a channel:sync from lastSeq is due. */
export const needsSync = (state: ChannelMessages): boolean => state.messages.some((m) => m.seq > state.lastSeq);

export function addPending(state: ChannelMessages, pending: PendingMessage): ChannelMessages {
  if (state.pending.some((p) => p.clientMessageId === pending.clientMessageId)) return state;
  return { ...state, pending: [...state.pending, pending] };
}

/** The server's answer to a send: the pending copy gives way to the real message (same place for the reader). */
export const acknowledge = (state: ChannelMessages, message: ChatMessage): ChannelMessages => mergeMessages(state, [message]);

export function updatePending(state: ChannelMessages, clientMessageId: string, change: Partial<PendingMessage>): ChannelMessages {
  return { ...state, pending: state.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, ...change } : p)) };
}

export function removePending(state: ChannelMessages, clientMessageId: string): ChannelMessages {
  return { ...state, pending: state.pending.filter((p) => p.clientMessageId !== clientMessageId) };
}

/** A message on screen: acknowledged, or still on its way. */
export type DisplayMessage = { kind: 'sent'; message: ChatMessage } | { kind: 'pending'; pending: PendingMessage };

export interface Thread {
  root: DisplayMessage;
  replies: DisplayMessage[];
  /** The root is a reply whose parent is not loaded (older than what is held). */
  orphan: boolean;
}

const keyOf = (d: DisplayMessage) => (d.kind === 'sent' ? d.message.id : `pending:${d.pending.clientMessageId}`);
export const displayKey = keyOf;

/**
 * Messages as threads: each top-level message with its replies under it (a reply to a reply joins the same thread),
 * in seq order; messages being sent come after everything acknowledged (they will get the next seqs). A reply whose
 * parent is not held (older than what is loaded) stands alone, marked as an orphan.
 */
export function threads(state: ChannelMessages): Thread[] {
  const byId = new Map(state.messages.map((m) => [m.id, m]));
  /** The top-most held ancestor of a message id, or null when the id is not held. */
  const rootOf = (id: string): string | null => {
    let current = byId.get(id);
    for (let guard = 0; current?.parentId && byId.has(current.parentId) && guard < 100; guard++) current = byId.get(current.parentId);
    return current?.id ?? null;
  };
  const out: Thread[] = [];
  const byRoot = new Map<string, Thread>();
  const place = (parentId: string | null, item: DisplayMessage) => {
    const rootId = parentId ? rootOf(parentId) : null;
    const thread = rootId ? byRoot.get(rootId) : undefined;
    if (thread) {
      thread.replies.push(item);
      return;
    }
    const created: Thread = { root: item, replies: [], orphan: parentId !== null };
    out.push(created);
    if (item.kind === 'sent') byRoot.set(item.message.id, created);
  };
  for (const message of state.messages) place(message.parentId, { kind: 'sent', message });
  for (const pending of state.pending) place(pending.parentId, { kind: 'pending', pending });
  return out;
}

/** reaction:updated: someone (maybe me, on another device) added or took back one emoji on a message. */
export interface ReactionChange {
  messageId: string;
  emoji: string;
  count: number;
  user: { id: string };
  added: boolean;
}

const withReactions = (state: ChannelMessages, messageId: string, change: (reactions: Reaction[]) => Reaction[]): ChannelMessages => {
  if (!state.messages.some((m) => m.id === messageId)) return state;
  return { ...state, messages: state.messages.map((m) => (m.id === messageId ? { ...m, reactions: change(m.reactions) } : m)) };
};

/**
 * Applies a reaction:updated to a held message: the emoji's count becomes the server's; whether it is mine changes
 * only when the reactor is me. A chip whose count falls to zero goes; a new emoji comes last (first used, first shown).
 */
export function applyReaction(state: ChannelMessages, change: ReactionChange, meId: string): ChannelMessages {
  return withReactions(state, change.messageId, (reactions) => {
    const held = reactions.find((r) => r.emoji === change.emoji);
    const mine = change.user.id === meId ? change.added : (held?.mine ?? false);
    if (change.count <= 0) return reactions.filter((r) => r.emoji !== change.emoji);
    if (!held) return [...reactions, { emoji: change.emoji, count: change.count, mine }];
    return reactions.map((r) => (r.emoji === change.emoji ? { ...r, count: change.count, mine } : r));
  });
}

/** A message's reactions as the server answered my own reaction (they are as I see them). */
export const setReactions = (state: ChannelMessages, messageId: string, reactions: Reaction[]): ChannelMessages =>
  withReactions(state, messageId, () => reactions);

/**
 * A message pushed to the room by someone else's action (an edit, a removal, a pin): its reactions were counted for
 * them, not me, so the ones held are kept.
 */
export function mergePushed(state: ChannelMessages, message: ChatMessage): ChannelMessages {
  const held = state.messages.find((m) => m.id === message.id);
  return mergeMessages(state, [held ? { ...message, reactions: held.reactions } : message]);
}
