import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { useCurrentUser } from '../auth/AuthContext';
import { LoadError, Loading } from '../components/Feedback';
import { PageHeader } from '../components/PageHeader';
import { useResource } from '../lib/useResource';
import { DiscussionPanel } from './DiscussionPanel';
import { MyChannels } from './MyChannels';

/** A direct conversation between two or a few people, beside the list of my channels. */
export default function ConversationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const conversation = useResource(() => api.conversations.get(id), [id]);
  if (conversation.loading && !conversation.data) return <Loading />;
  if (conversation.error || !conversation.data) return <LoadError error={conversation.error} onRetry={conversation.reload} />;
  const others = conversation.data.members.filter((m) => m.id !== user.id).map((m) => m.displayName);
  const names = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' }).format(others);
  return (
    <>
      <PageHeader title={t('conversations.with', { names })} description={t('conversations.intro')} />
      <div className="channels-layout">
        <nav className="channels-sidebar card" aria-labelledby="my-channels">
          <h2 id="my-channels">{t('channels.heading')}</h2>
          <MyChannels headingId="my-channels" />
        </nav>
        <DiscussionPanel kind="direct" refId={id} title={t('conversations.title')} members={conversation.data.members} />
      </div>
    </>
  );
}
