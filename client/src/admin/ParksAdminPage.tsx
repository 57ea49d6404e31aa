import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { PARK_LEVELS, type LocalizedText, type Park, type ParkLevel } from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState, ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { LocalizedName, useLocalizedLabel } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { formErrorsFrom } from '../lib/formErrors';
import { useDebounced } from '../lib/useDebounced';
import { message, useMessage, type Message } from '../lib/message';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';

const FIELDS = ['name', 'city', 'province', 'level', 'organizationId'] as const;

interface Draft {
  name: LocalizedText;
  city: string;
  province: string;
  level: ParkLevel | '';
  organizationId: string;
}

const emptyDraft: Draft = { name: { en: '', zh: '' }, city: '', province: '', level: '', organizationId: '' };

export default function ParksAdminPage() {
  const { t } = useTranslation();
  const msg = useMessage();
  const label = useLocalizedLabel();
  const organizations = useOrganizations();
  const [level, setLevel] = useState<ParkLevel | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const parks = useResource(() => api.parks.list({ level: level || undefined, q: query || undefined }).then((r) => r.items), [level, query]);

  const [editing, setEditing] = useState<Park | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Message | null>(null);
  const [deleting, setDeleting] = useState<Park | null>(null);
  const [deleteError, setDeleteError] = useState<Message | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);

  const startEdit = (park: Park | 'new') => {
    setEditing(park);
    setDraft(
      park === 'new'
        ? emptyDraft
        : {
            name: { en: park.name.en ?? '', zh: park.name.zh ?? '' },
            city: park.city,
            province: park.province,
            level: park.level,
            organizationId: park.organization?.id ?? '',
          },
    );
    setErrors({});
    setFormError(null);
    setNotice(null);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(draft.name)) local.name = message('errors.field.oneLanguage');
    if (!draft.city.trim()) local.city = message('errors.field.required');
    if (!draft.province.trim()) local.province = message('errors.field.required');
    if (!draft.level) local.level = message('errors.field.required');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length || !draft.level) return;
    setSaving(true);
    try {
      const body = { name: cleanBilingual(draft.name), city: draft.city.trim(), province: draft.province.trim(), level: draft.level };
      const saved =
        editing === 'new'
          ? await api.parks.create({ ...body, organizationId: draft.organizationId || undefined })
          : await api.parks.update((editing as Park).id, { ...body, organizationId: draft.organizationId || null });
      setEditing(null);
      setNotice(message(editing === 'new' ? 'parks.created' : 'parks.saved', { name: saved.name }));
      parks.reload();
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
      await api.parks.remove(deleting.id);
      setNotice(message('parks.deleted', { name: deleting.name }));
      setDeleting(null);
      parks.reload();
    } catch (error) {
      setDeleteError(formErrorsFrom(error, [], { 409: { key: 'parks.deleteConflict' } }).form);
    } finally {
      setDeleteBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('parks.title')}
        description={t('parks.intro')}
        actions={
          <button type="button" className="button" onClick={() => startEdit('new')}>
            {t('parks.new')}
          </button>
        }
      />
      {notice ? <Notice>{msg(notice)}</Notice> : null}
      {editing ? (
        <section className="card form-card" aria-labelledby="park-form-title">
          <h2 id="park-form-title">{editing === 'new' ? t('parks.new') : t('parks.edit')}</h2>
          {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
          <form onSubmit={onSubmit} noValidate>
            <BilingualTextInput legend={t('parks.name')} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} error={msg(errors.name)} />
            <div className="form-row">
              <TextField label={t('parks.city')} value={draft.city} onChange={(city) => setDraft({ ...draft, city })} error={msg(errors.city)} maxLength={80} required />
              <TextField
                label={t('parks.province')}
                value={draft.province}
                onChange={(province) => setDraft({ ...draft, province })}
                error={msg(errors.province)}
                maxLength={80}
                required
              />
            </div>
            <div className="form-row">
              <SelectField
                label={t('parks.level')}
                value={draft.level}
                onChange={(v) => setDraft({ ...draft, level: v as ParkLevel | '' })}
                emptyLabel={t('common.choose')}
                options={PARK_LEVELS.map((l) => ({ value: l, label: t(`parkLevel.${l}`) }))}
                error={msg(errors.level)}
                required
              />
              <SelectField
                label={t('parks.organization')}
                value={draft.organizationId}
                onChange={(organizationId) => setDraft({ ...draft, organizationId })}
                emptyLabel={t('common.none')}
                options={organizations.options}
                error={msg(errors.organizationId)}
                hint={t('parks.organizationHint')}
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
      <form className="filters" role="search" aria-label={t('directory.filterParks')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('parks.level')}
          value={level}
          onChange={(v) => setLevel(v as ParkLevel | '')}
          emptyLabel={t('common.all')}
          options={PARK_LEVELS.map((l) => ({ value: l, label: t(`parkLevel.${l}`) }))}
        />
        <TextField label={t('common.search')} type="search" value={q} onChange={setQ} />
      </form>
      {parks.error ? (
        <LoadError error={parks.error} onRetry={parks.reload} />
      ) : parks.loading && !parks.data ? (
        <Loading />
      ) : !parks.data?.length ? (
        <EmptyState>{t('directory.noParks')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('parks.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('parks.name')}</th>
                <th scope="col">{t('parks.city')}</th>
                <th scope="col">{t('parks.province')}</th>
                <th scope="col">{t('parks.level')}</th>
                <th scope="col">{t('parks.organization')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {parks.data.map((park) => (
                <tr key={park.id}>
                  <th scope="row" data-label={t('parks.name')}>
                    <LocalizedName value={park.name} />
                  </th>
                  <td data-label={t('parks.city')}>{park.city}</td>
                  <td data-label={t('parks.province')}>{park.province}</td>
                  <td data-label={t('parks.level')}>{t(`parkLevel.${park.level}`)}</td>
                  <td data-label={t('parks.organization')}>
                    {park.organization ? <LocalizedName value={park.organization.name} /> : <span className="muted">{t('common.none')}</span>}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => startEdit(park)}
                      aria-label={t('common.editNamed', { name: label(park.name) })}
                    >
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger-outline"
                      onClick={() => {
                        setDeleting(park);
                        setDeleteError(null);
                      }}
                      aria-label={t('common.deleteNamed', { name: label(park.name) })}
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
        title={t('parks.deleteTitle')}
        confirmLabel={t('common.delete')}
        busy={deleteBusy}
        error={msg(deleteError)}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>{deleting ? t('parks.deleteText', { name: label(deleting.name) }) : null}</p>
      </ConfirmDialog>
    </>
  );
}
