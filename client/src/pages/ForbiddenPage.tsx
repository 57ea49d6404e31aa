import { useTranslation } from 'react-i18next';
import { MessagePage } from './MessagePage';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <MessagePage title={t('forbidden.title')} text={t('forbidden.text')} />;
}
