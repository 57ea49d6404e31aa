import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ROLES, type Role, type User, type UserUpdate } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ActiveBadge, RoleBadge } from '../components/Badges';
import { EmptyState, ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { formErrorsFrom } from '../lib/formErrors';
import { useDebounced } from '../lib/useDebounced';
import { message, useMessage, type Message } from '../lib/message';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';

const FIELDS = ['displayName', 'role', 'organizationId', 'active'] as const;

interface Draft {
  displayName: string;
  role: Role;
  organizationId: string;
  active: boolean;
}

export default function UsersAdminPage() {
  const { t } = useTranslation();
  const msg = useMessage();
  const me = useCurrentUser();
  const organizations = useOrganizations();
  const [q, setQ] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [active, setActive] = useState<'' | 'true' | 'false'>('');
  const query = useDebounced(q.trim());
  const users = useResource(
    () =>
      api.users
        .list({
          q: query || undefined,
          organizationId: organizationId || undefined,
          role: role || undefined,
          active: active === '' ? undefined : active === 'true',
        })
        .then((r) => r.items),
    [query, organizationId, role, active],
  );

  const [editing, setEditing] = useState<User | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Message | null>(null);

  const startEdit = (user: User) => {
    setEditing(user);
    setDraft({ displayName: user.displayName, role: user.role, organizationId: user.organization.id, active: user.active });
    setErrors({});
    setFormError(null);
    setNotice(null);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing || !draft) return;
    const local: Record<string, Message> = {};
    if (!draft.displayName.trim()) local.displayName = message('errors.field.required');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    // Only what changed, so the audit trail records exactly the edit.
    const body: UserUpdate = {};
    if (draft.displayName.trim() !== editing.displayName) body.displayName = draft.displayName.trim();
    if (draft.role !== editing.role) body.role = draft.role;
    if (draft.organizationId !== editing.organization.id) body.organizationId = draft.organizationId;
    if (draft.active !== editing.active) body.active = draft.active;
    setSaving(true);
    try {
      const saved = Object.keys(body).length ? await api.users.update(editing.id, body) : editing;
      setEditing(null);
      setNotice(message('users.saved', { name: saved.displayName }));
      users.reload();
    } catch (error) {
      const result = formErrorsFrom(error, FIELDS);
      setErrors(result.fields);
      setFormError(result.form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('users.title')} description={t('users.intro')} />
      {notice ? <Notice>{msg(notice)}</Notice> : null}
      {editing && draft ? (
        <section className="card form-card" aria-labelledby="user-form-title">
          <h2 id="user-form-title">{t('users.editTitle', { name: editing.displayName })}</h2>
          {editing.email ? <p className="muted">{editing.email}</p> : null}
          {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
          <form onSubmit={onSubmit} noValidate>
            <TextField
              label={t('users.name')}
              value={draft.displayName}
              onChange={(displayName) => setDraft({ ...draft, displayName })}
              error={msg(errors.displayName)}
              maxLength={120}
              required
            />
            <div className="form-row">
              <SelectField
                label={t('users.role')}
                value={draft.role}
                onChange={(v) => setDraft({ ...draft, role: v as Role })}
                options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                error={msg(errors.role)}
                disabled={editing.id === me.id}
                hint={editing.id === me.id ? t('users.ownRoleHint') : undefined}
              />
              <SelectField
                label={t('users.organization')}
                value={draft.organizationId}
                onChange={(organizationId) => setDraft({ ...draft, organizationId })}
                options={organizations.options}
                error={msg(errors.organizationId)}
              />
            </div>
            <CheckboxField
              label={t('users.activeLabel')}
              checked={draft.active}
              onChange={(checked) => setDraft({ ...draft, active: checked })}
              error={msg(errors.active)}
              disabled={editing.id === me.id}
            />
            <div className="form-actions">
              <button type="button" className="button button--secondary" onClick={() => setEditing(null)} disabled={saving}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="button" disabled={saving}>
                {saving ? t('common.saving') : t('common.save')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      <form className="filters" role="search" aria-label={t('users.filter')} onSubmit={(e) => e.preventDefault()}>
        <TextField label={t('common.search')} type="search" value={q} onChange={setQ} hint={t('users.searchHint')} />
        <SelectField
          label={t('users.organization')}
          value={organizationId}
          onChange={setOrganizationId}
          emptyLabel={t('common.all')}
          options={organizations.options}
        />
        <SelectField
          label={t('users.role')}
          value={role}
          onChange={(v) => setRole(v as Role | '')}
          emptyLabel={t('common.all')}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <SelectField
          label={t('users.status')}
          value={active}
          onChange={(v) => setActive(v as '' | 'true' | 'false')}
          emptyLabel={t('common.all')}
          options={[
            { value: 'true', label: t('users.active') },
            { value: 'false', label: t('users.inactive') },
          ]}
        />
      </form>
      {users.error ? (
        <LoadError error={users.error} onRetry={users.reload} />
      ) : users.loading && !users.data ? (
        <Loading />
      ) : !users.data?.length ? (
        <EmptyState>{t('directory.noPeople')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.organization')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <th scope="row" data-label={t('users.name')}>
                    {user.displayName}
                    {user.email ? <span className="muted small block">{user.email}</span> : null}
                  </th>
                  <td data-label={t('users.organization')}>
                    <LocalizedName value={user.organization.name} />
                  </td>
                  <td data-label={t('users.role')}>
                    <RoleBadge role={user.role} />
                  </td>
                  <td data-label={t('users.status')}>
                    <ActiveBadge active={user.active} />
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => startEdit(user)}
                      aria-label={t('common.editNamed', { name: user.displayName })}
                    >
                      {t('common.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
