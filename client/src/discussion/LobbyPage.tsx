import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { DiscussionPanel } from './DiscussionPanel';

/** The platform's general discussion, open to everyone signed in. */
export default function LobbyPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('lobby.title')} description={t('lobby.intro')} />
      <DiscussionPanel kind="lobby" refId={null} title={t('lobby.channel')} />
    </>
  );
}
