import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { isApiError } from '../api/errors';
import { SCOPE_TYPES, type ActionItem, type Indicator, type IndicatorLink } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { TrajectoryBadge } from '../components/Badges';
import { ConfirmationDialog } from '../components/ConfirmDialog';
import { ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { FormActions } from '../components/FormCard';
import { formatDate } from '../i18n/format';
import { DemoBadge, ScopeName, ScopePicker, useDisaggregationLabel, useFormatValue } from '../indicators/parts';
import { formatPeriod } from '../indicators/periods';
import { disaggregationOptions, parseNumber, scopeBody, type ScopeChoice } from '../indicators/values';
import { withScopeError } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { useConfirmation } from '../lib/useConfirmation';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useResource } from '../lib/useResource';
import { canDrive } from './boardLogic';
import { SummaryItem, SummaryList } from '../components/SummaryList';
import { useWording } from '../lib/useWording';
import { draftFields } from '../lib/draftFields';
import { AddButton, SectionHeader } from '../components/SectionHeader';

const FIELDS = [
  'indicatorId',
  'scopeType',
  'parkId',
  'city',
  'province',
  'scope',
  'disaggregation',
  'baselineValue',
  'baselineDate',
  'targetValue',
  'targetDate',
] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Draft {
  indicatorId: string;
  scope: ScopeChoice;
  disaggregation: string;
  baselineValue: string;
  baselineDate: string;
  targetValue: string;
  targetDate: string;
}

const emptyDraft: Draft = {
  indicatorId: '',
  scope: { type: 'park', key: '' },
  disaggregation: '',
  baselineValue: '',
  baselineDate: '',
  targetValue: '',
  targetDate: '',
};

/** Checks a draft before sending; the server checks again (units, direction) and its messages land at the same fields. */
function localErrors(draft: Draft, editing: boolean): Record<string, Message> {
  const errors: Record<string, Message> = {};
  if (!editing && !draft.indicatorId) errors.indicatorId = message('errors.field.required');
  if (!editing && !draft.scope.key) errors.scope = message('errors.field.required');
  for (const key of ['baselineValue', 'targetValue'] as const) {
    if (parseNumber(draft[key]) === null) errors[key] = message(draft[key].trim() ? 'errors.field.number' : 'errors.field.required');
  }
  for (const key of ['baselineDate', 'targetDate'] as const) {
    if (!DATE.test(draft[key])) errors[key] = message(draft[key] ? 'errors.field.date' : 'errors.field.required');
  }
  if (!errors.baselineDate && !errors.targetDate && draft.targetDate <= draft.baselineDate) errors.targetDate = message('errors.field.targetAfterBaseline');
  return errors;
}

