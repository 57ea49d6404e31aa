import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { LocalizedText } from '../api/types';
import { ConstituencyBadge } from '../components/Badges';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ErrorAlert, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { FormActions } from '../components/FormCard';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { message, type Message } from '../lib/message';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';
import { useIsStaff } from '../lib/useStaff';
import { useWording } from '../lib/useWording';
import { ResourceContent } from '../components/DataTable';
import { ItemCard } from '../components/ItemCard';

export default function RoadmapsListPage() {
  const { t, msg } = useWording();
  const staff = useIsStaff();
  const roadmaps = useResource(() => api.roadmaps.list().then((r) => r.items), []);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<Message | null>(null);

  return (
    <>
      <PageHeader
        title={t('roadmaps.title')}
        description={t('roadmaps.intro')}
        actions={
          staff && !creating ? (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t('roadmaps.new')}
            </button>
          ) : null
        }
      />
      <div aria-live="polite">{notice ? <Notice>{msg(notice)}</Notice> : null}</div>
      {creating ? (
        <RoadmapForm
          onDone={(created) => {
            setCreating(false);
            if (created) {
              setNotice(message('roadmaps.created', { name: created }));
              roadmaps.reload();
            }
          }}
        />
      ) : null}
      <ResourceContent resource={roadmaps} empty={t('roadmaps.empty')}>
        {(rows) => (
          <ul className="item-cards">
            {rows.map((r) => (
              <ItemCard
                key={r.id}
                to={`/roadmaps/${r.id}`}
                title={r.title}
                badges={
                  <Link to={`/roadmaps/${r.id}/dashboard`} className="button button--small button--secondary">
                    {t('roadmaps.tab.dashboard')}
                  </Link>
                }
              >
                <p className="muted small">
                  {t('roadmaps.period', { start: r.periodStart, end: r.periodEnd })} · {t('roadmaps.itemCount', { count: r.itemCount })}
                </p>
                <p className="small">
                  {t('roadmaps.owner')}
                  {t('common.colon')}
                  <LocalizedName value={r.ownerOrganization.name} /> <ConstituencyBadge constituency={r.ownerOrganization.constituency} />
                </p>
              </ItemCard>
            ))}
          </ul>
        )}
      </ResourceContent>
    </>
  );
}

function RoadmapForm({ onDone }: { onDone: (created: LocalizedText | null) => void }) {
  const { t, msg } = useWording();
  const organizations = useOrganizations();
  const year = new Date().getFullYear();
  const [title, setTitle] = useState<LocalizedText>({ en: '', zh: '' });
  const [description, setDescription] = useState<LocalizedText>({ en: '', zh: '' });
  const [periodStart, setStart] = useState(String(year));
  const [periodEnd, setEnd] = useState(String(year + 5));
  const [owner, setOwner] = useState('');
  const { errors, formError, saving, check, save } = useFormSubmission(['title', 'description', 'periodStart', 'periodEnd', 'ownerOrganizationId']);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(title)) local.title = message('errors.field.oneLanguage');
    if (!/^\d{4}$/.test(periodStart)) local.periodStart = message('roadmaps.yearInvalid');
    if (!/^\d{4}$/.test(periodEnd)) local.periodEnd = message('roadmaps.yearInvalid');
    else if (Number(periodEnd) < Number(periodStart)) local.periodEnd = message('roadmaps.endBeforeStart');
    if (!owner) local.ownerOrganizationId = message('errors.field.required');
    if (!check(local)) return;
    await save(async () => {
      const created = await api.roadmaps.create({
        title: cleanBilingual(title),
        description: cleanBilingual(description),
        periodStart: Number(periodStart),
        periodEnd: Number(periodEnd),
        ownerOrganizationId: owner,
      });
      onDone(created.title);
    });
  };

  return (
    <section className="card form-card" aria-labelledby="roadmap-form">
      <h2 id="roadmap-form">{t('roadmaps.new')}</h2>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      <form onSubmit={onSubmit} noValidate>
        <BilingualTextInput legend={t('roadmaps.fieldTitle')} value={title} onChange={setTitle} error={msg(errors.title)} maxLength={300} />
        <BilingualTextInput
          legend={t('roadmaps.description')}
          value={description}
          onChange={setDescription}
          error={msg(errors.description)}
          required={false}
          maxLength={5000}
          rows={3}
        />
        <div className="form-row">
          <TextField label={t('roadmaps.periodStart')} inputMode="numeric" value={periodStart} onChange={setStart} error={msg(errors.periodStart)} required />
          <TextField label={t('roadmaps.periodEnd')} inputMode="numeric" value={periodEnd} onChange={setEnd} error={msg(errors.periodEnd)} required />
          <SelectField
            label={t('roadmaps.owner')}
            value={owner}
            onChange={setOwner}
            emptyLabel={t('common.choose')}
            options={organizations.options}
            error={msg(errors.ownerOrganizationId)}
            required
          />
        </div>
        <FormActions saving={saving} onCancel={() => onDone(null)} submitLabel={t('roadmaps.create')} />
      </form>
    </section>
  );
}
