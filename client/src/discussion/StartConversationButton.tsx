import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useCurrentUser } from '../auth/AuthContext';

/** Opens my direct conversation with a person (started on first use; the same one every time after). */
export function StartConversationButton({ person }: { person: { id: string; displayName: string } }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (person.id === me.id) return null;
  return (
    <>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-label={t('conversations.start', { name: person.displayName })}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setFailed(false);
          api.conversations
            .start([person.id])
            .then((conversation) => navigate(`/conversations/${conversation.id}`))
            .catch(() => {
              setFailed(true);
              setBusy(false);
            });
        }}
      >
        {t('directory.sendMessage')}
      </button>
      {failed ? (
        <span className="field-error small" role="alert">
          {t('conversations.startFailed')}
        </span>
      ) : null}
    </>
  );
}
