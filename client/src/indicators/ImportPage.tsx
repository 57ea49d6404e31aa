import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ImportReport } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { TableFrame } from '../components/DataTable';
import { ErrorAlert, LoadError, Notice } from '../components/Feedback';
import { CheckboxField, FieldNote, SelectField } from '../components/Field';
import { saveBlob } from '../lib/download';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import {
  CSV_COLUMNS,
  csvTemplate,
  REQUIRED_COLUMNS,
  reportFromDhis2,
  reportFromDhis2Error,
  reportFromError,
  shapeImportReport,
  type ImportOutcome,
  type RowProblem,
} from './importReport';
import { useParkDirectory } from './parts';
import { SubmitButton } from '../components/FormCard';
import { useWording } from '../lib/useWording';
import { useResource } from '../lib/useResource';

/** The file formats the import takes, and what the file picker offers for each. */
const FORMATS = ['csv', 'xlsx', 'sdmx', 'dhis2'] as const;
type ImportFormat = (typeof FORMATS)[number];
const ACCEPT: Record<ImportFormat, string> = {
  csv: '.csv,text/csv',
  xlsx: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  sdmx: '.csv,text/csv',
  dhis2: '.json,application/json',
};

/** Uploads a file in the chosen format and answers the import report (a DHIS2 summary is shown as one). */
async function importFile(format: ImportFormat, file: File, dryRun: boolean): Promise<ImportReport> {
  if (format === 'xlsx') return api.observations.importXlsx(file, file.name, dryRun);
  if (format === 'sdmx') return api.exchange.importSdmx(file, file.name, dryRun);
  if (format === 'dhis2') return reportFromDhis2(await api.exchange.importDhis2(file, file.name, dryRun));
  return api.observations.importCsv(file, file.name, dryRun);
}

