import { useState, type FormEvent } from 'react';
import { api } from '../api';
import type { LocalizedText, Park, ParkLevel } from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ConfirmationDialog } from '../components/ConfirmDialog';
import { ResourceTable, RowButton } from '../components/DataTable';
import { Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { FilterBar, FilterSelect, SearchField } from '../components/Filters';
import { FormActions, FormCard } from '../components/FormCard';
import { PageHeader } from '../components/PageHeader';
import { useParkColumns } from '../components/ParkColumns';
import { useDebounced } from '../lib/useDebounced';
import { message, type Message } from '../lib/message';
import { useParkLevelOptions } from '../lib/options';
import { useConfirmation } from '../lib/useConfirmation';
import { useOrganizations } from '../lib/useOrganizations';
import { useRecordEditor } from '../lib/useRecordEditor';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { draftFields } from '../lib/draftFields';

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
  const { t, msg, label } = useWording();
  const organizations = useOrganizations();
  const levelOptions = useParkLevelOptions();
  const columns = useParkColumns();
  const [level, setLevel] = useState<ParkLevel | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const parks = useResource(() => api.parks.list({ level: level || undefined, q: query || undefined }).then((r) => r.items), [level, query]);

  const editor = useRecordEditor<Park, Draft>(FIELDS, emptyDraft, (park) => ({
    name: { en: park.name.en ?? '', zh: park.name.zh ?? '' },
    city: park.city,
    province: park.province,
    level: park.level,
    organizationId: park.organization?.id ?? '',
  }));
  const { editing, draft, setDraft, form } = editor;
  const field = draftFields(draft, setDraft, form.errors, msg);
  const deletion = useConfirmation<Park>({ 409: { key: 'parks.deleteConflict' } });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(draft.name)) local.name = message('errors.field.oneLanguage');
    if (!draft.city.trim()) local.city = message('errors.field.required');
    if (!draft.province.trim()) local.province = message('errors.field.required');
    if (!draft.level) local.level = message('errors.field.required');
    if (!form.check(local) || !draft.level) return;
    const body = { name: cleanBilingual(draft.name), city: draft.city.trim(), province: draft.province.trim(), level: draft.level };
    await editor.save(async () => {
      const saved =
        editing === 'new'
          ? await api.parks.create({ ...body, organizationId: draft.organizationId || undefined })
          : await api.parks.update((editing as Park).id, { ...body, organizationId: draft.organizationId || null });
      parks.reload();
      return message(editing === 'new' ? 'parks.created' : 'parks.saved', { name: saved.name });
    });
  };

  const remove = async (park: Park) => {
    await api.parks.remove(park.id);
    editor.setNotice(message('parks.deleted', { name: park.name }));
    parks.reload();
  };

  return (
    <>
      <PageHeader
        title={t('parks.title')}
        description={t('parks.intro')}
        actions={
          <button type="button" className="button" onClick={() => editor.start('new')}>
            {t('parks.new')}
          </button>
        }
      />
      {editor.notice ? <Notice>{msg(editor.notice)}</Notice> : null}
      {editing ? (
        <FormCard
          titleId="park-form-title"
          title={editing === 'new' ? t('parks.new') : t('parks.edit')}
          error={msg(form.formError)}
          onSubmit={onSubmit}
          actions={<FormActions saving={form.saving} onCancel={editor.close} />}
        >
          <BilingualTextInput legend={t('parks.name')} {...field('name')} />
          <div className="form-row">
            <TextField label={t('parks.city')} {...field('city')} maxLength={80} required />
            <TextField label={t('parks.province')} {...field('province')} maxLength={80} required />
          </div>
          <div className="form-row">
            <SelectField label={t('parks.level')} {...field('level')} emptyLabel={t('common.choose')} options={levelOptions} required />
            <SelectField
              label={t('parks.organization')}
              {...field('organizationId')}
              emptyLabel={t('common.none')}
              options={organizations.options}
              hint={t('parks.organizationHint')}
            />
          </div>
        </FormCard>
      ) : null}
      <FilterBar label={t('directory.filterParks')}>
        <FilterSelect label={t('parks.level')} value={level} onChange={setLevel} options={levelOptions} />
        <SearchField value={q} onChange={setQ} />
      </FilterBar>
      <ResourceTable
        resource={parks}
        empty={t('directory.noParks')}
        caption={t('parks.title')}
        columns={columns}
        actions={(park) => (
          <>
            <RowButton action="edit" name={label(park.name)} onClick={() => editor.start(park)} />
            <RowButton action="delete" name={label(park.name)} onClick={() => deletion.ask(park)} />
          </>
        )}
      />
      <ConfirmationDialog confirmation={deletion} title={t('parks.deleteTitle')} confirmLabel={t('common.delete')} onConfirm={remove}>
        <p>{deletion.target ? t('parks.deleteText', { name: label(deletion.target.name) }) : null}</p>
      </ConfirmationDialog>
    </>
  );
}
