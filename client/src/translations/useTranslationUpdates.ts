import { useEffect, useRef } from 'react';
import { useRealtime } from '../realtime/useRealtime';
import type { components } from '../api/schema';

export type TranslationUpdate = components['schemas']['TranslationUpdatedEvent'];

/**
 * Hands over every `translation:updated` about texts of one thing (a commitment, or a channel's messages). The
 * server pushes it to the rooms the page has joined already (the thing's channel, the roadmap's board).
 */
export function useTranslationUpdates(contextId: string | undefined, onUpdate: (event: TranslationUpdate) => void): void {
  const { connection } = useRealtime();
  const onUpdateRef = useRef(onUpdate);
  onUpdateRef.current = onUpdate;
  useEffect(() => {
    if (!connection || !contextId) return;
    return connection.on('translation:updated', (event) => {
      if (event.contextId === contextId) onUpdateRef.current(event);
    });
  }, [connection, contextId]);
}