/** Uploads a CSV of values for a park (whole or not at all), shows the row-by-row report, and offers template and export. */
export default function ImportPage() {
  const { t, label } = useWording();
  const user = useCurrentUser();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const directory = useParkDirectory();
  const staff = user.role === 'admin' || user.role === 'facilitator';
  const ownParks = useMemo(() => directory.parks.filter((p) => p.organization?.id === user.organization.id), [directory.parks, user.organization.id]);
  const [file, setFile] = useState<File | null>(null);
  const [uploadedName, setUploadedName] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const indicators = useResource(() => api.indicators.list().then((r) => r.items), []);
  const [exchangeIndicator, setExchangeIndicator] = useState('');
  const [exchanging, setExchanging] = useState(false);
  const [exchangeError, setExchangeError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [fileError, setFileError] = useState(false);
  const [exportScope, setExportScope] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setOutcome(null);
    if (!file) {
      setFileError(true);
      fileInput.current?.focus();
      return;
    }
    setFileError(false);
    setBusy(true);
    setUploadedName(file.name);
    // After a real upload or a refusal the file is chosen again (fixed, or the next one): a browser does not notice
    // that the same file changed on disk, so the choice is cleared. A passed check keeps it for the real upload.
    const clearChoice = () => {
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    };
    try {
      const report: ImportReport = await importFile(format, file, dryRun);
      setOutcome(shapeImportReport(report));
      if (!dryRun) clearChoice();
    } catch (error) {
      const report = format === 'dhis2' ? (reportFromDhis2Error(error) ?? reportFromError(error)) : reportFromError(error);
      if (report) setOutcome(shapeImportReport(report));
      else setFailure(error);
      clearChoice();
    } finally {
      setBusy(false);
      // Bring the result into view and to the screen reader's attention.
      window.setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  const downloadTemplate = () => {
    const park = ownParks[0] ?? directory.parks[0];
    const text = csvTemplate(park ? park.name.en || park.name.zh || park.id : undefined);
    // A byte-order mark so spreadsheet programs read the file as UTF-8 (Chinese park names).
    saveBlob(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }), 'greentable-observations-template.csv');
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { blob, filename } = await api.observations.exportCsv(exportScope ? { scopeType: 'park', scope: exportScope } : {});
      saveBlob(blob, filename ?? 'observations.csv');
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  const downloadExchange = async (kind: 'sdmx' | 'dhis2') => {
    setExchanging(true);
    setExchangeError(null);
    try {
      const indicator = exchangeIndicator || undefined;
      const { blob, filename } = kind === 'sdmx' ? await api.exchange.sdmxCsv({ indicator }) : await api.exchange.dhis2({ indicator });
      saveBlob(blob, filename ?? (kind === 'sdmx' ? 'sdmx.csv' : 'datavalueset.json'));
    } catch (error) {
      setExchangeError(error);
    } finally {
      setExchanging(false);
    }
  };

  return (
    <>
      <section className="card form-card" aria-labelledby="import-title">
        <h2 id="import-title">{t('import.title')}</h2>
        <p>
          {staff
            ? t('import.introStaff')
            : t('import.introMember', { parks: ownParks.map((p) => label(p.name)).join(t('common.listSeparator')) || t('common.none') })}
        </p>
        <p className="muted small">{t('import.wholeOrNothing')}</p>
        <form onSubmit={onSubmit} noValidate>
          <SelectField
            label={t('import.format')}
            value={format}
            onChange={(value) => {
              setFormat(value);
              setOutcome(null);
            }}
            options={FORMATS.map((f) => ({ value: f, label: t(`import.formats.${f}`) }))}
          />
          <div className={`field${fileError ? ' field--invalid' : ''}`}>
            <label htmlFor={inputId}>{t('import.file')}</label>
            <input
              ref={fileInput}
              id={inputId}
              type="file"
              accept={ACCEPT[format]}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`${inputId}-hint${fileError ? ` ${inputId}-error` : ''}`}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(false);
                setOutcome(null);
              }}
            />
            <FieldNote kind="hint" id={`${inputId}-hint`}>
              {t(`import.formatHints.${format}`)}
            </FieldNote>
            <FieldNote kind="error" id={`${inputId}-error`}>
              {fileError ? t('import.chooseFile') : null}
            </FieldNote>
          </div>
          <CheckboxField label={t('import.dryRun')} checked={dryRun} onChange={setDryRun} />
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={downloadTemplate}>
              {t('import.template')}
            </button>
            <SubmitButton busy={busy} label={dryRun ? t('import.check') : t('import.upload')} busyLabel={t('import.uploading')} />
          </div>
        </form>
      </section>

      <div ref={resultRef} tabIndex={-1} className="import-result" aria-live="polite">
        {failure ? <LoadError error={failure} /> : null}
        {outcome ? <ImportResult outcome={outcome} fileName={uploadedName} /> : null}
      </div>

      <section className="card" aria-labelledby="import-columns">
        <h2 id="import-columns">{t('import.columnsTitle')}</h2>
        <p className="small">{t('import.columnsIntro')}</p>
        <TableFrame caption={t('import.columnsTitle')} className="compact-table" headers={[t('import.column'), t('import.required'), t('import.meaning')]}>
          {CSV_COLUMNS.map((c) => (
            <tr key={c}>
              <th scope="row" data-label={t('import.column')}>
                <code>{c}</code>
              </th>
              <td data-label={t('import.required')}>{REQUIRED_COLUMNS.includes(c) ? t('common.yes') : t('common.no')}</td>
              <td data-label={t('import.meaning')}>{t(`import.columnDoc.${c}`)}</td>
            </tr>
          ))}
        </TableFrame>
        <p className="small muted">{t('import.exportColumns')}</p>
      </section>

      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">{t('import.exportTitle')}</h2>
        <p className="small">{t('import.exportIntro')}</p>
        <div className="filters">
          <SelectField
            label={t('indicators.scopeType.park')}
            value={exportScope}
            onChange={setExportScope}
            emptyLabel={t('import.allValues')}
            options={(staff ? directory.parks : ownParks.length ? ownParks : directory.parks).map((p) => ({ value: p.id, label: label(p.name) }))}
          />
        </div>
        <button type="button" className="button button--secondary" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? t('common.working') : t('import.export')}
        </button>
        {exportError ? <LoadError error={exportError} /> : null}
      </section>

      <section className="card" aria-labelledby="exchange-title">
        <h2 id="exchange-title">{t('import.exchangeTitle')}</h2>
        <p className="small">{t('import.exchangeIntro')}</p>
        <div className="filters">
          <SelectField
            label={t('import.exchangeIndicator')}
            value={exchangeIndicator}
            onChange={setExchangeIndicator}
            emptyLabel={t('import.allIndicators')}
            options={(indicators.data ?? []).map((i) => ({ value: i.code, label: `${i.code} · ${label(i.name)}` }))}
          />
        </div>
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={() => void downloadExchange('sdmx')} disabled={exchanging}>
            {t('import.downloadSdmx')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void downloadExchange('dhis2')} disabled={exchanging}>
            {t('import.downloadDhis2')}
          </button>
        </div>
        {exchangeError ? <LoadError error={exchangeError} /> : null}
      </section>
    </>
  );
}

