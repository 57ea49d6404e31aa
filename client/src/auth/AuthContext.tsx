import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, apiClient } from '../api';
import { TOKEN_STORAGE_KEY } from '../api/client';
import type { AcceptInvitationRequest, Locale, Session, User } from '../api/types';
import i18n, { currentLocale } from '../i18n';

type Status = 'loading' | 'signedIn' | 'signedOut' | 'unreachable';

interface AuthContextValue {
  status: Status;
  user: User | null;
  /** True when the session ended on its own (expired, revoked), so the sign-in page can say so. */
  sessionEnded: boolean;
  signIn: (email: string, password: string) => Promise<User>;
  acceptInvitation: (token: string, body: AcceptInvitationRequest) => Promise<User>;
  signOut: () => Promise<void>;
  /** Switches the interface language and, when signed in, saves it to the account. */
  setLanguage: (locale: Locale) => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>(apiClient.hasSession() ? 'loading' : 'signedOut');
  const [user, setUser] = useState<User | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // The subscription below outlives renders; it reads the user through this ref.
  const userRef = useRef<User | null>(null);
  userRef.current = user;

  // Restore the session kept from an earlier visit.
  useEffect(() => {
    if (!apiClient.hasSession()) return;
    let cancelled = false;
    setStatus('loading');
    api.auth
      .me()
      .then((me) => {
        if (cancelled) return;
        setUser(me);
        setStatus('signedIn');
        void i18n.changeLanguage(me.locale);
      })
      .catch(() => {
        if (cancelled) return;
        // A 401 has already ended the session (see below); anything else means the server is out of reach.
        setStatus(apiClient.hasSession() ? 'unreachable' : 'signedOut');
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(
    () =>
      apiClient.subscribe((event) => {
        if (event.type === 'ended') {
          if (userRef.current) setSessionEnded(true);
          userRef.current = null;
          setUser(null);
          setStatus('signedOut');
        } else {
          setUser(event.session.user);
          setStatus('signedIn');
          if (event.type === 'started') setSessionEnded(false);
        }
      }),
    [],
  );

  // Another tab signed out (or in): follow it.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== TOKEN_STORAGE_KEY) return;
      if (!e.newValue) {
        setUser(null);
        setStatus('signedOut');
      } else if (!user) {
        setAttempt((n) => n + 1);
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [user]);

  const signIn = useCallback(async (email: string, password: string) => {
    const session: Session = await api.auth.login({ email, password });
    await i18n.changeLanguage(session.user.locale);
    return session.user;
  }, []);

  const acceptInvitation = useCallback(async (token: string, body: AcceptInvitationRequest) => {
    const session = await api.invitations.accept(token, body);
    // The invitee chose a language on the invitation page: keep it for the new account.
    const chosen = currentLocale();
    if (session.user.locale !== chosen) {
      try {
        const updated = await api.auth.updateMe({ locale: chosen });
        setUser(updated);
        return updated;
      } catch {
        // The account works anyway; the language can be switched again later.
      }
    }
    return session.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.auth.logout();
    } catch {
      // Signed out locally even if the server could not be told.
    }
    setSessionEnded(false);
  }, []);

  const setLanguage = useCallback(
    async (locale: Locale) => {
      await i18n.changeLanguage(locale);
      if (user && user.locale !== locale) {
        try {
          setUser(await api.auth.updateMe({ locale }));
        } catch {
          // The interface language changed anyway; it is only not remembered on other devices.
        }
      }
    },
    [user],
  );

  const value = useMemo<AuthContextValue>(
    () => ({ status, user, sessionEnded, signIn, acceptInvitation, signOut, setLanguage, retry: () => setAttempt((n) => n + 1) }),
    [status, user, sessionEnded, signIn, acceptInvitation, signOut, setLanguage],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser without a signed-in user');
  return user;
}
