import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import type { ConsultationMeeting, ReportLanguage } from '../api/types';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { saveBlob } from '../lib/download';
import { useResource } from '../lib/useResource';

const LANGUAGES: ReportLanguage[] = ['both', 'en', 'zh'];
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const validYear = (text: string) => /^\d{4}$/.test(text) && Number(text) >= MIN_YEAR && Number(text) <= MAX_YEAR;

type Gender = ConsultationMeeting['balance']['gender'];

/** Women's share of those who stated their sex, how many did not, and the 30% warning. */
function WomenShare({ gender }: { gender: Gender }) {
  const { t, i18n } = useTranslation();
  const share =
    gender.womenShare === null
      ? t('consultations.noShare')
      : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(gender.womenShare);
  return (
    <>
      {share}
      {gender.notStated ? <span className="muted small"> · {t('consultations.notStated', { count: gender.notStated })}</span> : null}
      {gender.belowTarget ? <strong> · {t('consultations.belowTarget')}</strong> : null}
    </>
  );
}

/**
 * The consultation report (ILO Convention No. 144) for admins and facilitators: pick a year, read the meetings held
 * with who took part, their balance and women's share, votes and commitments; download it as CSV or PDF.
 */
export default function ConsultationReportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const year = validYear(params.get('year') ?? '') ? Number(params.get('year')) : new Date().getFullYear();
  const [draft, setDraft] = useState(String(year));
  const [lang, setLang] = useState<ReportLanguage>('both');
  const [busy, setBusy] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const report = useResource((signal) => api.reports.consultations(year, signal), [year]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    if (validYear(draft)) setParams({ year: draft });
  };
  const download = async (format: 'csv' | 'pdf') => {
    setBusy(true);
    setDownloadError(null);
    try {
      const { blob, filename } = await api.reports.consultationsFile(year, format, lang);
      saveBlob(blob, filename ?? `consultations-${year}.${format}`);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setBusy(false);
    }
  };

  const data = report.data;
  return (
    <>
      <PageHeader title={t('consultations.title')} description={t('consultations.intro')} />
      <form className="filters" onSubmit={show} aria-label={t('consultations.year')}>
        <label>
          {t('consultations.year')}
          <input
            type="number"
            inputMode="numeric"
            min={MIN_YEAR}
            max={MAX_YEAR}
            value={draft}
            aria-invalid={!validYear(draft)}
            aria-describedby={validYear(draft) ? undefined : 'consultation-year-error'}
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={!validYear(draft)}>
          {t('consultations.show')}
        </button>
        {validYear(draft) ? null : (
          <span id="consultation-year-error" className="field-error">
            {t('consultations.yearInvalid')}
          </span>
        )}
      </form>
      <div className="record-downloads" role="group" aria-label={t('consultations.title')}>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void download('csv')}>
          {t('consultations.downloadCsv')}
        </button>
        <label>
          <span className="visually-hidden">{t('consultations.language')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as ReportLanguage)} aria-label={t('consultations.language')}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`record.lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void download('pdf')}>
          {t('consultations.downloadPdf')}
        </button>
      </div>
      {downloadError ? <LoadError error={downloadError} /> : null}
      {report.error ? (
        <LoadError error={report.error} onRetry={report.reload} />
      ) : !data || report.loading ? (
        <Loading />
      ) : data.meetings.length === 0 ? (
        <EmptyState>{t('consultations.empty', { year })}</EmptyState>
      ) : (
        <>
          <p>
            {t('consultations.summary', {
              meetings: data.summary.meetings,
              tripartite: data.summary.tripartiteMeetings,
              organizations: data.summary.organizations,
              votes: data.summary.votes,
              adopted: data.summary.votesAdopted,
              commitments: data.summary.commitments,
            })}
          </p>
          <p>
            {t('consultations.women')}: <WomenShare gender={data.summary.gender} />
          </p>
          <TableFrame
            caption={t('consultations.caption', { year })}
            headers={[
              t('consultations.meeting'),
              t('consultations.date'),
              t('consultations.topics'),
              t('consultations.represented'),
              t('consultations.balance'),
              t('consultations.women'),
              t('consultations.votes'),
              t('consultations.commitments'),
            ]}
          >
            {data.meetings.map((m) => (
              <tr key={m.id}>
                <th scope="row" data-label={t('consultations.meeting')}>
                  <Link to={`/roundtables/${m.id}`}>
                    <LocalizedName value={m.title} />
                  </Link>
                </th>
                <td data-label={t('consultations.date')}>
                  <time dateTime={m.startsAt}>{m.date}</time> <span className="muted small">{m.timeZone}</span>
                </td>
                <td data-label={t('consultations.topics')}>
                  <ul className="plain-list">
                    {m.topics.map((topic, i) => (
                      <li key={i}>
                        <LocalizedName value={topic} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td data-label={t('consultations.represented')}>
                  <ul className="plain-list">
                    {m.organizations.map((o, i) => (
                      <li key={i}>
                        <LocalizedName value={o.name} /> <span className="muted small">({t(`constituency.${o.constituency}`)})</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td data-label={t('consultations.balance')}>{t(`consultations.verdict.${m.balance.verdict}`)}</td>
                <td data-label={t('consultations.women')}>
                  <WomenShare gender={m.balance.gender} />
                </td>
                <td data-label={t('consultations.votes')}>
                  {m.votes.length ? (
                    <ul className="plain-list">
                      {m.votes.map((v) => (
                        <li key={v.voteId}>
                          <LocalizedName value={v.subject} />: {v.adopted ? t('consultations.adopted') : t('consultations.notAdopted')}
                          {v.reasons.length ? <span className="muted small"> ({v.reasons.map((r) => r.message).join('; ')})</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('consultations.noVotes')}</span>
                  )}
                </td>
                <td data-label={t('consultations.commitments')}>
                  {m.commitments.length ? (
                    <ul className="plain-list">
                      {m.commitments.map((c) => (
                        <li key={c.id}>
                          <Link to={`/action-items/${c.id}`}>
                            <LocalizedName value={c.title} />
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('consultations.noCommitments')}</span>
                  )}
                </td>
              </tr>
            ))}
          </TableFrame>
        </>
      )}
    </>
  );
}
