import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import {
  CONSTITUENCIES,
  type ActionItemDetail,
  type ActionItemInput,
  type LocalizedText,
  type Organization,
  type PolicyArea,
  type Priority,
} from '../api/types';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { TextField } from '../components/Field';
import { FormPage, RecordToEdit } from '../components/FormCard';
import { message, type Message } from '../lib/message';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';
import { LeadOrganizationSelect, PolicyAreaSelect, PrioritySelect, WorkingGroupSelect } from './CommitmentFields';
import { useWording } from '../lib/useWording';

const FIELDS = [
  'title',
  'description',
  'workingGroupId',
  'leadOrganizationId',
  'supportingOrganizationIds',
  'dueDate',
  'priority',
  'policyArea',
  'progress',
  'reason',
] as const;

/** A new commitment on a roadmap (/roadmaps/:id/items/new) or an edit of one (/action-items/:id/edit). */
export default function ActionItemFormPage() {
  const { id, roadmapId } = useParams();
  return (
    <RecordToEdit id={id} load={(ref) => api.actionItems.get(ref)}>
      {(item) => <ActionItemForm key={id ?? 'new'} item={item} roadmapId={item?.roadmapId ?? roadmapId ?? ''} />}
    </RecordToEdit>
  );
}

function ActionItemForm({ item, roadmapId }: { item: ActionItemDetail | null; roadmapId: string }) {
  const { t, msg, label } = useWording();
  const navigate = useNavigate();
  const organizations = useOrganizations();
  const groups = useResource(() => api.workingGroups.list({ limit: 200 }).then((r) => r.items), []);
  const [title, setTitle] = useState<LocalizedText>({ en: item?.title.en ?? '', zh: item?.title.zh ?? '' });
  const [description, setDescription] = useState<LocalizedText>({ en: item?.description.en ?? '', zh: item?.description.zh ?? '' });
  const [workingGroupId, setWorkingGroupId] = useState(item?.workingGroup?.id ?? '');
  const [lead, setLead] = useState(item?.leadOrganization.id ?? '');
  const [supporting, setSupporting] = useState<string[]>(item?.supportingOrganizations.map((o) => o.id) ?? []);
  const [dueDate, setDueDate] = useState(item?.dueDate ?? '');
  const [priority, setPriority] = useState<Priority>(item?.priority ?? 'medium');
  const [policyArea, setPolicyArea] = useState<PolicyArea | ''>(item?.policyArea ?? '');
  const [progress, setProgress] = useState(String(item?.progress ?? 0));
  const [reason, setReason] = useState('');
  const { errors, formError, saving, check, save } = useFormSubmission(FIELDS);
  const heading = item ? t('actionItem.editTitle', { name: label(item.title) }) : t('roadmaps.newItem');

  useEffect(() => {
    if (item && !item.can.edit) void navigate(`/action-items/${item.id}`, { replace: true });
  }, [item, navigate]);

  const byConstituency = useMemo(() => {
    const all = organizations.data ?? [];
    return CONSTITUENCIES.map((c) => ({
      constituency: c,
      organizations: all.filter((o: Organization) => o.constituency === c && o.id !== lead).sort((a, b) => label(a.name).localeCompare(label(b.name))),
    })).filter((g) => g.organizations.length);
  }, [organizations.data, lead, label]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(title)) local.title = message('errors.field.oneLanguage');
    if (!lead) local.leadOrganizationId = message('errors.field.required');
    if (!policyArea) local.policyArea = message('errors.field.required');
    const manual = Number(progress);
    if (!item?.progressFromMilestones && (!/^\d{1,3}$/.test(progress) || manual > 100)) local.progress = message('actionItem.progressInvalid');
    if (!check(local, message('errors.validation')) || !policyArea) return;
    const body: ActionItemInput = {
      title: cleanBilingual(title),
      description: cleanBilingual(description),
      leadOrganizationId: lead,
      supportingOrganizationIds: supporting.filter((s) => s !== lead),
      priority,
      policyArea,
      ...(item?.progressFromMilestones ? {} : { progress: manual }),
    };
    await save(async () => {
      let saved: ActionItemDetail;
      if (item) {
        saved = await api.actionItems.update(item.id, {
          ...body,
          workingGroupId: workingGroupId || null,
          dueDate: dueDate || null,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        });
      } else {
        saved = await api.actionItems.create({ ...body, roadmapId, ...(workingGroupId ? { workingGroupId } : {}), ...(dueDate ? { dueDate } : {}) });
      }
      void navigate(`/action-items/${saved.id}`, { state: { notice: item ? 'saved' : 'created' } });
    });
  };

  return (
    <FormPage
      title={heading}
      error={msg(formError)}
      onSubmit={onSubmit}
      saving={saving}
      submitLabel={item ? t('common.save') : t('actionItem.create')}
      cancelTo={item ? `/action-items/${item.id}` : `/roadmaps/${roadmapId}`}
    >
      <BilingualTextInput legend={t('actionItem.title')} value={title} onChange={setTitle} error={msg(errors.title)} maxLength={300} />
      <BilingualTextInput
        legend={t('actionItem.description')}
        value={description}
        onChange={setDescription}
        error={msg(errors.description)}
        required={false}
        maxLength={5000}
        rows={4}
      />
      <div className="form-row">
        <LeadOrganizationSelect value={lead} onChange={setLead} options={organizations.options} error={msg(errors.leadOrganizationId)} />
        <PolicyAreaSelect value={policyArea} onChange={setPolicyArea} error={msg(errors.policyArea)} />
      </div>
      <fieldset className={`fieldset org-picker${errors.supportingOrganizationIds ? ' field--invalid' : ''}`}>
        <legend>{t('actionItem.supportingOrganizations')}</legend>
        {byConstituency.map((group) => (
          <div
            key={group.constituency}
            className={`org-picker-group constituency--${group.constituency}`}
            role="group"
            aria-label={t(`constituency.${group.constituency}`)}
          >
            <p className="org-picker-heading">
              <span className="swatch" aria-hidden="true" />
              {t(`constituency.${group.constituency}`)}
            </p>
            {group.organizations.map((o) => (
              <label key={o.id} className="choice">
                <input
                  type="checkbox"
                  checked={supporting.includes(o.id)}
                  onChange={(e) => setSupporting((list) => (e.target.checked ? [...list, o.id] : list.filter((x) => x !== o.id)))}
                />
                {label(o.name)}
              </label>
            ))}
          </div>
        ))}
        {errors.supportingOrganizationIds ? <p className="field-error">{msg(errors.supportingOrganizationIds)}</p> : null}
      </fieldset>
      <div className="form-row">
        <WorkingGroupSelect value={workingGroupId} onChange={setWorkingGroupId} groups={groups.data} error={msg(errors.workingGroupId)} />
        <TextField label={t('actionItem.dueDate')} type="date" value={dueDate} onChange={setDueDate} error={msg(errors.dueDate)} />
        <PrioritySelect value={priority} onChange={setPriority} error={msg(errors.priority)} />
        {item?.progressFromMilestones ? null : (
          <TextField
            label={t('actionItem.progressPercent')}
            inputMode="numeric"
            value={progress}
            onChange={setProgress}
            error={msg(errors.progress)}
            hint={t('actionItem.progressHint')}
          />
        )}
      </div>
      {item ? (
        <TextField
          label={t('actionItem.editReason')}
          value={reason}
          onChange={setReason}
          maxLength={1000}
          hint={t('actionItem.editReasonHint')}
          error={msg(errors.reason)}
        />
      ) : null}
    </FormPage>
  );
}
