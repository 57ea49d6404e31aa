import { startTransition, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../api';
import type { AppNotification, LocalizedText } from '../api/types';
import { formatDateTime } from '../i18n/format';
import { notificationLink } from './notificationLink';
import { localizedString } from '../i18n/localized';
import { usePopover } from '../lib/usePopover';
import { useRealtime } from '../realtime/useRealtime';

const PAGE = 20;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const text = (v: unknown) => (typeof v === 'object' && v !== null ? (v as LocalizedText) : null);
/** The bell in the header: unread count, the latest notifications, live as they arrive; opening one marks it read. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { connection } = useRealtime();
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const location = useLocation();
  const { open, setOpen, root, button } = usePopover(location.pathname + location.search);

  const describe = (n: AppNotification): string => {
    const p = n.payload;
    const by = str(p.by) || str((p.author as { displayName?: string } | undefined)?.displayName) || t('activity.system');
    // A mention's or reply's title names its discussion ("the roundtable “…”"); older ones carry only the kind of place.
    const title = localizedString(text(p.title), i18n.language);
    switch (n.kind) {
      case 'mention':
        return t('notifications.mention', {
          name: by,
          place: title || t(`notifications.place.${(str(p.channelKind) || 'lobby') as 'lobby'}`, { defaultValue: t('notifications.place.lobby') }),
        });
      case 'action_item.status_changed':
        return t('notifications.statusChanged', { name: by, title, status: t(`actionItemStatus.${str(p.to) as 'agreed'}`, { defaultValue: str(p.to) }) });
      case 'position.stated':
        return t('notifications.positionStated', {
          name: by,
          title,
          stance: t(`stance.${str(p.stance) as 'support'}`, { defaultValue: str(p.stance) }),
          organization: localizedString(text((p.organization as { name?: LocalizedText } | null)?.name), i18n.language) || by,
        });
      // The title names the indicator, the park, the period and (rejected) the reason; older ones had only the period.
      case 'observation.verified':
        return title || t('notifications.observationVerified', { period: str(p.period), name: by });
      case 'observation.rejected':
        return title || t('notifications.observationRejected', { period: str(p.period), name: by });
      case 'reply':
        return t('notifications.reply', {
          name: by,
          place: title || t(`notifications.place.${(str(p.channelKind) || 'lobby') as 'lobby'}`, { defaultValue: t('notifications.place.lobby') }),
        });
      default:
        // Kinds that carry their own bilingual title (e.g. minutes circulated for comment) say it themselves.
        return title || t('notifications.other');
    }
  };

  useEffect(() => {
    let cancelled = false;
    api.notifications
      .list({ limit: PAGE })
      .then((page) => {
        if (cancelled) return;
        // The bell is in the header of every page: its first answer renders in a transition, as pages' data does.
        startTransition(() => {
          setItems(page.items);
          setUnread(page.unreadCount);
          setFailed(false);
        });
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!connection) return;
    return connection.on('notification', ({ notification }) => {
      setItems((list) => (list.some((n) => n.id === notification.id) ? list : [notification, ...list].slice(0, 50)));
      if (!notification.readAt) setUnread((u) => u + 1);
      setAnnouncement(t('notifications.announce', { text: describe(notification) }));
    });
  }, [connection, i18n.language]);

  const markRead = async (ids?: string[]) => {
    const now = new Date().toISOString();
    setItems((list) => list.map((n) => (!ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)));
    try {
      const result = await api.notifications.markRead(ids);
      setUnread(result.unreadCount);
    } catch {
      // The next load shows the true state.
    }
  };

  return (
    <div className="notification-bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-label={unread ? t('notifications.buttonUnread', { count: unread }) : t('notifications.button')}
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread ? (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      <div id={`${id}-panel`} className="notification-panel" hidden={!open} role="region" aria-labelledby={`${id}-title`}>
        <div className="notification-panel-head">
          <p className="notification-title" id={`${id}-title`}>
            {t('notifications.title')}
          </p>
          {unread ? (
            <button type="button" className="link-button" onClick={() => void markRead()}>
              {t('notifications.markAllRead')}
            </button>
          ) : null}
        </div>
        {failed ? (
          <p className="muted small">{t('errors.network')}</p>
        ) : items.length === 0 ? (
          <p className="muted small">{t('notifications.empty')}</p>
        ) : (
          <ul className="notification-list">
            {items.map((n) => {
              const to = notificationLink(n);
              const body = (
                <>
                  <span className="notification-text">{describe(n)}</span>
                  <time className="muted small" dateTime={n.createdAt}>
                    {formatDateTime(n.createdAt, i18n.language)}
                  </time>
                </>
              );
              return (
                <li key={n.id} className={n.readAt ? 'is-read' : 'is-unread'}>
                  {!n.readAt ? <span className="visually-hidden">{t('notifications.unread')}: </span> : null}
                  {to ? (
                    <Link to={to} onClick={() => !n.readAt && void markRead([n.id])}>
                      {body}
                    </Link>
                  ) : (
                    <button type="button" className="notification-plain" onClick={() => !n.readAt && void markRead([n.id])}>
                      {body}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <p className="small notification-settings">
          <Link to="/settings/mail">{t('notifications.mailSettings')}</Link>
        </p>
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
