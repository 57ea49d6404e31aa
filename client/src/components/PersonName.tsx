import { useTranslation } from 'react-i18next';
import type { User } from '../api/types';
import { nameFor } from '../translations/translatedText';

/** A person's name (its Chinese form in the Chinese interface, when given), with the email under it when the reader may see it. */
export function PersonName({ user }: { user: Pick<User, 'displayName' | 'email'> & { nameZh?: string | null } }) {
  const { i18n } = useTranslation();
  return (
    <>
      {nameFor(user, i18n.language)}
      {user.email ? <span className="muted small block">{user.email}</span> : null}
    </>
  );
}
