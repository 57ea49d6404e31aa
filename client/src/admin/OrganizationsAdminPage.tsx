import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { CONSTITUENCIES, type Constituency, type LocalizedText, type Organization } from '../api/types';
import { ConstituencyBadge } from '../components/Badges';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState, ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { LocalizedName, useLocalizedLabel } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { formErrorsFrom } from '../lib/formErrors';
import { useDebounced } from '../lib/useDebounced';
import { message, useMessage, type Message } from '../lib/message';
import { useResource } from '../lib/useResource';

const FIELDS = ['name', 'constituency', 'region'] as const;

interface Draft {
  name: LocalizedText;
  constituency: Constituency | '';
  region: string;
}

const emptyDraft: Draft = { name: { en: '', zh: '' }, constituency: '', region: '' };

export default function OrganizationsAdminPage() {
  const { t } = useTranslation();
  const msg = useMessage();
  const label = useLocalizedLabel();
  const [filter, setFilter] = useState<Constituency | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const organizations = useResource(
    () => api.organizations.list({ constituency: filter || undefined, q: query || undefined }).then((r) => r.items),
    [filter, query],
  );

  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Message | null>(null);

  const [deleting, setDeleting] = useState<Organization | null>(null);
  const [deleteError, setDeleteError] = useState<Message | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);

  const startEdit = (org: Organization | 'new') => {
    setEditing(org);
    setDraft(org === 'new' ? emptyDraft : { name: { en: org.name.en ?? '', zh: org.name.zh ?? '' }, constituency: org.constituency, region: org.region ?? '' });
    setErrors({});
    setFormError(null);
    setNotice(null);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(draft.name)) local.name = message('errors.field.oneLanguage');
    if (!draft.constituency) local.constituency = message('errors.field.required');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length || !draft.constituency) return;
    setSaving(true);
    try {
      const body = { name: cleanBilingual(draft.name), constituency: draft.constituency };
      const region = draft.region.trim();
      const saved =
        editing === 'new'
          ? await api.organizations.create({ ...body, region: region || undefined })
          : // An emptied region is sent as "" so that it is cleared.
            await api.organizations.update((editing as Organization).id, { ...body, region });
      setEditing(null);
      setNotice(message(editing === 'new' ? 'organizations.created' : 'organizations.saved', { name: saved.name }));
      organizations.reload();
    } catch (error) {
      const result = formErrorsFrom(error, FIELDS);
      setErrors(result.fields);
      setFormError(result.form);
    } finally {
      setSaving(false);
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await api.organizations.remove(deleting.id);
      setNotice(message('organizations.deleted', { name: deleting.name }));
      setDeleting(null);
      organizations.reload();
    } catch (error) {
      setDeleteError(formErrorsFrom(error, [], { 409: { key: 'organizations.deleteConflict' } }).form);
    } finally {
      setDeleteBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        description={t('organizations.intro')}
        actions={
          <button type="button" className="button" onClick={() => startEdit('new')}>
            {t('organizations.new')}
          </button>
        }
      />
      {notice ? <Notice>{msg(notice)}</Notice> : null}
      {editing ? (
        <section className="card form-card" aria-labelledby="org-form-title">
          <h2 id="org-form-title">{editing === 'new' ? t('organizations.new') : t('organizations.edit')}</h2>
          {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
          <form onSubmit={onSubmit} noValidate>
            <BilingualTextInput legend={t('organizations.name')} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} error={msg(errors.name)} />
            <div className="form-row">
              <SelectField
                label={t('organizations.constituency')}
                value={draft.constituency}
                onChange={(v) => setDraft({ ...draft, constituency: v as Constituency | '' })}
                emptyLabel={t('common.choose')}
                options={CONSTITUENCIES.map((c) => ({ value: c, label: t(`constituency.${c}`) }))}
                error={msg(errors.constituency)}
                required
              />
              <TextField
                label={t('organizations.region')}
                value={draft.region}
                onChange={(region) => setDraft({ ...draft, region })}
                error={msg(errors.region)}
                maxLength={120}
              />
            </div>
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
      <form className="filters" role="search" aria-label={t('organizations.filter')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('organizations.constituency')}
          value={filter}
          onChange={(v) => setFilter(v as Constituency | '')}
          emptyLabel={t('common.all')}
          options={CONSTITUENCIES.map((c) => ({ value: c, label: t(`constituency.${c}`) }))}
        />
        <TextField label={t('common.search')} type="search" value={q} onChange={setQ} />
      </form>
      {organizations.error ? (
        <LoadError error={organizations.error} onRetry={organizations.reload} />
      ) : organizations.loading && !organizations.data ? (
        <Loading />
      ) : !organizations.data?.length ? (
        <EmptyState>{t('directory.noOrganizations')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('organizations.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organizations.name')}</th>
                <th scope="col">{t('organizations.constituency')}</th>
                <th scope="col">{t('organizations.region')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organizations.data.map((org) => (
                <tr key={org.id}>
                  <th scope="row" data-label={t('organizations.name')}>
                    <LocalizedName value={org.name} />
                  </th>
                  <td data-label={t('organizations.constituency')}>
                    <ConstituencyBadge constituency={org.constituency} />
                  </td>
                  <td data-label={t('organizations.region')}>{org.region || <span className="muted">{t('common.none')}</span>}</td>
                  <td className="row-actions">
                    <button type="button" className="button button--small button--secondary" onClick={() => startEdit(org)} aria-label={t('common.editNamed', { name: label(org.name) })}>
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger-outline"
                      onClick={() => {
                        setDeleting(org);
                        setDeleteError(null);
                      }}
                      aria-label={t('common.deleteNamed', { name: label(org.name) })}
                    >
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('organizations.deleteTitle')}
        confirmLabel={t('common.delete')}
        busy={deleteBusy}
        error={msg(deleteError)}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>{deleting ? t('organizations.deleteText', { name: label(deleting.name) }) : null}</p>
      </ConfirmDialog>
    </>
  );
}
