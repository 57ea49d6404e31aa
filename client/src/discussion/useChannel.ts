import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { Channel, ChannelKind, ChatMessage, MessageAttachment } from '../api/types';
import type { RealtimeConnection } from '../realtime/connection';
import { isTransient, newClientMessageId, type Ack, type AckError, type JoinAck, type UserRef } from '../realtime/protocol';
import { useRealtime } from '../realtime/useRealtime';
import {
  acknowledge,
  addPending,
  applyReaction,
  mergePushed,
  setReactions,
  emptyChannel,
  loadLatest,
  mergeMessages,
  needsSync,
  oldestSeq,
  prependOlder,
  removePending,
  updatePending,
  withTranslation,
  type ChannelMessages,
} from './messageStore';

const PAGE_SIZE = 50;
/** How many messages before a linked one are loaded with it, for context. */
const AROUND_BEFORE = 10;
const TYPING_SHOWN_MS = 5_000;
const TYPING_SENT_EVERY_MS = 3_000;
/** Waits between automatic resends of an unacknowledged message: 1 s, 2 s, 4 s … up to 15 s. */
const retryDelay = (attempts: number) => Math.min(15_000, 1_000 * 2 ** Math.max(0, attempts - 1));

export type ChannelLoad = 'loading' | 'ready' | 'none' | 'error';

export interface LiveMessage {
  message: ChatMessage;
}

/**
 * One discussion channel: history, live messages, sending with retries until acknowledged, catch-up after a
 * reconnection, typing and presence, following docs/realtime.md ("Reconnection and catch-up").
 */
