import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { RealtimeConnection } from '../realtime/connection';
import { useRealtime } from '../realtime/useRealtime';

/**
 * Joins the roundtable's discussion room, where the server tells votes (vote:opened, vote:tally, vote:closed) and the
 * speaker queue (queue:changed, queue:time_up). `onJoined` runs after every (re)join, so a panel can reload what it
 * may have missed while away. Returns the connection once the room is joined (null before).
 */
export function useRoundtableRoom(roundtableId: string, onJoined: () => void): RealtimeConnection | null {
  return useThingRoom('roundtable', roundtableId, onJoined);
}

/** As useRoundtableRoom, for the room of a roundtable or of a commitment (whose votes are told there). */
export function useThingRoom(kind: 'roundtable' | 'action_item', refId: string, onJoined: () => void): RealtimeConnection | null {
  const { connection } = useRealtime();
  const [channelId, setChannelId] = useState<string | null>(null);
  const [joined, setJoined] = useState(false);
  const joinedRef = useRef(onJoined);
  useEffect(() => {
    joinedRef.current = onJoined;
  }, [onJoined]);

  useEffect(() => {
    let cancelled = false;
    api.channels.find(kind, refId).then(
      (channel) => !cancelled && setChannelId(channel?.id ?? null),
      () => undefined,
    );
    return () => {
      cancelled = true;
      setChannelId(null);
    };
  }, [kind, refId]);

  useEffect(() => {
    if (!connection || !channelId) return;
    const leave = connection.join(channelId, {
      onJoined: () => {
        setJoined(true);
        joinedRef.current();
      },
    });
    return () => {
      setJoined(false);
      leave();
    };
  }, [connection, channelId]);

  return joined ? connection : null;
}
