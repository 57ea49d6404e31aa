import type { AppNotification, ChannelKind } from '../api/types';
import { channelHref } from '../lib/links';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Discussions that channelHref can open at a message. */
const MESSAGE_PLACES: readonly string[] = ['lobby', 'roundtable', 'working_group', 'action_item', 'direct'];

/** Where a notification leads. */
export function notificationLink(n: AppNotification): string | null {
  const p = n.payload;
  // A mention or a reply opens its discussion at the message itself.
  const kind = str(p.channelKind);
  if ((n.kind === 'mention' || n.kind === 'reply') && typeof p.seq === 'number' && MESSAGE_PLACES.includes(kind) && (kind === 'lobby' || str(p.refId))) {
    return channelHref(kind as ChannelKind, str(p.refId) || null, p.seq);
  }
  // Every notification written now says where it leads (a client path).
  if (typeof p.link === 'string' && p.link.startsWith('/') && !p.link.startsWith('//')) {
    return p.channelId ? `${p.link}${p.link.includes('?') ? '&' : '?'}tab=discussion` : p.link;
  }
  if (n.kind === 'mention') {
    const refId = str(p.refId);
    switch (p.channelKind) {
      case 'roundtable':
        return `/roundtables/${refId}?tab=discussion`;
      case 'working_group':
        return `/working-groups/${refId}?tab=discussion`;
      case 'action_item':
        return `/action-items/${refId}?tab=discussion`;
      case 'lobby':
        return '/discussions';
      default:
        return null;
    }
  }
  // Older notifications of a commitment carried only its id.
  if (typeof p.actionItemId === 'string') return `/action-items/${p.actionItemId}`;
  // A path to another site ("//host/…") is never followed.
  return null;
}
