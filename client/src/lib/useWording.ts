import { useTranslation } from 'react-i18next';
import { useLocalizedLabel } from '../components/LocalizedName';
import { useMessage } from './message';

/**
 * What a page writes its text with, in the reader's language: `t` for translation keys, `msg` for messages kept in
 * state, `label` for the { en, zh } names of records; `i18n.language` for dates and numbers.
 */
export function useWording() {
  const { t, i18n } = useTranslation();
  const msg = useMessage();
  const label = useLocalizedLabel();
  return { t, i18n, msg, label };
}
