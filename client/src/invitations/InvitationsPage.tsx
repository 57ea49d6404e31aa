import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { ROLES, type CreatedInvitation, type Invitation, type Role } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { InvitationStatusBadge, RoleBadge } from '../components/Badges';
import { ConfirmationDialog } from '../components/ConfirmDialog';
import { ResourceTable } from '../components/DataTable';
import { Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { FormCard, SubmitRow } from '../components/FormCard';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { message, type Message } from '../lib/message';
import { useRoleOptions } from '../lib/options';
import { useConfirmation } from '../lib/useConfirmation';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { emailProblem, problems, requiredProblem } from '../lib/validation';

const FIELDS = ['email', 'organizationId', 'role'] as const;

/** The link the invitee opens; built from this site's address so it works behind any host name. */
export const acceptLink = (invitation: Pick<CreatedInvitation, 'token'>, origin: string) => `${origin}/invitations/${encodeURIComponent(invitation.token)}`;

function AcceptLinkCard({ invitation, onDone }: { invitation: CreatedInvitation; onDone: () => void }) {
  const { t, i18n, label } = useWording();
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
  const { t, i18n, msg, label } = useWording();
  const me = useCurrentUser();
  const organizations = useOrganizations();
  const invitations = useResource(() => api.invitations.list().then((r) => r.items), []);
  // Only an admin may invite another admin.
  const roleOptions = useRoleOptions(ROLES.filter((r) => r !== 'admin' || me.role === 'admin'));

  const [email, setEmail] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const form = useFormSubmission(FIELDS, {
    409: { key: 'invitations.emailTaken' },
    403: { key: 'invitations.adminOnly' },
  });
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const revocation = useConfirmation<Invitation>({ 404: { key: 'invitations.notPending' } });
  const [notice, setNotice] = useState<Message | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local = problems({ email: emailProblem(email), organizationId: requiredProblem(organizationId) });
    setNotice(null);
    if (!form.check(local)) return;
    await form.save(async () => {
      const invitation = await api.invitations.create({ email: email.trim(), organizationId, role });
      setCreated(invitation);
      setEmail('');
      invitations.reload();
    });
  };

  const revoke = async (invitation: Invitation) => {
    await api.invitations.revoke(invitation.id);
    setNotice(message('invitations.revoked', { email: invitation.email }));
    invitations.reload();
  };

  return (
    <>
      <PageHeader title={t('invitations.title')} description={t('invitations.intro')} />
      {created ? <AcceptLinkCard invitation={created} onDone={() => setCreated(null)} /> : null}
      {notice ? <Notice>{msg(notice)}</Notice> : null}
      <FormCard
        titleId="invite-title"
        title={t('invitations.new')}
        error={msg(form.formError)}
        onSubmit={onSubmit}
        actions={<SubmitRow busy={form.saving} label={t('invitations.send')} busyLabel={t('common.working')} />}
      >
        <div className="form-row form-row--3">
          <TextField
            label={t('invitations.email')}
            type="email"
            inputMode="email"
            autoComplete="off"
            value={email}
            onChange={setEmail}
            error={msg(form.errors.email)}
            maxLength={254}
            required
          />
          <SelectField
            label={t('invitations.organization')}
            value={organizationId}
            onChange={setOrganizationId}
            emptyLabel={t('common.choose')}
            options={organizations.options}
            error={msg(form.errors.organizationId)}
            required
          />
          <SelectField label={t('invitations.role')} value={role} onChange={(v) => setRole(v)} options={roleOptions} error={msg(form.errors.role)} required />
        </div>
      </FormCard>
      <section aria-labelledby="invitations-list">
        <h2 id="invitations-list">{t('invitations.listTitle')}</h2>
        <ResourceTable
          resource={invitations}
          empty={t('invitations.empty')}
          caption={t('invitations.listTitle')}
          columns={[
            { header: t('invitations.email'), cell: (inv) => inv.email },
            { header: t('invitations.organization'), cell: (inv) => <LocalizedName value={inv.organization.name} /> },
            { header: t('invitations.role'), cell: (inv) => <RoleBadge role={inv.role} /> },
            { header: t('invitations.status'), cell: (inv) => <InvitationStatusBadge status={inv.status} /> },
            { header: t('invitations.invitedBy'), cell: (inv) => inv.invitedBy ?? <span className="muted">{t('common.none')}</span> },
            { header: t('invitations.expires'), cell: (inv) => <time dateTime={inv.expiresAt}>{formatDateTime(inv.expiresAt, i18n.language)}</time> },
          ]}
          actions={(inv) =>
            inv.status === 'pending' ? (
              <button
                type="button"
                className="button button--small button--danger-outline"
                onClick={() => revocation.ask(inv)}
                aria-label={t('invitations.revokeNamed', { email: inv.email })}
              >
                {t('invitations.revoke')}
              </button>
            ) : null
          }
        />
      </section>
      <ConfirmationDialog confirmation={revocation} title={t('invitations.revokeTitle')} confirmLabel={t('invitations.revoke')} onConfirm={revoke}>
        <p>
          {revocation.target ? t('invitations.revokeText', { email: revocation.target.email, organization: label(revocation.target.organization.name) }) : null}
        </p>
      </ConfirmationDialog>
    </>
  );
}
