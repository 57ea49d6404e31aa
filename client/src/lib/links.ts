import type { ChannelKind, SearchHit } from '../api/types';

/** Where a channel's discussion is read: its thing's discussion tab (or the lobby), at a message when seq is given. */
export function channelHref(kind: ChannelKind, refId: string | null, seq?: number | null): string {
  const at = seq ? `seq=${seq}` : '';
  if (kind === 'lobby' || !refId) return `/discussions${at ? `?${at}` : ''}`;
  if (kind === 'direct') return `/conversations/${refId}${at ? `?${at}` : ''}`;
  const base = kind === 'roundtable' ? `/roundtables/${refId}` : kind === 'working_group' ? `/working-groups/${refId}` : `/action-items/${refId}`;
  return `${base}?tab=discussion${at ? `&${at}` : ''}`;
}

/** Where a search hit opens: a message in its discussion, at that message; a thing on its page. */
export function searchHitHref(hit: SearchHit): string {
  switch (hit.kind) {
    case 'message':
      return hit.channel ? channelHref(hit.channel.kind, hit.channel.refId, hit.seq) : '/discussions';
    case 'roundtable':
      return hit.field === 'decision'
        ? `/roundtables/${hit.id}?tab=decisions`
        : hit.field === 'agenda' || hit.field === 'minutes'
          ? `/roundtables/${hit.id}?tab=agenda`
          : `/roundtables/${hit.id}`;
    case 'commitment':
      return `/action-items/${hit.id}`;
    default:
      return `/indicators/${hit.id}`;
  }
}
