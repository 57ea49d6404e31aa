import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ROLES, type CreatedInvitation, type Invitation, type Role } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { InvitationStatusBadge, RoleBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState, ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { LocalizedName, useLocalizedLabel } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { formErrorsFrom } from '../lib/formErrors';
import { message, useMessage, type Message } from '../lib/message';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';

const FIELDS = ['email', 'organizationId', 'role'] as const;

/** The link the invitee opens; built from this site's address so it works behind any host name. */
export const acceptLink = (invitation: Pick<CreatedInvitation, 'token'>, origin: string) =>
  `${origin}/invitations/${encodeURIComponent(invitation.token)}`;

function AcceptLinkCard({ invitation, onDone }: { invitation: CreatedInvitation; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const label = useLocalizedLabel();
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const link = acceptLink(invitation, window.location.origin);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      // Clipboard refused (http origin, permissions): select the text so Ctrl+C works.
      inputRef.current?.select();
      setCopied('failed');
    }
  };
  return (
    <section className="card success-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('invitations.createdTitle')}</h2>
      <p>{t('invitations.createdText', { email: invitation.email, organization: label(invitation.organization.name) })}</p>
      <div className="field">
        <label htmlFor={`${id}-link`}>{t('invitations.acceptLink')}</label>
        <div className="copy-row">
          <input id={`${id}-link`} ref={inputRef} value={link} readOnly onFocus={(e) => e.target.select()} aria-describedby={`${id}-hint`} />
          <button type="button" className="button" onClick={() => void copy()}>
            {t('invitations.copy')}
          </button>
        </div>
        <p className="field-hint" id={`${id}-hint`}>
          {t('invitations.linkHint', { date: formatDateTime(invitation.expiresAt, i18n.language) })}
        </p>
        <p role="status" className="small">
          {copied === 'yes' ? t('invitations.copied') : copied === 'failed' ? t('invitations.copyFailed') : ''}
        </p>
      </div>
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t('common.close')}
      </button>
    </section>
  );
}

export default function InvitationsPage() {
  const { t, i18n } = useTranslation();
  const msg = useMessage();
  const me = useCurrentUser();
  const label = useLocalizedLabel();
  const organizations = useOrganizations();
  const invitations = useResource(() => api.invitations.list().then((r) => r.items), []);
  // Only an admin may invite another admin.
  const roles = ROLES.filter((r) => r !== 'admin' || me.role === 'admin');

  const [email, setEmail] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (!email.trim()) local.email = message('errors.field.required');
    else if (!/^\S+@\S+\.\S+$/.test(email.trim())) local.email = message('errors.field.email');
    if (!organizationId) local.organizationId = message('errors.field.required');
    setErrors(local);
    setFormError(null);
    setNotice(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const invitation = await api.invitations.create({ email: email.trim(), organizationId, role });
      setCreated(invitation);
      setEmail('');
      invitations.reload();
    } catch (error) {
      const result = formErrorsFrom(error, FIELDS, {
        409: { key: 'invitations.emailTaken' },
        403: { key: 'invitations.adminOnly' },
      });
      setErrors(result.fields);
      setFormError(result.form);
    } finally {
      setBusy(false);
    }
  };

  const confirmRevoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      await api.invitations.revoke(revoking.id);
      setNotice(message('invitations.revoked', { email: revoking.email }));
      setRevoking(null);
      invitations.reload();
    } catch (error) {
      setRevokeError(formErrorsFrom(error, [], { 404: { key: 'invitations.notPending' } }).form);
    } finally {
      setRevokeBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('invitations.title')} description={t('invitations.intro')} />
      {created ? <AcceptLinkCard invitation={created} onDone={() => setCreated(null)} /> : null}
      {notice ? <Notice>{msg(notice)}</Notice> : null}
      <section className="card form-card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('invitations.new')}</h2>
        {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
        <form onSubmit={onSubmit} noValidate>
          <div className="form-row form-row--3">
            <TextField
              label={t('invitations.email')}
              type="email"
              inputMode="email"
              autoComplete="off"
              value={email}
              onChange={setEmail}
              error={msg(errors.email)}
              maxLength={254}
              required
            />
            <SelectField
              label={t('invitations.organization')}
              value={organizationId}
              onChange={setOrganizationId}
              emptyLabel={t('common.choose')}
              options={organizations.options}
              error={msg(errors.organizationId)}
              required
            />
            <SelectField
              label={t('invitations.role')}
              value={role}
              onChange={(v) => setRole(v as Role)}
              options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              error={msg(errors.role)}
              required
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('common.working') : t('invitations.send')}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="invitations-list">
        <h2 id="invitations-list">{t('invitations.listTitle')}</h2>
        {invitations.error ? (
          <LoadError error={invitations.error} onRetry={invitations.reload} />
        ) : invitations.loading && !invitations.data ? (
          <Loading />
        ) : !invitations.data?.length ? (
          <EmptyState>{t('invitations.empty')}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('invitations.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('invitations.email')}</th>
                  <th scope="col">{t('invitations.organization')}</th>
                  <th scope="col">{t('invitations.role')}</th>
                  <th scope="col">{t('invitations.status')}</th>
                  <th scope="col">{t('invitations.invitedBy')}</th>
                  <th scope="col">{t('invitations.expires')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.map((inv) => (
                  <tr key={inv.id}>
                    <th scope="row" data-label={t('invitations.email')}>
                      {inv.email}
                    </th>
                    <td data-label={t('invitations.organization')}>
                      <LocalizedName value={inv.organization.name} />
                    </td>
                    <td data-label={t('invitations.role')}>
                      <RoleBadge role={inv.role} />
                    </td>
                    <td data-label={t('invitations.status')}>
                      <InvitationStatusBadge status={inv.status} />
                    </td>
                    <td data-label={t('invitations.invitedBy')}>{inv.invitedBy ?? <span className="muted">{t('common.none')}</span>}</td>
                    <td data-label={t('invitations.expires')}>
                      <time dateTime={inv.expiresAt}>{formatDateTime(inv.expiresAt, i18n.language)}</time>
                    </td>
                    <td className="row-actions">
                      {inv.status === 'pending' ? (
                        <button
                          type="button"
                          className="button button--small button--danger-outline"
                          onClick={() => {
                            setRevoking(inv);
                            setRevokeError(null);
                          }}
                          aria-label={t('invitations.revokeNamed', { email: inv.email })}
                        >
                          {t('invitations.revoke')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ConfirmDialog
        open={revoking !== null}
        title={t('invitations.revokeTitle')}
        confirmLabel={t('invitations.revoke')}
        busy={revokeBusy}
        error={msg(revokeError)}
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setRevoking(null)}
      >
        <p>{revoking ? t('invitations.revokeText', { email: revoking.email, organization: label(revoking.organization.name) }) : null}</p>
      </ConfirmDialog>
    </>
  );
}
