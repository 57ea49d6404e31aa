import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import type { Observation } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { TextField } from '../components/Field';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { message, type Message } from '../lib/message';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useResource } from '../lib/useResource';
import { DemoBadge, ObservationStatusBadge, ScopeName, useDisaggregationLabel, useFormatValue } from './parts';
import { formatPeriod } from './periods';
import { valueFits } from '@shared/indicator-values';
import { parseNumber } from './values';
import { VerifyActions } from './VerifyActions';
import { SummaryItem, SummaryList } from '../components/SummaryList';
import { SubmitRow } from '../components/FormCard';
import { useWording } from '../lib/useWording';

/** One reported value: its details, its versions (corrections supersede, never overwrite), correcting and verifying it. */
export default function ObservationPage() {
  const { id = '' } = useParams();
  const { t, i18n, msg, label } = useWording();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const formatValue = useFormatValue();
  const disaggregationLabel = useDisaggregationLabel();
  const observation = useResource(() => api.observations.get(id), [id]);
  const history = useResource(() => api.observations.history(id).then((r) => r.items), [id]);
  const [note, setNote] = useState<Message | null>(null);

  if (observation.error) return <LoadError error={observation.error} onRetry={observation.reload} />;
  if (!observation.data) return <Loading />;
  const o = observation.data;
  const period = formatPeriod(o.period, i18n.language);
  const title = t('observation.pageTitle', { code: o.indicator.code, period });
  const current = history.data?.find((h) => h.current);
  // A rejected (or sent back) value is corrected too: that is what the park is asked to do (the desk's "values to correct").
  const mayCorrect = user.role !== 'observer' && o.current;

  return (
    <>
      <Breadcrumb to="/indicators" label={t('indicators.areaTitle')}>
        {' / '}
        <Link
          to={`/indicators/${encodeURIComponent(o.indicator.code)}?scopeType=${o.scope.type}&scope=${encodeURIComponent(o.scope.key)}${o.disaggregation ? `&dis=${encodeURIComponent(o.disaggregation)}` : ''}&status=all`}
        >
          {o.indicator.code}
        </Link>
      </Breadcrumb>
      <PageHeader
        title={title}
        description={
          <span className="header-meta">
            <ObservationStatusBadge status={o.status} />
            {o.isDemo ? <DemoBadge /> : null}
            {!o.current && o.status !== 'superseded' ? <span className="badge">{t('observation.superseded')}</span> : null}
          </span>
        }
      />
      <div aria-live="polite">{note ? <Notice>{msg(note)}</Notice> : null}</div>
      {!o.current && current ? (
        <Notice>
          {t('observation.supersededBy')} <Link to={`/observations/${current.id}`}>{t('observation.openCurrent')}</Link>
        </Notice>
      ) : null}
      <div className="two-columns">
        <section className="card" aria-labelledby="obs-details">
          <h2 id="obs-details">{t('observation.details')}</h2>
          <SummaryList>
            <SummaryItem term={t('indicators.indicator')}>
              <code>{o.indicator.code}</code> {label(o.indicator.name)}
            </SummaryItem>
            <SummaryItem term={t('indicators.scope')}>
              <ScopeName scope={o.scope} withType />
            </SummaryItem>
            <SummaryItem term={t('indicators.period')}>{period}</SummaryItem>
            <SummaryItem term={t('indicators.disaggregation')}>{disaggregationLabel(o.disaggregation)}</SummaryItem>
            <SummaryItem term={t('indicators.value')}>
              <strong>{formatValue(o.value, o.indicator.unit)}</strong>
            </SummaryItem>
            <SummaryItem term={t('indicators.source')}>{o.source || <span className="muted">{t('common.none')}</span>}</SummaryItem>
            {o.notes ? (
              <SummaryItem term={t('observation.notes')} className="prewrap">
                {o.notes}
              </SummaryItem>
            ) : null}
            <SummaryItem term={t('observation.reportedBy')}>
              {o.reportedBy?.displayName ?? t('history.someone')} · {formatDateTime(o.reportedAt, i18n.language)}
            </SummaryItem>
            {o.reviewedBy ? (
              <SummaryItem term={o.status === 'rejected' ? t('observation.rejectedBy') : t('observation.verifiedBy')}>
                {o.reviewedBy.displayName}
                {o.reviewedAt ? ` · ${formatDateTime(o.reviewedAt, i18n.language)}` : null}
              </SummaryItem>
            ) : null}
            {o.rejectionReason ? (
              <SummaryItem term={t('observation.rejectionReason')} className="prewrap">
                {o.rejectionReason}
              </SummaryItem>
            ) : null}
          </SummaryList>
          <VerifyActions
            observation={o}
            onDone={(updated, m) => {
              setNote(m);
              if (updated) observation.setData(() => updated);
              else observation.reload();
              history.reload();
            }}
          />
        </section>
        {mayCorrect ? (
          <CorrectionForm
            observation={o}
            onCorrected={(next, outcome) => {
              if (outcome === 'unchanged')
                setNote(message('observation.outcome.unchanged', { code: o.indicator.code, period, value: formatValue(next.value, next.indicator.unit) }));
              else void navigate(`/observations/${next.id}`, { replace: false });
              history.reload();
            }}
          />
        ) : null}
      </div>
      <section className="card" aria-labelledby="obs-history">
        <h2 id="obs-history">{t('observation.historyTitle')}</h2>
        {history.error ? (
          <LoadError error={history.error} onRetry={history.reload} />
        ) : !history.data ? (
          <Loading />
        ) : (
          <ol className="version-list">
            {history.data.map((h) => (
              <li key={h.id} aria-current={h.id === o.id ? 'true' : undefined}>
                <div className="version-head">
                  <strong>{formatValue(h.value, h.indicator.unit)}</strong>
                  {/* A value replaced before review says so in its status; a reviewed one keeps its outcome. */}
                  <ObservationStatusBadge status={h.status} />
                  {h.current ? (
                    <span className="badge">{t('observation.currentVersion')}</span>
                  ) : h.status !== 'superseded' ? (
                    <span className="badge">{t('observation.superseded')}</span>
                  ) : null}
                  {h.isDemo ? <DemoBadge /> : null}
                  {h.id !== o.id ? (
                    <Link to={`/observations/${h.id}`} className="small">
                      {t('observation.openVersion')}
                    </Link>
                  ) : (
                    <span className="muted small">{t('observation.thisVersion')}</span>
                  )}
                </div>
                <p className="muted small">
                  {t('observation.versionBy', { name: h.reportedBy?.displayName ?? t('history.someone'), when: formatDateTime(h.reportedAt, i18n.language) })}
                  {h.source ? ` · ${h.source}` : null}
                </p>
                {h.notes ? <p className="small prewrap">{h.notes}</p> : null}
                {h.rejectionReason ? (
                  <p className="small">
                    {t('observation.rejectionReason')}
                    {t('common.colon')}
                    {h.rejectionReason}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** A correction inserts a new submitted value that supersedes this one; the reason goes in the notes. */
function CorrectionForm({ observation, onCorrected }: { observation: Observation; onCorrected: (next: Observation, outcome: string) => void }) {
  const { t, msg } = useWording();
  const [value, setValue] = useState(String(observation.value));
  const [source, setSource] = useState(observation.source);
  const [notes, setNotes] = useState('');
  const { errors, formError, saving, check, save } = useFormSubmission(['value', 'source', 'notes'], { 409: { key: 'observation.correctConflict' } });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const number = parseNumber(value);
    const local: Record<string, Message> = {};
    if (number === null) local.value = message(value.trim() ? 'errors.field.number' : 'errors.field.required');
    else if (!valueFits(observation.indicator.unit, number)) local.value = message(`observation.valueRule.${observation.indicator.unit}`);
    if (!check(local) || number === null) return;
    await save(async () => {
      const next = await api.observations.correct(observation.id, { value: number, source: source.trim() || undefined, notes: notes.trim() || undefined });
      onCorrected(next, next.outcome);
    });
  };

  return (
    <section className="card" aria-labelledby="obs-correct">
      <h2 id="obs-correct">{t('observation.correctTitle')}</h2>
      <p className="muted small">{t('observation.correctIntro')}</p>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label={t('indicators.value')}
          value={value}
          onChange={setValue}
          inputMode="decimal"
          error={msg(errors.value)}
          hint={t(`observation.valueRule.${observation.indicator.unit}`)}
          required
        />
        <TextField label={t('indicators.source')} value={source} onChange={setSource} error={msg(errors.source)} maxLength={500} />
        <div className={`field${errors.notes ? ' field--invalid' : ''}`}>
          <label htmlFor="correct-notes">{t('observation.correctNotes')}</label>
          <textarea id="correct-notes" rows={3} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
          {errors.notes ? <p className="field-error">{msg(errors.notes)}</p> : null}
        </div>
        <SubmitRow busy={saving} label={t('observation.correctSubmit')} />
      </form>
    </section>
  );
}
