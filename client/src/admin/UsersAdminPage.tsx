import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { SEXES, type Role, type Sex, type User, type UserUpdate } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ActiveBadge, RoleBadge } from '../components/Badges';
import { ResourceTable, RowButton } from '../components/DataTable';
import { Notice } from '../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../components/Field';
import { FilterBar, FilterSelect, SearchField } from '../components/Filters';
import { FormActions, FormCard } from '../components/FormCard';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { PersonName } from '../components/PersonName';
import { useDebounced } from '../lib/useDebounced';
import { message, type Message } from '../lib/message';
import { useRoleOptions } from '../lib/options';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { draftFields } from '../lib/draftFields';

const FIELDS = ['displayName', 'nameZh', 'role', 'organizationId', 'active', 'sex', 'translator'] as const;

interface Draft {
  displayName: string;
  nameZh: string;
  translator: boolean;
  role: Role;
  organizationId: string;
  active: boolean;
  sex: Sex | '';
}

export default function UsersAdminPage() {
  const { t, msg } = useWording();
  const me = useCurrentUser();
  const organizations = useOrganizations();
  const roleOptions = useRoleOptions();
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
  const form = useFormSubmission(FIELDS);
  const field = draft ? draftFields(draft, setDraft, form.errors, msg) : null;
  const [notice, setNotice] = useState<Message | null>(null);

  const startEdit = (user: User) => {
    setEditing(user);
    setDraft({
      displayName: user.displayName,
      nameZh: user.nameZh ?? '',
      translator: user.translator,
      role: user.role,
      organizationId: user.organization.id,
      active: user.active,
      sex: user.sex ?? '',
    });
    form.reset();
    setNotice(null);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing || !draft) return;
    const local: Record<string, Message> = {};
    if (!draft.displayName.trim()) local.displayName = message('errors.field.required');
    if (!form.check(local)) return;
    // Only what changed, so the audit trail records exactly the edit.
    const body: UserUpdate = {};
    if (draft.displayName.trim() !== editing.displayName) body.displayName = draft.displayName.trim();
    if (draft.role !== editing.role) body.role = draft.role;
    if (draft.organizationId !== editing.organization.id) body.organizationId = draft.organizationId;
    if (draft.active !== editing.active) body.active = draft.active;
    if (draft.sex !== (editing.sex ?? '')) body.sex = draft.sex || null;
    if (draft.translator !== editing.translator) body.translator = draft.translator;
    if (draft.nameZh.trim() !== (editing.nameZh ?? '')) body.nameZh = draft.nameZh.trim() || null;
    await form.save(async () => {
      const saved = Object.keys(body).length ? await api.users.update(editing.id, body) : editing;
      setEditing(null);
      setNotice(message('users.saved', { name: saved.displayName }));
      users.reload();
    });
  };

  return (
    <>
      <PageHeader title={t('users.title')} description={t('users.intro')} />
      {notice ? <Notice>{msg(notice)}</Notice> : null}
      {editing && draft && field ? (
        <FormCard
          titleId="user-form-title"
          title={t('users.editTitle', { name: editing.displayName })}
          intro={editing.email ? <p className="muted">{editing.email}</p> : null}
          error={msg(form.formError)}
          onSubmit={onSubmit}
          actions={<FormActions saving={form.saving} onCancel={() => setEditing(null)} />}
        >
          <TextField label={t('users.name')} {...field('displayName')} maxLength={120} required />
          <TextField label={t('users.nameZh')} {...field('nameZh')} maxLength={120} hint={t('users.nameZhHint')} />
          <div className="form-row">
            <SelectField
              label={t('users.role')}
              {...field('role')}
              options={roleOptions}
              disabled={editing.id === me.id}
              hint={editing.id === me.id ? t('users.ownRoleHint') : undefined}
            />
            <SelectField label={t('users.organization')} {...field('organizationId')} options={organizations.options} />
            <SelectField
              label={t('users.sex')}
              {...field('sex')}
              emptyLabel={t('users.sexUnanswered')}
              options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
              hint={t('users.sexHint')}
            />
          </div>
          <CheckboxField
            label={t('users.activeLabel')}
            checked={draft.active}
            onChange={(checked) => setDraft({ ...draft, active: checked })}
            error={msg(form.errors.active)}
            disabled={editing.id === me.id}
          />
          <CheckboxField
            label={t('users.translatorLabel')}
            checked={draft.translator}
            onChange={(checked) => setDraft({ ...draft, translator: checked })}
            error={msg(form.errors.translator)}
          />
        </FormCard>
      ) : null}
      <FilterBar label={t('users.filter')}>
        <SearchField value={q} onChange={setQ} hint={t('users.searchHint')} />
        <FilterSelect label={t('users.organization')} value={organizationId} onChange={setOrganizationId} options={organizations.options} />
        <FilterSelect label={t('users.role')} value={role} onChange={setRole} options={roleOptions} />
        <FilterSelect
          label={t('users.status')}
          value={active}
          onChange={setActive}
          options={[
            { value: 'true', label: t('users.active') },
            { value: 'false', label: t('users.inactive') },
          ]}
        />
      </FilterBar>
      <ResourceTable
        resource={users}
        empty={t('directory.noPeople')}
        caption={t('users.title')}
        columns={[
          { header: t('users.name'), cell: (user) => <PersonName user={user} /> },
          { header: t('users.organization'), cell: (user) => <LocalizedName value={user.organization.name} /> },
          {
            header: t('users.role'),
            cell: (user) => (
              <>
                <RoleBadge role={user.role} />
                {user.translator ? <span className="badge">{t('users.translator')}</span> : null}
              </>
            ),
          },
          { header: t('users.status'), cell: (user) => <ActiveBadge active={user.active} /> },
        ]}
        actions={(user) => <RowButton action="edit" name={user.displayName} onClick={() => startEdit(user)} />}
      />
    </>
  );
}
