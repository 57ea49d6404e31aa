import type { ChatMessage } from '../api/types';
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
  threads,
  updatePending,
  type ChannelMessages,
  type PendingMessage,
} from './messageStore';

const author = { id: 'u1', displayName: 'Wang Fang', organization: { id: 'o1', name: { en: 'JFTU' } }, constituency: 'workers' as const };

function msg(seq: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${seq}`,
    channelId: 'c1',
    seq,
    clientMessageId: `cm${seq}`,
    author,
    body: `message ${seq}`,
    parentId: null,
    createdAt: new Date(Date.UTC(2025, 2, 1, 8, seq)).toISOString(),
    editedAt: null,
    removed: null,
    mentions: [],
    attachments: [],
    quote: null,
    reactions: [],
    pinned: null,
    translations: [],
    ...extra,
  };
}

function pending(clientMessageId: string, extra: Partial<PendingMessage> = {}): PendingMessage {
  return { clientMessageId, body: 'hello', parentId: null, createdAt: '2025-03-01T09:00:00.000Z', state: 'sending', attempts: 1, ...extra };
}

const seqs = (s: ChannelMessages) => s.messages.map((m) => m.seq);

describe('message store', () => {
  it('loads the newest page and counts it as held without gaps', () => {
    const s = loadLatest(emptyChannel(), { items: [msg(48), msg(49), msg(50)], hasMore: true });
    expect(seqs(s)).toEqual([48, 49, 50]);
    expect(s.lastSeq).toBe(50);
    expect(s.hasOlder).toBe(true);
    expect(oldestSeq(s)).toBe(48);
  });

  it('keeps seq order whatever order messages arrive in, and prepends older pages', () => {
    let s = loadLatest(emptyChannel(), { items: [msg(10), msg(11)], hasMore: true });
    s = mergeMessages(s, [msg(13), msg(12)]);
    expect(seqs(s)).toEqual([10, 11, 12, 13]);
    s = prependOlder(s, { items: [msg(8), msg(9)], hasMore: false });
    expect(seqs(s)).toEqual([8, 9, 10, 11, 12, 13]);
    expect(s.hasOlder).toBe(false);
    expect(s.lastSeq).toBe(13);
  });

  it('shows nothing twice: the same message from history, a live event, a sync and an ack is held once', () => {
    let s = loadLatest(emptyChannel(), { items: [msg(1), msg(2)], hasMore: false });
    s = mergeMessages(s, [msg(2)]);
    s = mergeMessages(s, [msg(3)]);
    s = mergeMessages(s, [msg(1), msg(2), msg(3)]);
    s = acknowledge(s, msg(3));
    expect(seqs(s)).toEqual([1, 2, 3]);
    expect(new Set(s.messages.map((m) => m.id)).size).toBe(3);
  });

  it('dedupes by seq as well: a stale copy under another id gives way to the incoming one', () => {
    let s = loadLatest(emptyChannel(), { items: [msg(1), msg(2)], hasMore: false });
    s = mergeMessages(s, [msg(2, { id: 'm2-real' })]);
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'm2-real']);
  });

  it('advances lastSeq only over a gapless run, and asks for a sync after a gap', () => {
    let s = loadLatest(emptyChannel(), { items: [msg(5)], hasMore: false });
    s = mergeMessages(s, [msg(6)]);
    expect(s.lastSeq).toBe(6);
    expect(needsSync(s)).toBe(false);
    s = mergeMessages(s, [msg(8)]);
    expect(s.lastSeq).toBe(6);
    expect(needsSync(s)).toBe(true);
    s = mergeMessages(s, [msg(7)]);
    expect(s.lastSeq).toBe(8);
    expect(needsSync(s)).toBe(false);
  });

  it('lets the later state of a message win: an edit or removal is not undone by an older copy', () => {
    let s = loadLatest(emptyChannel(), { items: [msg(1)], hasMore: false });
    const edited = msg(1, { body: 'edited', editedAt: '2025-03-01T10:00:00.000Z' });
    const removed = msg(1, { body: null, removed: { at: '2025-03-01T11:00:00.000Z', by: null, reason: 'off topic' } });
    s = mergeMessages(s, [edited]);
    expect(s.messages[0].body).toBe('edited');
    s = mergeMessages(s, [msg(1)]);
    expect(s.messages[0].body).toBe('edited');
    s = mergeMessages(s, [removed]);
    s = mergeMessages(s, [edited]);
    expect(s.messages[0].body).toBeNull();
    expect(s.messages[0].removed?.reason).toBe('off topic');
  });

  it('shows a message at once while it is sent, then replaces it with the acknowledged one', () => {
    let s = loadLatest(emptyChannel(), { items: [msg(1)], hasMore: false });
    s = addPending(s, pending('mine-1', { body: 'my point' }));
    expect(threads(s).map((t) => t.root.kind)).toEqual(['sent', 'pending']);
    // Adding the same clientMessageId again (a retry) does not double it.
    s = addPending(s, pending('mine-1', { body: 'my point' }));
    expect(s.pending).toHaveLength(1);
    s = acknowledge(s, msg(2, { clientMessageId: 'mine-1', body: 'my point' }));
    expect(s.pending).toEqual([]);
    expect(seqs(s)).toEqual([1, 2]);
    expect(threads(s).map((t) => t.root.kind)).toEqual(['sent', 'sent']);
  });

  it('drops the pending copy when the message comes back by sync before the ack (resend after reconnect)', () => {
    let s = loadLatest(emptyChannel(), { items: [msg(1)], hasMore: false });
    s = addPending(s, pending('mine-2'));
    s = mergeMessages(s, [msg(2, { clientMessageId: 'mine-2' })]);
    expect(s.pending).toEqual([]);
    s = acknowledge(s, msg(2, { clientMessageId: 'mine-2' }));
    expect(seqs(s)).toEqual([1, 2]);
  });

  it('keeps pending messages after all acknowledged ones, in the order written, and tracks their state', () => {
    let s = addPending(emptyChannel(), pending('a'));
    s = addPending(s, pending('b'));
    s = mergeMessages(s, [msg(1)]);
    s = updatePending(s, 'a', { state: 'failed', error: 'validation' });
    const roots = threads(s).map((t) => t.root);
    expect(roots.map((r) => (r.kind === 'sent' ? r.message.id : r.pending.clientMessageId))).toEqual(['m1', 'a', 'b']);
    expect(s.pending[0]).toMatchObject({ state: 'failed', error: 'validation' });
  });

  it('groups replies under their thread, replies to replies included, pending replies too', () => {
    let s = loadLatest(emptyChannel(), {
      items: [msg(1), msg(2, { parentId: 'm1' }), msg(3), msg(4, { parentId: 'm2' }), msg(5, { parentId: 'm-old' })],
      hasMore: true,
    });
    s = addPending(s, pending('r', { parentId: 'm3' }));
    const view = threads(s);
    expect(view.map((t) => (t.root.kind === 'sent' ? t.root.message.id : 'pending'))).toEqual(['m1', 'm3', 'm5']);
    expect(view[0].replies.map((r) => (r.kind === 'sent' ? r.message.id : ''))).toEqual(['m2', 'm4']);
    expect(view[1].replies.map((r) => r.kind)).toEqual(['pending']);
    expect(view[2].orphan).toBe(true);
  });
});

describe('reactions', () => {
  const held = (reactions: ChatMessage['reactions']) => mergeMessages(emptyChannel(), [msg(1, { reactions })]);
  const reactionsOf = (s: ChannelMessages) => s.messages[0].reactions;

  it('takes the count from the server and marks mine only when the reactor is me', () => {
    let s = held([{ emoji: '👍', count: 1, mine: false }]);
    s = applyReaction(s, { messageId: 'm1', emoji: '👍', count: 2, user: { id: 'me' }, added: true }, 'me');
    expect(reactionsOf(s)).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    s = applyReaction(s, { messageId: 'm1', emoji: '👍', count: 3, user: { id: 'other' }, added: true }, 'me');
    expect(reactionsOf(s)).toEqual([{ emoji: '👍', count: 3, mine: true }]);
    s = applyReaction(s, { messageId: 'm1', emoji: '🎉', count: 1, user: { id: 'other' }, added: true }, 'me');
    expect(reactionsOf(s)).toEqual([
      { emoji: '👍', count: 3, mine: true },
      { emoji: '🎉', count: 1, mine: false },
    ]);
  });

  it('drops a chip whose count falls to zero and ignores messages not held', () => {
    let s = held([{ emoji: '👀', count: 1, mine: true }]);
    s = applyReaction(s, { messageId: 'm1', emoji: '👀', count: 0, user: { id: 'me' }, added: false }, 'me');
    expect(reactionsOf(s)).toEqual([]);
    expect(applyReaction(s, { messageId: 'm9', emoji: '👀', count: 1, user: { id: 'x' }, added: true }, 'me')).toBe(s);
  });

  it('keeps my view of the reactions when someone else’s edit or pin is pushed, and takes my own ack as it is', () => {
    const s = held([{ emoji: '👍', count: 2, mine: true }]);
    const pushed = mergePushed(s, msg(1, { body: 'edited', editedAt: '2025-03-01T10:00:00.000Z', reactions: [{ emoji: '👍', count: 2, mine: false }] }));
    expect(pushed.messages[0].body).toBe('edited');
    expect(reactionsOf(pushed)).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    expect(reactionsOf(setReactions(pushed, 'm1', []))).toEqual([]);
  });
});
