import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, apiClient, isApiError } from '../api';

/** The BroadcastChannel on which the tabs of the app tell each other they signed in or out. */
const SESSION_CHANNEL = 'greentable-session';
import type { AcceptInvitationRequest, Locale, Session, User } from '../api/types';
import i18n, { currentLocale } from '../i18n';

type Status = 'loading' | 'signedIn' | 'signedOut' | 'unreachable';

/**
 * Shows the interface in this language. i18next announces every change, even to the language already shown, and
 * react-i18next answers at once by re-rendering every translated component synchronously (with whatever else is
 * pending, such as the whole signed-in page), so an unchanged language is left alone.
 */
async function showLanguage(locale: Locale): Promise<void> {
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

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
  const [status, setStatus] = useState<Status>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // The subscription below outlives renders; it reads the user through this ref.
  const userRef = useRef<User | null>(null);
  userRef.current = user;

  // Pick up the session of an earlier visit or of another tab: the refresh cookie, if the browser has one.
  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    apiClient
      .resume()
      .then((resumed) => {
        if (cancelled) return null;
        if (!resumed) {
          setStatus('signedOut');
          return null;
        }
        return resumed.user ?? api.auth.me();
      })
      .then((me) => {
        if (cancelled || !me) return;
        // The signed-in page is rendered in slices, yielding between them, like the first render (main.tsx).
        startTransition(() => {
          setUser(me);
          setStatus('signedIn');
        });
        void showLanguage(me.locale);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        // A 401 has already ended the session (see below); anything else means the server is out of reach.
        setStatus(isApiError(error) && error.status === 401 ? 'signedOut' : 'unreachable');
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
          // In a transition, as the resumed session above: a new session or a refreshed token re-renders every page
          // that shows the user, in slices rather than in one task.
          startTransition(() => {
            setUser(event.session.user);
            setStatus('signedIn');
            if (event.type === 'started') setSessionEnded(false);
          });
        }
      }),
    [],
  );

  // Another tab signed out (or in): follow it. Tabs tell each other over a BroadcastChannel (the tokens are in no
  // shared storage any more); a tab that signed out drops its access token, one that signed in picks the cookie up.
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(SESSION_CHANNEL);
    let echo = false;
    const unsubscribe = apiClient.subscribe((event) => {
      if (echo || event.type === 'refreshed') return;
      channel.postMessage(event.type);
    });
    channel.onmessage = (message: MessageEvent<unknown>) => {
      if (message.data === 'ended' && apiClient.hasSession()) {
        echo = true;
        apiClient.endSession();
        echo = false;
      } else if (message.data === 'started' && !userRef.current) {
        setAttempt((n) => n + 1);
      }
    };
    return () => {
      unsubscribe();
      channel.close();
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const session: Session = await api.auth.login({ email, password });
    await showLanguage(session.user.locale);
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
      await showLanguage(locale);
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
