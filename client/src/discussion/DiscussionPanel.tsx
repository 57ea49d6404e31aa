import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useRealtime } from '../realtime/useRealtime';
import { api } from '../api';
import type { ChannelKind, ChatMessage, MessageAttachment, PersonRef } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ConstituencyBadge } from '../components/Badges';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { ReasonDialog } from '../components/ReasonDialog';
import { formatDate, formatDateTime, formatter } from '../i18n/format';
import { Composer, type ComposerHandle } from './Composer';
import { MessageAttachments } from './MessageAttachments';
import { channelHref } from '../lib/links';
import { MessageBody } from './MessageBody';
import { PinnedBar, QuotedMessage, Reactions } from './MessageExtras';
import { StartConversationButton } from './StartConversationButton';
import { TranslatedText } from '../translations/TranslatedText';
import { displayKey, threads, type DisplayMessage, type PendingMessage } from './messageStore';
import { useChannel } from './useChannel';

interface DiscussionPanelProps {
  kind: ChannelKind;
  /** The roundtable, working group or action item; null for the lobby. */
  refId: string | null;
  title: string;
  /** People of the thing (participants, members), offered for @mentions; the directory otherwise. */
  members?: PersonRef[];
  /** The panel's heading level (h2 on most pages). */
  level?: 2 | 3;
}

const NEAR_BOTTOM_PX = 120;

const createdAtOf = (item: DisplayMessage) => (item.kind === 'pending' ? new Date().toISOString() : item.message.createdAt);
/** The local day a message was written, to put a date line between days. */
const dayOf = (item: DisplayMessage) => new Date(createdAtOf(item)).toDateString();

