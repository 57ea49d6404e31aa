import { useCallback } from 'react';
import type { MessageKey } from '../api/errors';
import type { LocalizedText } from '../api/types';
import { useLocalizedLabel } from '../components/LocalizedName';
import { useDynamicTranslate } from './useDynamicTranslate';

/** A message kept in state: a translation key and its values; { en, zh } values are shown in the reader's language. */
export interface Message {
  key: MessageKey['key'];
  values?: Record<string, string | number | LocalizedText>;
}

export const message = (key: string, values?: Message['values']): Message => ({ key, values });

/** Renders stored messages in the current language (so they follow a language switch). */
export function useMessage(): (m: Message | null | undefined) => string | undefined {
  const tr = useDynamicTranslate();
  const label = useLocalizedLabel();
  return useCallback(
    (m) => {
      if (!m) return undefined;
      const values = m.values ? Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, typeof v === 'object' ? label(v) : v])) : undefined;
      return tr(m.key, values);
    },
    [tr, label],
  );
}
