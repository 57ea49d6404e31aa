import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import type { LocalizedText, WorkingGroup, WorkingGroupInput } from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { SelectField } from '../components/Field';
import { FormPage, RecordToEdit } from '../components/FormCard';
import { message, type Message } from '../lib/message';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useResource } from '../lib/useResource';
import { useUsers } from '../lib/useUsers';
import { useWording } from '../lib/useWording';

const FIELDS = ['name', 'mandate', 'chairId', 'formedByRoundtableId'] as const;

/** Forms a working group (/working-groups/new, ?roundtable= to preselect the forming roundtable) or edits one. */
export default function WorkingGroupFormPage() {
  const { id } = useParams();
  return (
    <RecordToEdit id={id} load={(ref) => api.workingGroups.get(ref)}>
      {(group) => <WorkingGroupForm key={id ?? 'new'} group={group} />}
    </RecordToEdit>
  );
}

function WorkingGroupForm({ group }: { group: WorkingGroup | null }) {
  const { t, msg, label } = useWording();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const users = useUsers();
  const roundtables = useResource(() => api.roundtables.list({ limit: 200 }).then((r) => r.items), []);
  const [name, setName] = useState<LocalizedText>({ en: group?.name.en ?? '', zh: group?.name.zh ?? '' });
  const [mandate, setMandate] = useState<LocalizedText>({ en: group?.mandate.en ?? '', zh: group?.mandate.zh ?? '' });
  const [chairId, setChairId] = useState(group?.chair.id ?? '');
  const [roundtableId, setRoundtableId] = useState(group?.formedByRoundtableId ?? params.get('roundtable') ?? '');
  const { errors, formError, saving, check, save } = useFormSubmission(FIELDS);
  const title = group ? t('workingGroups.editTitle', { name: label(group.name) }) : t('workingGroups.new');

  useEffect(() => {
    if (group && !group.canManage) void navigate(`/working-groups/${group.id}`, { replace: true });
  }, [group, navigate]);

  const roundtableOptions = useMemo(
    () => (roundtables.data ?? []).map((r) => ({ value: r.id, label: `${label(r.title)} (${new Date(r.startsAt).getFullYear()})` })),
    [roundtables.data, label],
  );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(name)) local.name = message('errors.field.oneLanguage');
    if (isBilingualEmpty(mandate)) local.mandate = message('errors.field.oneLanguage');
    if (!chairId) local.chairId = message('errors.field.required');
    if (!check(local, message('errors.validation'))) return;
    const body: WorkingGroupInput = {
      name: cleanBilingual(name),
      mandate: cleanBilingual(mandate),
      chairId,
      ...(roundtableId ? { formedByRoundtableId: roundtableId } : group?.formedByRoundtableId ? { formedByRoundtableId: null } : {}),
    };
    await save(async () => {
      const saved = group ? await api.workingGroups.update(group.id, body) : await api.workingGroups.create(body);
      void navigate(`/working-groups/${saved.id}`, { state: { notice: group ? 'saved' : 'created' } });
    });
  };

  return (
    <FormPage
      title={title}
      description={group ? undefined : t('workingGroups.newIntro')}
      error={msg(formError)}
      onSubmit={onSubmit}
      saving={saving}
      submitLabel={group ? t('common.save') : t('workingGroups.create')}
      cancelTo={group ? `/working-groups/${group.id}` : '/working-groups'}
    >
      <BilingualTextInput legend={t('workingGroups.name')} value={name} onChange={setName} error={msg(errors.name)} maxLength={200} />
      <BilingualTextInput legend={t('workingGroups.mandate')} value={mandate} onChange={setMandate} error={msg(errors.mandate)} maxLength={5000} rows={5} />
      <div className="form-row">
        <SelectField
          label={t('workingGroups.chair')}
          value={chairId}
          onChange={setChairId}
          emptyLabel={t('common.choose')}
          options={users.options}
          hint={t('workingGroups.chairHint')}
          error={msg(errors.chairId)}
          required
        />
        <SelectField
          label={t('workingGroups.formedByLabel')}
          value={roundtableId}
          onChange={setRoundtableId}
          emptyLabel={t('common.none')}
          options={roundtableOptions}
          error={msg(errors.formedByRoundtableId)}
        />
      </div>
    </FormPage>
  );
}
