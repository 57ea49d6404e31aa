import { useMemo, type FormEvent } from 'react';
import { api } from '../api';
import type { Approver } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ConfirmationDialog } from '../components/ConfirmDialog';
import { ResourceTable, type Column } from '../components/DataTable';
import { Notice } from '../components/Feedback';
import { SelectField, TextField, type Option } from '../components/Field';
import { FormActions, FormCard } from '../components/FormCard';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { draftFields } from '../lib/draftFields';
import { message, type Message } from '../lib/message';
import { useConfirmation } from '../lib/useConfirmation';
import { useRecordEditor } from '../lib/useRecordEditor';
import { useResource } from '../lib/useResource';
import { useUsers } from '../lib/useUsers';
import { useWording } from '../lib/useWording';

const FIELDS = ['userId', 'level', 'province', 'city'] as const;
const LEVELS = ['city', 'province'] as const;

interface Draft {
  userId: string;
  level: (typeof LEVELS)[number] | '';
  province: string;
  city: string;
}

const emptyDraft: Draft = { userId: '', level: '', province: '', city: '' };

/**
 * Who approves the periods of the parks, per city or province. Admins give and remove the roles; facilitators read
 * the list. Provinces and cities are those the park directory has.
 */
export default function ApproversAdminPage() {
  const { t, i18n, msg } = useWording();
  const admin = useCurrentUser().role === 'admin';
  const approvers = useResource((signal) => api.approvals.approvers(signal).then((r) => r.items), []);
  const areas = useResource((signal) => (admin ? api.parks.areas(signal).then((r) => r.items) : Promise.resolve([])), [admin]);
  const users = useUsers(admin);
  const editor = useRecordEditor<Approver, Draft>(FIELDS, emptyDraft, () => emptyDraft);
  const { editing, draft, setDraft, form } = editor;
  const field = draftFields(draft, setDraft, form.errors, msg);
  const removal = useConfirmation<Approver>();

  const provinceOptions = useMemo<Option[]>(() => (areas.data ?? []).map((a) => ({ value: a.province, label: a.province })), [areas.data]);
  const cityOptions = useMemo<Option[]>(
    () => (areas.data?.find((a) => a.province === draft.province)?.cities ?? []).map((c) => ({ value: c, label: c })),
    [areas.data, draft.province],
  );
  const area = (a: Pick<Approver, 'province' | 'city'>) => (a.city ? `${a.city}${t('common.listSeparator')}${a.province}` : a.province);
  const levelOptions = LEVELS.map((level) => ({ value: level, label: t(`approvers.level.${level}`) }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (!draft.userId) local.userId = message('errors.field.required');
    if (!draft.level) local.level = message('errors.field.required');
    if (!draft.province.trim()) local.province = message('errors.field.required');
    if (draft.level === 'city' && !draft.city.trim()) local.city = message('errors.field.required');
    if (!form.check(local) || !draft.level) return;
    const level = draft.level;
    // Refusals come back naming the field at fault (a role held already: the person), shown there.
    await editor.save(async () => {
      const granted = await api.approvals.grantApprover({
        userId: draft.userId,
        level,
        province: draft.province.trim(),
        ...(level === 'city' ? { city: draft.city.trim() } : {}),
      });
      approvers.reload();
      return message(`approvers.granted.${granted.level}`, { name: granted.user.displayName, area: area(granted) });
    });
  };

  const remove = async (approver: Approver) => {
    await api.approvals.revokeApprover(approver.id);
    editor.setNotice(message('approvers.removed', { name: approver.user.displayName, area: area(approver) }));
    approvers.reload();
  };

  const columns: Column<Approver>[] = [
    { header: t('approvers.person'), cell: (a) => a.user.displayName },
    { header: t('approvers.organization'), cell: (a) => (a.user.organization ? <LocalizedName value={a.user.organization.name} /> : null) },
    { header: t('approvers.levelLabel'), cell: (a) => t(`approvers.level.${a.level}`) },
    { header: t('approvers.area'), cell: (a) => area(a) },
    { header: t('approvers.grantedBy'), cell: (a) => a.grantedBy?.displayName ?? t('history.someone') },
    { header: t('approvers.grantedAt'), cell: (a) => formatDateTime(a.createdAt, i18n.language) },
  ];

  return (
    <>
      <PageHeader
        title={t('approvers.title')}
        description={t('approvers.intro')}
        actions={
          admin ? (
            <button type="button" className="button" onClick={() => editor.start('new')}>
              {t('approvers.new')}
            </button>
          ) : null
        }
      />
      {editor.notice ? <Notice>{msg(editor.notice)}</Notice> : null}
      {admin && editing ? (
        <FormCard
          titleId="approver-form-title"
          title={t('approvers.new')}
          error={msg(form.formError)}
          onSubmit={(e) => void onSubmit(e)}
          actions={<FormActions saving={form.saving} onCancel={editor.close} submitLabel={t('approvers.grant')} />}
        >
          <SelectField label={t('approvers.person')} {...field('userId')} emptyLabel={t('common.choose')} options={users.options} required />
          <div className="form-row">
            <SelectField
              label={t('approvers.levelLabel')}
              value={draft.level}
              onChange={(level) => setDraft({ ...draft, level, city: level === 'city' ? draft.city : '' })}
              error={msg(form.errors.level)}
              emptyLabel={t('common.choose')}
              options={levelOptions}
              required
            />
            {provinceOptions.length ? (
              <SelectField
                label={t('approvers.province')}
                value={draft.province}
                onChange={(province) => setDraft({ ...draft, province, city: '' })}
                error={msg(form.errors.province)}
                emptyLabel={t('common.choose')}
                options={provinceOptions}
                required
              />
            ) : (
              <TextField label={t('approvers.province')} {...field('province')} maxLength={80} required />
            )}
            {draft.level === 'city' ? (
              cityOptions.length ? (
                <SelectField label={t('approvers.city')} {...field('city')} emptyLabel={t('common.choose')} options={cityOptions} required />
              ) : (
                <TextField label={t('approvers.city')} {...field('city')} maxLength={80} required />
              )
            ) : null}
          </div>
        </FormCard>
      ) : null}
      <ResourceTable
        resource={approvers}
        empty={t('approvers.none')}
        caption={t('approvers.title')}
        columns={columns}
        actions={
          admin
            ? (a) => (
                <button
                  type="button"
                  className="button button--small button--danger-outline"
                  onClick={() => removal.ask(a)}
                  aria-label={t('approvers.removeNamed', { name: a.user.displayName, area: area(a) })}
                >
                  {t('approvers.remove')}
                </button>
              )
            : undefined
        }
      />
      <ConfirmationDialog confirmation={removal} title={t('approvers.removeTitle')} confirmLabel={t('approvers.remove')} onConfirm={remove}>
        <p>
          {removal.target ? t(`approvers.removeText.${removal.target.level}`, { name: removal.target.user.displayName, area: area(removal.target) }) : null}
        </p>
      </ConfirmationDialog>
    </>
  );
}
