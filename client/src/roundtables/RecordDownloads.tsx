import { useState } from 'react';
import { api } from '../api';
import type { ReportLanguage, Roundtable } from '../api/types';
import { LoadError } from '../components/Feedback';
import { saveBlob } from '../lib/download';
import { useWording } from '../lib/useWording';

const LANGUAGES: ReportLanguage[] = ['both', 'en', 'zh'];

/** The official record as PDF or Word, in the chosen language(s), and printing the whole record. */
export function RecordDownloads({ roundtable, onPrint }: { roundtable: Roundtable; onPrint: () => void }) {
  const { t } = useWording();
  const [lang, setLang] = useState<ReportLanguage>('both');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const download = async (format: 'pdf' | 'docx') => {
    setBusy(true);
    setError(null);
    try {
      const { blob, filename } = await api.roundtables.report(roundtable.id, format, lang);
      saveBlob(blob, filename ?? `roundtable-${roundtable.id}-${lang}.${format}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="record-downloads no-print" role="group" aria-label={t('record.download')}>
      <label>
        <span className="visually-hidden">{t('record.language')}</span>
        <select value={lang} onChange={(e) => setLang(e.target.value as ReportLanguage)} aria-label={t('record.language')}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`record.lang.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void download('pdf')}>
        {t('record.download')} ({t('record.pdf')})
      </button>
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void download('docx')}>
        {t('record.download')} ({t('record.docx')})
      </button>
      <button type="button" className="button button--secondary" onClick={onPrint}>
        {t('record.print')}
      </button>
      {error ? <LoadError error={error} /> : null}
    </div>
  );
}
