import { useState, type FormEvent } from 'react';
import { api } from '../api';
import type { Constituency, LocalizedText, Organization } from '../api/types';
import { ConstituencyBadge } from '../components/Badges';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ConfirmationDialog } from '../components/ConfirmDialog';
import { ResourceTable, RowButton } from '../components/DataTable';
import { Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { FilterBar, FilterSelect, SearchField } from '../components/Filters';
import { FormActions, FormCard } from '../components/FormCard';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { useDebounced } from '../lib/useDebounced';
import { message, type Message } from '../lib/message';
import { useConstituencyOptions } from '../lib/options';
import { useConfirmation } from '../lib/useConfirmation';
import { useRecordEditor } from '../lib/useRecordEditor';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { draftFields } from '../lib/draftFields';

const FIELDS = ['name', 'constituency', 'region'] as const;

interface Draft {
  name: LocalizedText;
  constituency: Constituency | '';
  region: string;
}

const emptyDraft: Draft = { name: { en: '', zh: '' }, constituency: '', region: '' };

export default function OrganizationsAdminPage() {
  const { t, msg, label } = useWording();
  const constituencyOptions = useConstituencyOptions();
  const [filter, setFilter] = useState<Constituency | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const organizations = useResource(
    () => api.organizations.list({ constituency: filter || undefined, q: query || undefined }).then((r) => r.items),
    [filter, query],
  );

  const editor = useRecordEditor<Organization, Draft>(FIELDS, emptyDraft, (org) => ({
    name: { en: org.name.en ?? '', zh: org.name.zh ?? '' },
    constituency: org.constituency,
    region: org.region ?? '',
  }));
  const { editing, draft, setDraft, form } = editor;
  const field = draftFields(draft, setDraft, form.errors, msg);
  const deletion = useConfirmation<Organization>({ 409: { key: 'organizations.deleteConflict' } });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(draft.name)) local.name = message('errors.field.oneLanguage');
    if (!draft.constituency) local.constituency = message('errors.field.required');
    if (!form.check(local) || !draft.constituency) return;
    const body = { name: cleanBilingual(draft.name), constituency: draft.constituency };
    const region = draft.region.trim();
    await editor.save(async () => {
      const saved =
        editing === 'new'
          ? await api.organizations.create({ ...body, region: region || undefined })
          : // An emptied region is sent as "" so that it is cleared.
            await api.organizations.update((editing as Organization).id, { ...body, region });
      organizations.reload();
      return message(editing === 'new' ? 'organizations.created' : 'organizations.saved', { name: saved.name });
    });
  };

  const remove = async (org: Organization) => {
    await api.organizations.remove(org.id);
    editor.setNotice(message('organizations.deleted', { name: org.name }));
    organizations.reload();
  };

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        description={t('organizations.intro')}
        actions={
          <button type="button" className="button" onClick={() => editor.start('new')}>
            {t('organizations.new')}
          </button>
        }
      />
      {editor.notice ? <Notice>{msg(editor.notice)}</Notice> : null}
      {editing ? (
        <FormCard
          titleId="org-form-title"
          title={editing === 'new' ? t('organizations.new') : t('organizations.edit')}
          error={msg(form.formError)}
          onSubmit={onSubmit}
          actions={<FormActions saving={form.saving} onCancel={editor.close} />}
        >
          <BilingualTextInput legend={t('organizations.name')} {...field('name')} />
          <div className="form-row">
            <SelectField
              label={t('organizations.constituency')}
              {...field('constituency')}
              emptyLabel={t('common.choose')}
              options={constituencyOptions}
              required
            />
            <TextField label={t('organizations.region')} {...field('region')} maxLength={120} />
          </div>
        </FormCard>
      ) : null}
      <FilterBar label={t('organizations.filter')}>
        <FilterSelect label={t('organizations.constituency')} value={filter} onChange={setFilter} options={constituencyOptions} />
        <SearchField value={q} onChange={setQ} />
      </FilterBar>
      <ResourceTable
        resource={organizations}
        empty={t('directory.noOrganizations')}
        caption={t('organizations.title')}
        columns={[
          { header: t('organizations.name'), cell: (org) => <LocalizedName value={org.name} /> },
          { header: t('organizations.constituency'), cell: (org) => <ConstituencyBadge constituency={org.constituency} /> },
          { header: t('organizations.region'), cell: (org) => org.region || <span className="muted">{t('common.none')}</span> },
        ]}
        actions={(org) => (
          <>
            <RowButton action="edit" name={label(org.name)} onClick={() => editor.start(org)} />
            <RowButton action="delete" name={label(org.name)} onClick={() => deletion.ask(org)} />
          </>
        )}
      />
      <ConfirmationDialog confirmation={deletion} title={t('organizations.deleteTitle')} confirmLabel={t('common.delete')} onConfirm={remove}>
        <p>{deletion.target ? t('organizations.deleteText', { name: label(deletion.target.name) }) : null}</p>
      </ConfirmationDialog>
    </>
  );
}
