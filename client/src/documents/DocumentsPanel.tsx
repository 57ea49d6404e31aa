import { useId, useRef, useState, type ChangeEvent } from 'react';
import { api, isApiError } from '../api';
import type { AttachedDocument, DocumentTargetType } from '../api/types';
import { ErrorAlert, LoadError } from '../components/Feedback';
import { formatDateTime } from '../i18n/format';
import { saveBlob } from '../lib/download';
import { formatSize } from '../lib/fileSize';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';

/** The translation key of an upload that failed. */
export const problemKey = (problem: unknown) =>
  !isApiError(problem)
    ? 'documents.failed'
    : problem.status === 413
      ? 'documents.tooLarge'
      : problem.status === 415
        ? 'documents.wrongType'
        : problem.status === 0
          ? 'documents.network'
          : 'documents.failed';

/**
 * The documents attached to one thing (a roundtable, agenda item, decision, working group or commitment): each with
 * its versions, a download of any version, an upload with progress, and a new version for whoever may add one.
 */
export function DocumentsPanel({ targetType, targetId, heading = true }: { targetType: DocumentTargetType; targetId: string; heading?: boolean }) {
  const { t, i18n } = useWording();
  const titleId = useId();
  const documents = useResource((signal) => api.documents.list(targetType, targetId, signal), [targetType, targetId]);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [openVersions, setOpenVersions] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const versionTarget = useRef<string | null>(null);

  const pick = (documentId: string | null) => {
    versionTarget.current = documentId;
    input.current?.click();
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    setProgress(0);
    try {
      // A cheap call first, so that an expired access token is refreshed before the upload uses it.
      await api.documents.list(targetType, targetId);
      const target = versionTarget.current ? { documentId: versionTarget.current } : { targetType, targetId };
      await api.documents.upload(target, file, setProgress);
      documents.reload();
    } catch (error) {
      setProblem(t(problemKey(error)));
    } finally {
      setProgress(null);
    }
  };

  const download = async (document: AttachedDocument, version?: number) => {
    const { blob, filename } = await api.documents.download(document.id, version);
    saveBlob(blob, filename ?? document.name);
  };

  const list = documents.data;
  return (
    <section className="documents-panel" aria-labelledby={heading ? titleId : undefined} aria-label={heading ? undefined : t('documents.title')}>
      {heading ? (
        <div className="section-header">
          <h2 id={titleId}>{t('documents.title')}</h2>
        </div>
      ) : null}
      {documents.error ? <LoadError error={documents.error} onRetry={documents.reload} /> : null}
      {list && !list.items.length ? <p className="muted">{t('documents.none')}</p> : null}
      {list?.items.length ? (
        <ul className="documents-list">
          {list.items.map((d) => (
            <li key={d.id}>
              <div>
                <button type="button" className="link-button" onClick={() => void download(d)}>
                  {d.name}
                </button>{' '}
                <span className="muted">
                  {t('documents.meta', {
                    version: d.currentVersion,
                    size: formatSize(d.current.sizeBytes, i18n.language),
                    by: d.current.uploadedBy?.displayName ?? t('documents.someone'),
                    date: formatDateTime(d.current.createdAt, i18n.language),
                  })}
                </span>
              </div>
              <div className="documents-actions">
                {d.versions.length > 1 ? (
                  <button
                    type="button"
                    className="small"
                    aria-expanded={openVersions === d.id}
                    onClick={() => setOpenVersions(openVersions === d.id ? null : d.id)}
                  >
                    {t('documents.versions', { count: d.versions.length })}
                  </button>
                ) : null}
                {d.canAddVersion ? (
                  <button type="button" className="small" disabled={progress !== null} onClick={() => pick(d.id)}>
                    {t('documents.newVersion')}
                  </button>
                ) : null}
              </div>
              {openVersions === d.id ? (
                <ol className="documents-versions" reversed>
                  {d.versions.map((v) => (
                    <li key={v.version}>
                      <button type="button" className="link-button" onClick={() => void download(d, v.version)}>
                        {t('documents.version', { version: v.version })}: {v.name}
                      </button>{' '}
                      <span className="muted">
                        {formatSize(v.sizeBytes, i18n.language)} · {v.uploadedBy?.displayName ?? t('documents.someone')} ·{' '}
                        {formatDateTime(v.createdAt, i18n.language)} · <span title={t('documents.sha256')}>SHA-256 {v.sha256.slice(0, 12)}…</span>
                      </span>
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <input ref={input} type="file" hidden onChange={(e) => void onFile(e)} aria-label={t('documents.choose')} />
      {list?.canUpload ? (
        <button type="button" disabled={progress !== null} onClick={() => pick(null)}>
          {t('documents.upload')}
        </button>
      ) : null}
      {progress !== null ? (
        <p role="status">
          <progress max={1} value={progress} aria-label={t('documents.uploading')} /> {t('documents.uploadingPercent', { percent: Math.round(progress * 100) })}
        </p>
      ) : null}
      {problem ? <ErrorAlert>{problem}</ErrorAlert> : null}
      <p className="muted small-print">{t('documents.allowed')}</p>
    </section>
  );
}

/** The documents of an entry in a list (an agenda item, a decision), loaded only once the reader opens them. */
export function AttachedDocuments({ targetType, targetId }: { targetType: DocumentTargetType; targetId: string }) {
  const { t } = useWording();
  const [open, setOpen] = useState(false);
  return (
    <details className="attached-documents" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>{t('documents.show')}</summary>
      {open ? <DocumentsPanel targetType={targetType} targetId={targetId} heading={false} /> : null}
    </details>
  );
}
