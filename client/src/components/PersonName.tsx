import type { User } from '../api/types';

/** A person's name, with the email under it when the reader may see it. */
export function PersonName({ user }: { user: Pick<User, 'displayName' | 'email'> }) {
  return (
    <>
      {user.displayName}
      {user.email ? <span className="muted small block">{user.email}</span> : null}
    </>
  );
}
