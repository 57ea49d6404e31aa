import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { DiscussionPanel } from './DiscussionPanel';
import { MyChannels } from './MyChannels';

/** The platform's general discussion, open to everyone signed in, beside the list of my channels with unread counts. */
export default function LobbyPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('lobby.title')} description={t('lobby.intro')} />
      <div className="channels-layout">
        <nav className="channels-sidebar card" aria-labelledby="my-channels">
          <h2 id="my-channels">{t('channels.heading')}</h2>
          <MyChannels headingId="my-channels" />
        </nav>
        <DiscussionPanel kind="lobby" refId={null} title={t('lobby.channel')} />
      </div>
    </>
  );
}