function ProblemText({ problem }: { problem: RowProblem }) {
  const tr = useDynamicTranslate();
  // Messages the client does not know are shown as the server wrote them (in English).
  return problem.key ? <>{tr(problem.key.key, problem.key.values)}</> : <span lang="en">{problem.message}</span>;
}

const WARNING_RULE_KEYS = {
  history: 'import.warningRules.history',
  peers: 'import.warningRules.peers',
  relation: 'import.warningRules.relation',
} as const;

function ImportResult({ outcome, fileName }: { outcome: ImportOutcome; fileName: string }) {
  const { t } = useTranslation();
  if (outcome.kind === 'accepted') {
    return (
      <section className="card" aria-labelledby="import-accepted">
        <h2 id="import-accepted">{outcome.dryRun ? t('import.checkedTitle') : t('import.acceptedTitle')}</h2>
        <Notice>
          {outcome.dryRun
            ? t('import.checkedText', { count: outcome.rows, file: fileName })
            : t('import.acceptedText', { count: outcome.rows, file: fileName })}
        </Notice>
        {!outcome.dryRun ? (
          <div className="stat-cards">
            <div className="stat-card">
              <span className="stat-value">{outcome.inserted}</span>
              <span className="stat-label">{t('import.inserted')}</span>
            </div>
            <div className="stat-card">
              <span className="stat-value">{outcome.superseded}</span>
              <span className="stat-label">{t('import.superseded')}</span>
            </div>
            <div className="stat-card">
              <span className="stat-value">{outcome.unchanged}</span>
              <span className="stat-label">{t('import.unchanged')}</span>
            </div>
          </div>
        ) : null}
        {!outcome.dryRun && outcome.inserted + outcome.superseded > 0 ? <p className="small muted">{t('import.awaitVerification')}</p> : null}
        {outcome.warningCount > 0 ? (
          <>
            <h3>{t('import.warningsTitle', { count: outcome.warningCount })}</h3>
            <p className="small muted">{t('import.warningsText')}</p>
            <table className="table" aria-label={t('import.warningsTitle', { count: outcome.warningCount })}>
              <thead>
                <tr>
                  <th scope="col">{t('import.warningRow')}</th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.warningValue')}</th>
                  <th scope="col">{t('import.warningRule')}</th>
                  <th scope="col">{t('import.warningExpected')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.warnings.map((w, i) => (
                  <tr key={`${w.row}-${i}`}>
                    <td>{w.row}</td>
                    <td>{w.field}</td>
                    <td>{w.value}</td>
                    <td>{t(WARNING_RULE_KEYS[w.rule])}</td>
                    <td>{`${w.expected.min ?? '…'} – ${w.expected.max ?? '…'}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="import-rejected">
      <h2 id="import-rejected">{t('import.rejectedTitle')}</h2>
      <ErrorAlert>
        <p>{t('import.rejectedText', { count: outcome.errorCount, rows: outcome.badRows.length })}</p>
        {outcome.listed < outcome.errorCount ? <p>{t('import.truncated', { listed: outcome.listed, count: outcome.errorCount })}</p> : null}
      </ErrorAlert>
      {outcome.fileProblems.length ? (
        <ul className="plain-list file-problems">
          {outcome.fileProblems.map((p, i) => (
            <li key={i}>
              <strong>{t('import.fileProblem')}</strong>
              {t('common.colon')}
              <ProblemText problem={p} />
            </li>
          ))}
        </ul>
      ) : null}
      {outcome.badRows.length ? (
        <TableFrame
          caption={t('import.errorsCaption')}
          captionVisible
          className="compact-table import-errors"
          headers={[t('import.row'), t('import.column'), t('import.problem')]}
        >
          {outcome.badRows.flatMap((r) =>
            r.problems.map((p, i) => (
              <tr key={`${r.row}-${p.field}-${i}`} className={i === 0 ? 'row-first' : 'row-continued'}>
                <th scope="row" data-label={t('import.row')}>
                  {r.row}
                </th>
                <td data-label={t('import.column')}>
                  <code>{p.field}</code>
                </td>
                <td data-label={t('import.problem')}>
                  <ProblemText problem={p} />
                </td>
              </tr>
            )),
          )}
        </TableFrame>
      ) : null}
      <p className="small muted">{t('import.fixAndRetry')}</p>
    </section>
  );
}
