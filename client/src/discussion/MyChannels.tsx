import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { MyChannel } from '../api/types';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { channelHref } from '../lib/links';
import { useRealtime } from '../realtime/useRealtime';
import { useResource } from '../lib/useResource';

/**
 * My channels with what I have not read (kept on the server, the same on all my devices): each opens its
 * discussion at the first unread message. `onlyUnread` keeps those with something new (the desk).
 */
export function MyChannels({ onlyUnread = false, headingId }: { onlyUnread?: boolean; headingId: string }) {
  const { t } = useTranslation();
  const channels = useResource(() => api.channels.mine(), []);
  const { connection } = useRealtime();
  const { reload } = channels;
  // Another device (or this one) read somewhere: the counts follow.
  useEffect(() => (connection ? connection.on('channel:read', () => reload()) : undefined), [connection, reload]);

  if (channels.loading && !channels.data) return <Loading />;
  if (channels.error) return <LoadError error={channels.error} onRetry={reload} />;
  const list = (channels.data ?? []).filter((c: MyChannel) => !onlyUnread || c.unread > 0);
  if (!list.length) return <EmptyState>{onlyUnread ? t('channels.allRead') : t('channels.none')}</EmptyState>;
  return <ChannelList channels={list} headingId={headingId} />;
}

/** Channels, each a link to its discussion at the first unread message, with unread and mention badges. */
export function ChannelList({ channels, headingId }: { channels: readonly MyChannel[]; headingId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="my-channels" aria-labelledby={headingId}>
      {channels.map((c) => (
        <li key={c.id} className={c.unread ? 'my-channel my-channel--unread' : 'my-channel'}>
          <Link to={channelHref(c.kind, c.refId, c.firstUnreadSeq)}>
            <span className="my-channel-kind muted small">{t(`search.channel.${c.kind}`)}</span>{' '}
            <span className="my-channel-title">{c.title ? <LocalizedName value={c.title} /> : t('lobby.channel')}</span>
          </Link>
          {c.mentions ? (
            <span className="badge mention-badge" aria-label={c.mentions > 99 ? t('channels.mentionsMany') : t('channels.mentions', { count: c.mentions })}>
              @{c.mentions > 99 ? '99+' : c.mentions}
            </span>
          ) : null}
          {c.unread ? (
            <span className="badge unread-badge" aria-label={c.unread > 99 ? t('channels.unreadMany') : t('channels.unread', { count: c.unread })}>
              {c.unread > 99 ? '99+' : c.unread}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