export function useChannel(kind: ChannelKind, refId: string | null, me: UserRef) {
  const { connection, status: connectionStatus } = useRealtime();
  const [channel, setChannel] = useState<Channel | null>(null);
  const [load, setLoad] = useState<ChannelLoad>('loading');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [state, setState] = useState<ChannelMessages>(emptyChannel);
  const stateRef = useRef(state);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [typing, setTyping] = useState<Map<string, { user: UserRef; until: number }>>(new Map());
  const [present, setPresent] = useState<Map<string, { user: UserRef; connections: number }>>(new Map());
  /** The newest message from someone else, for the screen-reader announcement. */
  const [lastIncoming, setLastIncoming] = useState<ChatMessage | null>(null);
  const [generation, setGeneration] = useState(0);
  /** The channel's pinned messages, most recently pinned first. */
  const [pins, setPins] = useState<ChatMessage[]>([]);

  const update = useCallback((change: (s: ChannelMessages) => ChannelMessages) => {
    stateRef.current = change(stateRef.current);
    setState(stateRef.current);
  }, []);

  const retryTimers = useRef(new Map<string, number>());
  const meRef = useRef(me);
  meRef.current = me;
  const connectionRef = useRef<RealtimeConnection | null>(null);
  connectionRef.current = connection;
  const channelRef = useRef<Channel | null>(null);
  channelRef.current = channel;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      retryTimers.current.forEach((t) => window.clearTimeout(t));
      retryTimers.current.clear();
    };
  }, []);

  // 1. Find the channel and load its newest messages.
  useEffect(() => {
    let cancelled = false;
    stateRef.current = emptyChannel();
    setState(stateRef.current);
    setChannel(null);
    setLoad('loading');
    setLoadError(null);
    setPresent(new Map([[me.id, { user: me, connections: 1 }]]));
    setTyping(new Map());
    setPins([]);
    (async () => {
      const found = await api.channels.find(kind, refId ?? undefined);
      if (cancelled) return;
      if (!found) {
        setLoad('none');
        return;
      }
      const [page, pinned] = await Promise.all([api.channels.messages(found.id, { limit: PAGE_SIZE }), api.channels.pins(found.id)]);
      if (cancelled) return;
      update((s) => loadLatest(s, page));
      setPins(pinned);
      setChannel(found);
      setLoad('ready');
    })().catch((error: unknown) => {
      if (cancelled) return;
      setLoadError(error);
      setLoad('error');
    });
    return () => {
      cancelled = true;
    };
  }, [kind, refId, me.id, generation, update]);

  // Catch-up: everything after lastSeq, page by page. Single-flight; a request made meanwhile runs once more after.
  const syncing = useRef<{ running: boolean; again: boolean }>({ running: false, again: false });
  const sync = useCallback(async () => {
    const conn = connectionRef.current;
    const current = channelRef.current;
    if (!conn || !current) return;
    if (syncing.current.running) {
      syncing.current.again = true;
      return;
    }
    syncing.current.running = true;
    try {
      do {
        syncing.current.again = false;
        for (let guard = 0; guard < 50; guard++) {
          const ack = await conn.emit('channel:sync', {
            channelId: current.id,
            afterSeq: stateRef.current.lastSeq,
            limit: 200,
          });
          if (!ack.ok || !mounted.current) return;
          update((s) => mergeMessages(s, ack.messages));
          if (!ack.hasMore || !ack.messages.length) break;
        }
      } while (syncing.current.again);
    } finally {
      syncing.current.running = false;
    }
  }, [update]);

  // Sending: one attempt; transient failures are retried with the same clientMessageId until acknowledged.
  const attempt = useCallback(
    (id: string) => {
      // A named inner function, so a retry can schedule the same send again.
      async function send(clientMessageId: string): Promise<void> {
        const conn = connectionRef.current;
        const current = channelRef.current;
        const pending = stateRef.current.pending.find((p) => p.clientMessageId === clientMessageId);
        if (!pending || !current || !mounted.current) return;
        window.clearTimeout(retryTimers.current.get(clientMessageId));
        retryTimers.current.delete(clientMessageId);
        update((s) => updatePending(s, clientMessageId, { state: 'sending', attempts: pending.attempts + 1, error: undefined }));
        // Offline: it waits; the rejoin after reconnecting resends it.
        if (!conn || !conn.connected) return;
        const ack: Ack<{ message: ChatMessage }> = await conn.emit('message:send', {
          channelId: current.id,
          clientMessageId,
          body: pending.body,
          ...(pending.parentId ? { parentId: pending.parentId } : {}),
          ...(pending.attachments?.length ? { attachmentIds: pending.attachments.map((a) => a.id) } : {}),
        });
        if (!mounted.current) return;
        if (ack.ok) {
          update((s) => acknowledge(s, ack.message));
          if (needsSync(stateRef.current)) void sync();
          return;
        }
        if (isTransient(ack.error.code)) {
          const attempts = stateRef.current.pending.find((p) => p.clientMessageId === clientMessageId)?.attempts ?? 1;
          retryTimers.current.set(
            clientMessageId,
            window.setTimeout(() => void send(clientMessageId), retryDelay(attempts)),
          );
          return;
        }
        update((s) => updatePending(s, clientMessageId, { state: 'failed', error: ack.error.code }));
      }
      return send(id);
    },
    [sync, update],
  );

  /** After every (re)join: resend what is unacknowledged (same ids, in the order written), then catch up. */
  const onJoined = useCallback(
    async (ack: JoinAck) => {
      // Who is here now (after a reconnection too): the snapshot, then presence events keep it current.
      const self = meRef.current;
      const others = (ack.present ?? []).filter((p) => p.user.id !== self.id).map((p) => [p.user.id, p] as const);
      setPresent(new Map([[self.id, { user: self, connections: 1 }], ...others]));
      for (const pending of stateRef.current.pending.filter((p) => p.state === 'sending')) {
        await attempt(pending.clientMessageId);
      }
      await sync();
    },
    [attempt, sync],
  );

  // 2. Join live once the channel is known and the connection is loaded; follow its events.
  useEffect(() => {
    if (!connection || !channel) return;
    const channelId = channel.id;
    const leave = connection.join(channelId, {
      onJoined: (ack) => void onJoined(ack),
      onRefused: () => setLoad('none'),
    });
    const offs = [
      connection.on('message:new', ({ message }) => {
        if (message.channelId !== channelId) return;
        update((s) => mergeMessages(s, [message]));
        if (message.author.id !== me.id) setLastIncoming(message);
        setTyping((t) => {
          if (!t.has(message.author.id)) return t;
          const next = new Map(t);
          next.delete(message.author.id);
          return next;
        });
        if (needsSync(stateRef.current)) void sync();
      }),
      connection.on('message:updated', ({ message }) => {
        if (message.channelId === channelId) update((s) => mergePushed(s, message));
      }),
      connection.on('translation:updated', (event) => {
        if (event.kind === 'message' && event.contextId === channelId && event.translation) {
          const translation = event.translation;
          update((s) => withTranslation(s, event.targetId, translation));
        }
      }),
      connection.on('message:deleted', ({ message }) => {
        if (message.channelId === channelId) update((s) => mergePushed(s, message));
      }),
      connection.on('reaction:updated', (change) => {
        if (change.channelId === channelId) update((s) => applyReaction(s, change, me.id));
      }),
      connection.on('message:pinned', ({ message }) => {
        if (message.channelId !== channelId) return;
        update((s) => mergePushed(s, message));
        setPins((p) => [message, ...p.filter((m) => m.id !== message.id)]);
      }),
      connection.on('message:unpinned', ({ message }) => {
        if (message.channelId !== channelId) return;
        update((s) => mergePushed(s, message));
        setPins((p) => p.filter((m) => m.id !== message.id));
      }),
      connection.on('typing', ({ channelId: id, user }) => {
        if (id !== channelId || user.id === me.id) return;
        setTyping((t) => new Map(t).set(user.id, { user, until: Date.now() + TYPING_SHOWN_MS }));
        setPresent((p) => (p.has(user.id) ? p : new Map(p).set(user.id, { user, connections: 1 })));
      }),
      connection.on('presence', ({ channelId: id, user, status }) => {
        if (id !== channelId || user.id === me.id) return;
        setPresent((p) => {
          const next = new Map(p);
          const held = next.get(user.id);
          const connections = (held?.connections ?? 0) + (status === 'joined' ? 1 : -1);
          if (connections > 0) next.set(user.id, { user, connections });
          else next.delete(user.id);
          return next;
        });
      }),
      connection.on('channel:evicted', ({ channelId: id }) => {
        if (id === channelId) setLoad('none');
      }),
    ];
    return () => {
      leave();
      offs.forEach((off) => off());
    };
  }, [connection, channel, me.id, onJoined, sync, update]);

  // Typing indicators fade after a few seconds without news.
  useEffect(() => {
    if (!typing.size) return;
    const timer = window.setInterval(() => {
      setTyping((t) => {
        const now = Date.now();
        const next = new Map([...t].filter(([, v]) => v.until > now));
        return next.size === t.size ? t : next;
      });
    }, 1_000);
    return () => window.clearInterval(timer);
  }, [typing.size]);

  const send = useCallback(
    (body: string, parentId: string | null = null, attachments: MessageAttachment[] = []) => {
      const clientMessageId = newClientMessageId();
      update((s) => addPending(s, { clientMessageId, body, parentId, attachments, createdAt: new Date().toISOString(), state: 'sending', attempts: 0 }));
      void attempt(clientMessageId);
      return clientMessageId;
    },
    [attempt, update],
  );

  const retry = useCallback((clientMessageId: string) => void attempt(clientMessageId), [attempt]);
  const discard = useCallback(
    (clientMessageId: string) => {
      window.clearTimeout(retryTimers.current.get(clientMessageId));
      retryTimers.current.delete(clientMessageId);
      update((s) => removePending(s, clientMessageId));
    },
    [update],
  );

  const applyAck = useCallback(
    (ack: Ack<{ message: ChatMessage }>): AckError | null => {
      if (!ack.ok) return ack.error;
      update((s) => mergeMessages(s, [ack.message]));
      return null;
    },
    [update],
  );

  const edit = useCallback(
    async (messageId: string, body: string): Promise<AckError | null> => {
      const conn = connectionRef.current;
      if (!conn) return { code: 'offline', message: 'Not connected' };
      return applyAck(await conn.emit('message:edit', { messageId, body }));
    },
    [applyAck],
  );

  const remove = useCallback(
    async (messageId: string, reason: string): Promise<AckError | null> => {
      const conn = connectionRef.current;
      if (!conn) return { code: 'offline', message: 'Not connected' };
      return applyAck(await conn.emit('message:delete', { messageId, reason }));
    },
    [applyAck],
  );

  /** Adds or takes back my reaction; the ack holds the message's reactions as I see them. */
  const react = useCallback(
    async (messageId: string, emoji: string, add: boolean): Promise<AckError | null> => {
      const conn = connectionRef.current;
      if (!conn) return { code: 'offline', message: 'Not connected' };
      const ack = await conn.emit(add ? 'reaction:add' : 'reaction:remove', { messageId, emoji });
      if (!ack.ok) return ack.error;
      update((s) => setReactions(s, messageId, ack.reactions));
      return null;
    },
    [update],
  );

  /** A moderator pins or unpins a message. */
  const pin = useCallback(
    async (messageId: string, pinned: boolean): Promise<AckError | null> => {
      const conn = connectionRef.current;
      if (!conn) return { code: 'offline', message: 'Not connected' };
      const ack = await conn.emit(pinned ? 'message:pin' : 'message:unpin', { messageId });
      if (!ack.ok) return ack.error;
      update((s) => mergePushed(s, ack.message));
      setPins((p) => (pinned ? [ack.message, ...p.filter((m) => m.id !== messageId)] : p.filter((m) => m.id !== messageId)));
      return null;
    },
    [update],
  );

  /**
   * Loads everything from a little before `seq` up to the oldest message held (a link to an old message): the held
   * messages stay gapless, so scrolling and catch-up work as before.
   */
  const loadFrom = useCallback(
    async (seq: number) => {
      const current = channelRef.current;
      const oldest = oldestSeq(stateRef.current);
      if (!current || oldest === null || seq >= oldest) return;
      setLoadingOlder(true);
      try {
        const from = Math.max(0, seq - AROUND_BEFORE);
        const items: ChatMessage[] = [];
        let after = from;
        for (let guard = 0; guard < 20 && after < oldest - 1; guard++) {
          const page = await api.channels.messages(current.id, { afterSeq: after, beforeSeq: oldest, limit: 500 });
          items.push(...page.items);
          if (!page.hasMore || !page.items.length) break;
          after = page.items[page.items.length - 1].seq;
        }
        if (mounted.current) update((s) => prependOlder(s, { items, hasMore: from > 0 }));
      } catch {
        // The reader can still scroll up.
      } finally {
        if (mounted.current) setLoadingOlder(false);
      }
    },
    [update],
  );

  const loadOlder = useCallback(async () => {
    const current = channelRef.current;
    const before = oldestSeq(stateRef.current);
    if (!current || before === null || !stateRef.current.hasOlder || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const page = await api.channels.messages(current.id, { beforeSeq: before, limit: PAGE_SIZE });
      if (mounted.current) update((s) => prependOlder(s, page));
    } catch {
      // The button stays; the reader can try again.
    } finally {
      if (mounted.current) setLoadingOlder(false);
    }
  }, [loadingOlder, update]);

  const lastTypingSent = useRef(0);
  const notifyTyping = useCallback(() => {
    const conn = connectionRef.current;
    const current = channelRef.current;
    if (!conn || !current || !current.access.post) return;
    const now = Date.now();
    if (now - lastTypingSent.current < TYPING_SENT_EVERY_MS) return;
    lastTypingSent.current = now;
    conn.send('typing', { channelId: current.id });
  }, []);

  return {
    channel,
    load,
    loadError,
    reload: () => setGeneration((g) => g + 1),
    state,
    connectionStatus,
    send,
    retry,
    discard,
    edit,
    remove,
    loadOlder,
    loadFrom,
    loadingOlder,
    notifyTyping,
    react,
    pin,
    pins,
    typing: [...typing.values()].map((v) => v.user),
    present: [...present.values()].map((v) => v.user),
    lastIncoming,
  };
}
