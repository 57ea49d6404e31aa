import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/errors';
import { ErrorAlert, Notice } from '../components/Feedback';
import { TextField } from '../components/Field';
import { formErrorsFrom } from '../lib/formErrors';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { message, type Message } from '../lib/message';
import { useAuth } from './AuthContext';
import { AuthLayout } from './AuthLayout';
import { SubmitRow } from '../components/FormCard';
import { useWording } from '../lib/useWording';
import { emailProblem, problems, requiredProblem } from '../lib/validation';

const FIELDS = ['email', 'password'] as const;

/** Where to go after signing in: the page the user was sent away from, never an outside address. */
function safeDestination(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/signin' ? from : '/';
}

export default function SignInPage() {
  const { t, msg } = useWording();
  const { user, signIn, sessionEnded } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('signIn.title'));

  if (user && !busy) return <Navigate to={safeDestination(location.state)} replace />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local = problems({ email: emailProblem(email), password: requiredProblem(password) });
    setFieldErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      void navigate(safeDestination(location.state), { replace: true });
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        setFormError(message('signIn.wrongCredentials'));
      } else {
        const result = formErrorsFrom(error, FIELDS, {
          429:
            isApiError(error) && error.retryAfterSeconds
              ? { key: 'signIn.throttledWait', values: { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) } }
              : { key: 'signIn.throttled' },
        });
        setFieldErrors(result.fields);
        setFormError(result.form);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout>
      <section className="card auth-card" aria-labelledby="signin-title">
        <h1 id="signin-title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        {sessionEnded ? <Notice>{t('signIn.sessionEnded')}</Notice> : null}
        {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
        <form onSubmit={onSubmit} noValidate>
          <TextField
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={setEmail}
            error={msg(fieldErrors.email)}
            required
            autoFocus
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={msg(fieldErrors.password)}
            required
          />
          <SubmitRow busy={busy} label={t('signIn.submit')} busyLabel={t('signIn.signingIn')} wide />
        </form>
        <p className="muted small">{t('signIn.invitedHint')}</p>
      </section>
    </AuthLayout>
  );
}