function shortTime(iso: string, locale: string): string {
  const date = new Date(iso);
  const today = new Date();
  if (date.toDateString() === today.toDateString()) {
    return formatter(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
  }
  return formatDateTime(iso, locale);
}

/**
 * The real-time discussion of a roundtable, working group, commitment or the lobby: history that loads upward,
 * messages shown at once while they are sent, threads, edits, moderator removals, typing, presence and @mentions.
 */
export function DiscussionPanel({ kind, refId, title, members, level = 2 }: DiscussionPanelProps) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const me = { id: user.id, displayName: user.displayName };
  const chat = useChannel(kind, refId, me);
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  const listRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const composer = useRef<ComposerHandle>(null);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ChatMessage | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const prependAnchor = useRef<{ height: number; top: number; first: number | null } | null>(null);

  const { connection } = useRealtime();
  const [params] = useSearchParams();
  const askedSeq = Number(params.get('seq')) || null;
  /** Where "new messages" began when the reader opened the channel (kept while they read on). */
  const [firstUnread, setFirstUnread] = useState<number | null>(null);
  const channelId = chat.channel?.id ?? null;
  const lastSeq = chat.state.messages[chat.state.messages.length - 1]?.seq ?? 0;
  const readSent = useRef(0);

  useEffect(() => {
    if (!channelId) return;
    let live = true;
    readSent.current = 0;
    api.channels
      .mine()
      .then((mine) => live && setFirstUnread(mine.find((c) => c.id === channelId)?.firstUnreadSeq ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [channelId]);

  // What is on screen is read: the read position (shared by the reader's devices) moves up to the newest message.
  useEffect(() => {
    if (!connection || !channelId || chat.load !== 'ready' || lastSeq <= readSent.current) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    readSent.current = lastSeq;
    void connection.emit('channel:read', { channelId, seq: lastSeq }).catch(() => (readSent.current = 0));
  }, [connection, channelId, chat.load, lastSeq]);

  /** The message last gone to (a link, a quote, a pin), highlighted. */
  const [highlighted, setHighlighted] = useState<number | null>(askedSeq);
  /** A go-to asked while its message was still loading: done once it is there. */
  const [wanted, setWanted] = useState<number | null>(null);
  const jumpTo = useCallback(
    (seq: number) => {
      const target = chat.state.messages.find((m) => m.seq === seq);
      if (!target) {
        const oldest = chat.state.messages[0]?.seq ?? null;
        // Asked once: a load that failed is not retried in a loop (the reader can still scroll up).
        if (oldest !== null && seq < oldest && chat.state.hasOlder && wanted !== seq) {
          setWanted(seq);
          void chat.loadFrom(seq);
        }
        return false;
      }
      atBottom.current = false;
      setHighlighted(seq);
      setWanted(null);
      const el = document.getElementById(`message-${target.id}`);
      el?.scrollIntoView({ block: 'center' });
      el?.focus({ preventScroll: true });
      return true;
    },
    [chat, wanted],
  );
  useEffect(() => {
    if (wanted !== null && !chat.loadingOlder) jumpTo(wanted);
    // Once the page around the wanted message has been added.
  }, [wanted, chat.loadingOlder, chat.state.messages, jumpTo]);

  const [linkNotice, setLinkNotice] = useState('');
  const copyLink = async (m: ChatMessage) => {
    const link = new URL(channelHref(kind, refId, m.seq), window.location.origin).href;
    try {
      await navigator.clipboard.writeText(link);
      setLinkNotice(t('discussion.linkCopied'));
    } catch {
      setLinkNotice(t('discussion.linkCopyFailed', { link }));
    }
  };
  const [actionError, setActionError] = useState<string | null>(null);

  // Opened at a message (a search hit, a link): go there once it is loaded, loading older pages as needed.
  const reachedAsked = useRef<number | null>(null);
  useEffect(() => {
    if (!askedSeq || chat.load !== 'ready' || reachedAsked.current === askedSeq || chat.loadingOlder) return;
    if (jumpTo(askedSeq)) reachedAsked.current = askedSeq;
  }, [askedSeq, chat.load, chat.loadingOlder, chat.state.messages, jumpTo]);

  const canPost = chat.channel?.access.post ?? false;
  const canModerate = chat.channel?.access.moderate ?? false;
  const view = threads(chat.state);
  const count = chat.state.messages.length + chat.state.pending.length;
  const firstSeq = chat.state.messages[0]?.seq ?? null;

  // Newest at the bottom: start there, follow new messages while the reader is at the bottom, and keep the
  // reader's place when older messages are added above. (A sent message grows when it is confirmed, Reply and Edit
  // appearing, while the count stays: hence messages.length too.)
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const anchor = prependAnchor.current;
    if (anchor && anchor.first !== firstSeq) {
      list.scrollTop = list.scrollHeight - anchor.height + anchor.top;
      prependAnchor.current = null;
      return;
    }
    if (atBottom.current) list.scrollTop = list.scrollHeight;
  }, [count, chat.state.messages.length, firstSeq, chat.load]);

  useEffect(() => {
    const m = chat.lastIncoming;
    if (!m) return;
    const preview = m.body ? (m.body.length > 140 ? `${m.body.slice(0, 137)}…` : m.body) : '';
    setAnnouncement(t('discussion.announceNew', { name: m.author.displayName, text: preview }));
  }, [chat.lastIncoming, t]);

  const loadOlder = useCallback(() => {
    const list = listRef.current;
    if (!list || !chat.state.hasOlder || chat.loadingOlder) return;
    prependAnchor.current = { height: list.scrollHeight, top: list.scrollTop, first: firstSeq };
    void chat.loadOlder();
  }, [chat, firstSeq]);

  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM_PX;
    if (list.scrollTop < 80) loadOlder();
  };

  const candidates = useCallback(async (): Promise<PersonRef[]> => {
    if (members?.length) return members;
    const users = await api.users.list({ active: true });
    return users.items.map((u) => ({ id: u.id, displayName: u.displayName }));
  }, [members]);

  const send = (body: string, attachments: MessageAttachment[]) => {
    atBottom.current = true;
    chat.send(body, replyTo?.id ?? null, attachments);
    setReplyTo(null);
  };

  const errorText = (code: string) => t(`discussion.error.${code as 'internal'}`, { defaultValue: t('discussion.error.internal') });

  const renderMessage = (item: DisplayMessage) => {
    if (item.kind === 'pending')
      return <PendingItem key={displayKey(item)} pending={item.pending} me={user} onRetry={chat.retry} onDiscard={chat.discard} errorText={errorText} />;
    const m = item.message;
    const own = m.author.id === user.id;
    const mentionsMe = m.mentions.includes(user.id);
    const article = (
      <article
        key={m.id}
        id={`message-${m.id}`}
        tabIndex={-1}
        className={`message${mentionsMe ? ' message--mention' : ''}${own ? ' message--own' : ''}${highlighted === m.seq ? ' message--target' : ''}${m.pinned ? ' message--pinned' : ''}`}
        data-seq={m.seq}
        aria-label={t('discussion.messageFrom', { name: m.author.displayName })}
      >
        <header className="message-head">
          <span className="message-author">{m.author.displayName}</span>
          <ConstituencyBadge constituency={m.author.constituency} />
          <span className="muted small message-org">
            <LocalizedName value={m.author.organization.name} />
          </span>
          <time className="muted small" dateTime={m.createdAt}>
            {shortTime(m.createdAt, i18n.language)}
          </time>
          {m.editedAt && !m.removed ? <span className="muted small">({t('discussion.edited')})</span> : null}
          {mentionsMe ? <span className="badge mention-badge">{t('discussion.mentionsYou')}</span> : null}
          {m.pinned ? (
            <span className="badge pinned-badge" title={m.pinned.by ? t('discussion.pinnedBy', { name: m.pinned.by.displayName }) : undefined}>
              📌 {m.pinned.by ? t('discussion.pinnedBy', { name: m.pinned.by.displayName }) : null}
            </span>
          ) : null}
        </header>
        {m.quote ? <QuotedMessage quote={m.quote} onJump={jumpTo} /> : null}
        {m.removed ? (
          <p className="message-removed muted">
            {t('discussion.removed', { name: m.removed.by?.displayName ?? t('activity.system'), reason: m.removed.reason })}
          </p>
        ) : editing === m.id ? (
          <div className="message-edit">
            <Composer
              label={t('discussion.editLabel')}
              initial={m.body ?? ''}
              loadCandidates={candidates}
              meId={user.id}
              replyingTo={null}
              onCancelReply={() => undefined}
              onTyping={chat.notifyTyping}
              submitLabel={t('common.save')}
              onCancel={() => setEditing(null)}
              onSend={(body) => {
                setEditError(null);
                void chat.edit(m.id, body).then((error) => {
                  if (error) setEditError(errorText(error.code));
                  else setEditing(null);
                });
              }}
            />
            {editError ? (
              <p className="field-error" role="alert">
                {editError}
              </p>
            ) : null}
          </div>
        ) : (
          <div className="message-body">
            <TranslatedText original={m.body ?? ''} translations={m.translations} render={(text) => <MessageBody body={text} />} />
            <MessageAttachments attachments={m.attachments} />
          </div>
        )}
        {!m.removed ? (
          <Reactions
            message={m}
            canReact={chat.load === 'ready'}
            onToggle={(emoji, add) => {
              setActionError(null);
              void chat.react(m.id, emoji, add).then((error) => error && setActionError(errorText(error.code)));
            }}
          />
        ) : null}
        {!m.removed && editing !== m.id ? (
          <div className="message-actions">
            {canPost ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setReplyTo(m);
                  composer.current?.focus();
                }}
              >
                {t('discussion.reply')}
              </button>
            ) : null}
            {own && canPost ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setEditing(m.id);
                  setEditError(null);
                }}
              >
                {t('common.edit')}
              </button>
            ) : null}
            <button type="button" className="link-button" onClick={() => void copyLink(m)}>
              {t('discussion.copyLink')}
            </button>
            {canModerate ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setActionError(null);
                  void chat.pin(m.id, !m.pinned).then((error) => error && setActionError(errorText(error.code)));
                }}
              >
                {m.pinned ? t('discussion.unpin') : t('discussion.pin')}
              </button>
            ) : null}
            {canModerate ? (
              <button
                type="button"
                className="link-button link-button--danger"
                onClick={() => {
                  setRemoving(m);
                  setRemoveError(null);
                }}
              >
                {t('discussion.remove')}
              </button>
            ) : null}
          </div>
        ) : null}
      </article>
    );
    return m.seq === firstUnread ? (
      <div key={m.id}>
        <div className="new-messages-line" role="separator" id={`${headingId}-new`}>
          <span>{t('discussion.newMessages')}</span>
        </div>
        {article}
      </div>
    ) : (
      article
    );
  };

  const banner =
    chat.load === 'ready' && (chat.connectionStatus === 'reconnecting' || chat.connectionStatus === 'offline' || chat.connectionStatus === 'limited') ? (
      <div className="alert alert--warning connection-banner" role="status">
        <span className="spinner" aria-hidden="true" />{' '}
        {chat.connectionStatus === 'offline'
          ? t('discussion.offline')
          : chat.connectionStatus === 'limited'
            ? t('discussion.tooManyConnections')
            : t('discussion.reconnecting')}
      </div>
    ) : null;

  return (
    <section className="discussion" aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {chat.load === 'loading' ? (
        <Loading />
      ) : chat.load === 'error' ? (
        <LoadError error={chat.loadError} onRetry={chat.reload} />
      ) : chat.load === 'none' ? (
        <EmptyState>{t('discussion.unavailable')}</EmptyState>
      ) : (
        <div className="discussion-layout">
          <div className="discussion-main">
            {banner}
            <PinnedBar pins={chat.pins} onJump={jumpTo} />
            {actionError ? (
              <p className="field-error" role="alert">
                {actionError}
              </p>
            ) : null}
            {firstUnread !== null && firstUnread <= lastSeq ? (
              <button type="button" className="button button--small button--secondary jump-unread" onClick={() => jumpTo(firstUnread)}>
                {t('discussion.jumpToUnread')}
              </button>
            ) : null}
            <div
              className="message-list"
              ref={listRef}
              onScroll={onScroll}
              tabIndex={0}
              aria-label={t('discussion.messagesLabel')}
              aria-busy={chat.loadingOlder}
            >
              <div className="message-list-top">
                {chat.state.hasOlder ? (
                  <button type="button" className="button button--small button--secondary" onClick={loadOlder} disabled={chat.loadingOlder}>
                    {chat.loadingOlder ? t('common.loading') : t('discussion.loadOlder')}
                  </button>
                ) : (
                  <p className="muted small">{count ? t('discussion.start') : canPost ? t('discussion.empty') : t('discussion.emptyReadOnly')}</p>
                )}
              </div>
              {view.map((thread, i) => (
                <div key={displayKey(thread.root)} className="thread">
                  {dayOf(thread.root) !== (i ? dayOf(view[i - 1].root) : '') ? (
                    <div className="date-separator" role="separator">
                      <span>{formatDate(createdAtOf(thread.root), i18n.language)}</span>
                    </div>
                  ) : null}
                  {thread.orphan ? <p className="muted small thread-orphan">{t('discussion.replyToEarlier')}</p> : null}
                  {renderMessage(thread.root)}
                  {thread.replies.length ? (
                    <div className="thread-replies" role="group" aria-label={t('discussion.repliesCount', { count: thread.replies.length })}>
                      {thread.replies.map((reply) => renderMessage(reply))}
                    </div>
                  ) : null}
                </div>
              ))}
            </div>
            <TypingIndicator names={chat.typing.map((u) => u.displayName)} />
            {canPost ? (
              <Composer
                ref={composer}
                label={t('discussion.writeLabel')}
                loadCandidates={candidates}
                meId={user.id}
                replyingTo={replyTo?.author.displayName ?? null}
                onCancelReply={() => setReplyTo(null)}
                onSend={send}
                onTyping={chat.notifyTyping}
                attachTo={channelId ?? undefined}
              />
            ) : (
              <p className="muted small read-only-note">{t('discussion.readOnly')}</p>
            )}
          </div>
          <aside className="presence" aria-labelledby={`${headingId}-presence`}>
            <Sub id={`${headingId}-presence`} className="presence-title">
              {t('discussion.hereNow', { count: chat.present.length })}
            </Sub>
            <ul>
              {chat.present.map((p) => (
                <li key={p.id}>
                  <span className="presence-dot" aria-hidden="true" />
                  {p.displayName}
                  {p.id === user.id ? <span className="muted small"> ({t('discussion.you')})</span> : null}
                  {p.id !== user.id && kind !== 'direct' ? (
                    <>
                      {' '}
                      <StartConversationButton person={p} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </aside>
        </div>
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <p className="link-notice muted small" role="status">
        {linkNotice}
      </p>
      <ReasonDialog
        open={removing !== null}
        title={t('discussion.removeTitle')}
        confirmLabel={t('discussion.remove')}
        reasonLabel={t('discussion.removeReason')}
        required
        danger
        busy={removeBusy}
        error={removeError}
        onCancel={() => setRemoving(null)}
        onConfirm={(reason) => {
          if (!removing) return;
          setRemoveBusy(true);
          void chat.remove(removing.id, reason).then((error) => {
            setRemoveBusy(false);
            if (error) setRemoveError(errorText(error.code));
            else setRemoving(null);
          });
        }}
      >
        <p>{t('discussion.removeText', { name: removing?.author.displayName ?? '' })}</p>
      </ReasonDialog>
    </section>
  );
}

function TypingIndicator({ names }: { names: string[] }) {
  const { t } = useTranslation();
  let text = '\u00a0';
  if (names.length === 1) text = t('discussion.typingOne', { name: names[0] });
  else if (names.length === 2) text = t('discussion.typingTwo', { first: names[0], second: names[1] });
  else if (names.length > 2) text = t('discussion.typingMany', { count: names.length });
  return <p className="typing-indicator muted small">{text}</p>;
}

function PendingItem({
  pending,
  me,
  onRetry,
  onDiscard,
  errorText,
}: {
  pending: PendingMessage;
  me: { displayName: string; organization: { name: { en?: string; zh?: string }; constituency: ChatMessage['author']['constituency'] } };
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
  errorText: (code: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <article
      className={`message message--own message--pending${pending.state === 'failed' ? ' message--failed' : ''}`}
      aria-label={t('discussion.messageFrom', { name: me.displayName })}
    >
      <header className="message-head">
        <span className="message-author">{me.displayName}</span>
        <ConstituencyBadge constituency={me.organization.constituency} />
        <span className="muted small">{pending.state === 'failed' ? t('discussion.notSent') : t('discussion.sending')}</span>
      </header>
      <div className="message-body">
        <MessageBody body={pending.body} />
      </div>
      {pending.state === 'failed' ? (
        <div className="message-actions">
          <span className="field-error small">{errorText(pending.error ?? 'internal')}</span>
          <button type="button" className="link-button" onClick={() => onRetry(pending.clientMessageId)}>
            {t('common.retry')}
          </button>
          <button type="button" className="link-button link-button--danger" onClick={() => onDiscard(pending.clientMessageId)}>
            {t('discussion.discard')}
          </button>
        </div>
      ) : null}
    </article>
  );
}
