import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { isApiError } from '../api/errors';
import { RoleBadge } from '../components/Badges';
import { ErrorAlert, Loading, Notice } from '../components/Feedback';
import { TextField } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { formErrorsFrom } from '../lib/formErrors';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { message, type Message } from '../lib/message';
import { useResource } from '../lib/useResource';
import { useAuth } from './AuthContext';
import { AuthLayout } from './AuthLayout';
import { SummaryItem, SummaryList } from '../components/SummaryList';
import { SubmitRow } from '../components/FormCard';
import { useWording } from '../lib/useWording';

export const PASSWORD_MIN = 10;
const FIELDS = ['displayName', 'password'] as const;

/** Why an invitation link cannot be used, as a translation key. */
function unusableKey(error: unknown) {
  if (!isApiError(error)) return 'acceptInvitation.loadFailed' as const;
  if (error.status === 404 || error.status === 400) return 'acceptInvitation.notFound' as const;
  if (error.status === 410) {
    if (/accepted/i.test(error.message)) return 'acceptInvitation.alreadyAccepted' as const;
    if (/revoked/i.test(error.message)) return 'acceptInvitation.revoked' as const;
    if (/expired/i.test(error.message)) return 'acceptInvitation.expired' as const;
    return 'acceptInvitation.gone' as const;
  }
  return 'acceptInvitation.loadFailed' as const;
}

export default function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const { t, msg } = useWording();
  const navigate = useNavigate();
  const { user, acceptInvitation } = useAuth();
  const preview = useResource(() => api.invitations.preview(token), [token]);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('acceptInvitation.title'));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (!displayName.trim()) local.displayName = message('errors.field.required');
    if (password.length < PASSWORD_MIN) local.password = message('errors.field.minLength', { count: PASSWORD_MIN });
    if (!confirm) local.confirm = message('errors.field.required');
    else if (confirm !== password) local.confirm = message('acceptInvitation.mismatch');
    setErrors(local);
    setFormError(null);
    setSubmitError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await acceptInvitation(token, { displayName: displayName.trim(), password });
      void navigate('/', { replace: true });
    } catch (error) {
      if (isApiError(error) && (error.status === 404 || error.status === 410)) {
        setSubmitError(error);
      } else {
        const result = formErrorsFrom(error, FIELDS, { 409: { key: 'acceptInvitation.emailTaken' } });
        setErrors(result.fields);
        setFormError(result.form);
      }
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (preview.loading) body = <Loading />;
  else if (preview.error || submitError) {
    body = (
      <>
        <ErrorAlert>{t(unusableKey(submitError ?? preview.error))}</ErrorAlert>
        <p>{t('acceptInvitation.askAgain')}</p>
        <p>
          <Link to="/signin">{t('acceptInvitation.goToSignIn')}</Link>
        </p>
      </>
    );
  } else if (preview.data) {
    const invitation = preview.data;
    body = (
      <>
        <SummaryList>
          <SummaryItem term={t('acceptInvitation.organization')}>
            <LocalizedName value={invitation.organization.name} />
          </SummaryItem>
          <SummaryItem term={t('acceptInvitation.role')}>
            <RoleBadge role={invitation.role} />
          </SummaryItem>
          <SummaryItem term={t('acceptInvitation.email')}>{invitation.email}</SummaryItem>
        </SummaryList>
        {user ? <Notice>{t('acceptInvitation.signedInAs', { name: user.displayName })}</Notice> : null}
        {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
        <form onSubmit={onSubmit} noValidate>
          <TextField
            label={t('acceptInvitation.displayName')}
            value={displayName}
            onChange={setDisplayName}
            error={msg(errors.displayName)}
            hint={t('acceptInvitation.displayNameHint')}
            autoComplete="name"
            maxLength={120}
            required
          />
          <TextField
            label={t('acceptInvitation.password')}
            type="password"
            value={password}
            onChange={setPassword}
            error={msg(errors.password)}
            hint={t('acceptInvitation.passwordHint', { count: PASSWORD_MIN })}
            autoComplete="new-password"
            required
          />
          <TextField
            label={t('acceptInvitation.confirm')}
            type="password"
            value={confirm}
            onChange={setConfirm}
            error={msg(errors.confirm)}
            autoComplete="new-password"
            required
          />
          {/* The browser's password manager files the new password under this address. */}
          <input type="email" autoComplete="username" value={invitation.email} readOnly hidden />
          <SubmitRow busy={busy} label={t('acceptInvitation.submit')} busyLabel={t('common.working')} wide />
        </form>
      </>
    );
  }

  return (
    <AuthLayout>
      <section className="card auth-card" aria-labelledby="accept-title">
        <h1 id="accept-title">{t('acceptInvitation.title')}</h1>
        <p className="muted">{t('acceptInvitation.intro')}</p>
        {body}
      </section>
    </AuthLayout>
  );
}