/** The indicators a commitment should move: trajectory per link, and (for those who may) adding, editing and removing links. */
export function IndicatorLinksSection({ item }: { item: ActionItem }) {
  const { t, i18n, msg, label } = useWording();
  const user = useCurrentUser();
  const formatValue = useFormatValue();
  const disaggregationLabel = useDisaggregationLabel();
  const manage = canDrive(user, item);
  const links = useResource<IndicatorLink[] | null>(
    () =>
      api.actionItems
        .indicatorLinks(item.id)
        .then((r) => r.items)
        .catch((e: unknown) => {
          if (isApiError(e) && e.status === 404) return null;
          throw e;
        }),
    [item.id],
  );
  const indicators = useResource(() => (manage ? api.indicators.list().then((r) => r.items) : Promise.resolve([] as Indicator[])), [manage]);
  const [editing, setEditing] = useState<IndicatorLink | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const { errors, formError, saving, check, save, reset } = useFormSubmission(FIELDS, { 409: { key: 'links.duplicate' } }, withScopeError);
  const field = draftFields(draft, setDraft, errors, msg);
  const [notice, setNotice] = useState<Message | null>(null);
  const deletion = useConfirmation<IndicatorLink>();

  if (links.data === null) return null;
  const indicator = indicators.data?.find((i) => i.id === draft.indicatorId);

  const start = (link: IndicatorLink | 'new') => {
    setEditing(link);
    reset();
    setNotice(null);
    setDraft(
      link === 'new'
        ? emptyDraft
        : {
            indicatorId: link.indicator.id,
            scope: { type: link.scope.type, key: link.scope.key },
            disaggregation: link.disaggregation,
            baselineValue: String(link.baseline.value),
            baselineDate: link.baseline.date.slice(0, 10),
            targetValue: String(link.target.value),
            targetDate: link.target.date.slice(0, 10),
          },
    );
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const isEdit = editing !== 'new' && editing !== null;
    if (!check(localErrors(draft, isEdit))) return;
    const values = {
      baselineValue: parseNumber(draft.baselineValue)!,
      baselineDate: draft.baselineDate,
      targetValue: parseNumber(draft.targetValue)!,
      targetDate: draft.targetDate,
    };
    await save(async () => {
      if (isEdit) {
        const saved = await api.actionItems.updateIndicatorLink(item.id, editing.id, values);
        links.setData((list) => list?.map((l) => (l.id === saved.id ? saved : l)) ?? list);
        setNotice(message('links.saved', { code: saved.indicator.code }));
      } else {
        const saved = await api.actionItems.addIndicatorLink(item.id, {
          indicatorId: draft.indicatorId,
          ...scopeBody(draft.scope),
          disaggregation: draft.disaggregation || undefined,
          ...values,
        });
        links.setData((list) => [...(list ?? []), saved]);
        setNotice(message('links.added', { code: saved.indicator.code }));
      }
      setEditing(null);
    });
  };

  const remove = async (link: IndicatorLink) => {
    await api.actionItems.removeIndicatorLink(item.id, link.id);
    links.setData((list) => list?.filter((l) => l.id !== link.id) ?? list);
    setNotice(message('links.removed', { code: link.indicator.code }));
  };

  const form = editing ? (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-labelledby="link-form-title">
      <h3 id="link-form-title">{editing === 'new' ? t('links.addTitle') : t('links.editTitle', { code: editing.indicator.code })}</h3>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      {editing === 'new' ? (
        <>
          <SelectField
            label={t('indicators.indicator')}
            value={draft.indicatorId}
            onChange={(indicatorId) => setDraft({ ...draft, indicatorId, disaggregation: '' })}
            emptyLabel={t('common.choose')}
            options={[...(indicators.data ?? [])]
              .sort((a, b) => a.code.localeCompare(b.code))
              .map((i) => ({ value: i.id, label: `${i.code} · ${label(i.name)}` }))}
            error={msg(errors.indicatorId)}
            required
          />
          <ScopePicker
            value={draft.scope}
            onChange={(scope) => setDraft({ ...draft, scope })}
            types={SCOPE_TYPES}
            errors={{ scope: msg(errors.scope) }}
            required
          />
          {indicator?.disaggregations.length ? (
            <SelectField
              label={t('indicators.disaggregation')}
              {...field('disaggregation')}
              options={[
                { value: '', label: disaggregationLabel('') },
                ...disaggregationOptions(indicator.disaggregations).map((d) => ({ value: d, label: disaggregationLabel(d) })),
              ]}
            />
          ) : null}
        </>
      ) : (
        <p className="muted small">
          <ScopeName scope={editing.scope} /> · {disaggregationLabel(editing.disaggregation)}
        </p>
      )}
      {indicator || editing !== 'new' ? (
        <p className="field-hint">
          {t('links.unitHint', {
            unit: t(`indicatorUnit.${editing === 'new' ? indicator!.unit : editing.unit}`),
            direction: t(`direction.${editing === 'new' ? indicator!.direction : editing.indicator.direction}`),
          })}
        </p>
      ) : null}
      <div className="form-row">
        <TextField label={t('links.baselineValue')} {...field('baselineValue')} inputMode="decimal" required />
        <TextField label={t('links.baselineDate')} type="date" {...field('baselineDate')} required />
      </div>
      <div className="form-row">
        <TextField label={t('links.targetValue')} {...field('targetValue')} inputMode="decimal" required />
        <TextField label={t('links.targetDate')} type="date" {...field('targetDate')} required />
      </div>
      <FormActions saving={saving} onCancel={() => setEditing(null)} submitLabel={editing === 'new' ? t('links.add') : t('common.save')} />
    </form>
  ) : null;

  return (
    <section className="card" aria-labelledby="ai-indicators">
      <SectionHeader id="ai-indicators" title={t('indicators.title')}>
        <AddButton label={t('links.add')} onAdd={manage && !editing && (() => start('new'))} small />
      </SectionHeader>
      <div aria-live="polite">{notice ? <Notice>{msg(notice)}</Notice> : null}</div>
      {editing === 'new' ? form : null}
      {links.error ? (
        <LoadError error={links.error} onRetry={links.reload} />
      ) : !links.data ? (
        <Loading />
      ) : !links.data.length ? (
        <p className="muted">{t('indicators.none')}</p>
      ) : (
        <ul className="link-list">
          {links.data.map((link) => (
            <li key={link.id} className={`link-item trajectory--${link.trajectory}`}>
              <div className="link-item-head">
                <div>
                  <code className="indicator-code">{link.indicator.code}</code> <strong>{label(link.indicator.name)}</strong>
                  <span className="muted small block">
                    <ScopeName scope={link.scope} /> · {t(`indicators.scopeType.${link.scope.type}`)}
                    {link.disaggregation ? ` · ${disaggregationLabel(link.disaggregation)}` : null}
                  </span>
                </div>
                <TrajectoryBadge trajectory={link.trajectory} />
              </div>
              <SummaryList className="link-figures">
                <SummaryItem term={t('indicators.baseline')}>
                  {formatValue(link.baseline.value, link.unit)}
                  <span className="muted small block">{formatDate(link.baseline.date, i18n.language)}</span>
                </SummaryItem>
                <SummaryItem term={t('indicators.target')}>
                  {formatValue(link.target.value, link.unit)}
                  <span className="muted small block">{formatDate(link.target.date, i18n.language)}</span>
                </SummaryItem>
                <SummaryItem term={t('indicators.latest')}>
                  {link.latest ? (
                    <>
                      {formatValue(link.latest.value, link.unit)}
                      {link.latest.isDemo ? <DemoBadge /> : null}
                      <span className="muted small block">
                        {formatPeriod(link.latest.period, i18n.language)}
                        {link.latest.rolledUp ? ` · ${t('links.rolledUp')}` : null}
                      </span>
                    </>
                  ) : (
                    <span className="muted">{t('indicators.noData')}</span>
                  )}
                </SummaryItem>
                <SummaryItem term={t('links.expected')}>
                  {link.expected !== null ? formatValue(link.expected, link.unit) : <span className="muted">—</span>}
                  {link.ratio !== null ? <span className="muted small block">{t('links.ratio', { percent: Math.round(link.ratio * 100) })}</span> : null}
                </SummaryItem>
              </SummaryList>
              <p className="small trajectory-explained">{t(`links.explain.${link.trajectory}`)}</p>
              {link.latest?.parkCount !== undefined && link.latest.expectedParkCount !== undefined ? (
                <p className="muted small">
                  {t('links.judgedOn', {
                    period: formatPeriod(link.latest.period, i18n.language),
                    count: link.latest.parkCount,
                    expected: link.latest.expectedParkCount,
                  })}
                </p>
              ) : null}
              <div className="button-row">
                <Link
                  to={`/indicators/${encodeURIComponent(link.indicator.code)}?item=${item.id}&link=${link.id}`}
                  className="button button--small button--secondary"
                >
                  {t('links.viewChart')}
                </Link>
                {manage ? (
                  <>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => start(link)}
                      aria-label={t('common.editNamed', { name: link.indicator.code })}
                    >
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger-outline"
                      onClick={() => deletion.ask(link)}
                      aria-label={t('common.deleteNamed', { name: link.indicator.code })}
                    >
                      {t('common.delete')}
                    </button>
                  </>
                ) : null}
              </div>
              {editing !== 'new' && editing?.id === link.id ? form : null}
            </li>
          ))}
        </ul>
      )}
      <ConfirmationDialog confirmation={deletion} title={t('links.removeTitle')} confirmLabel={t('common.delete')} onConfirm={remove}>
        <p>{deletion.target ? t('links.removeText', { code: deletion.target.indicator.code }) : null}</p>
      </ConfirmationDialog>
    </section>
  );
}
