import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { TRANSLATION_KINDS, type TranslationKind, type TranslationLang, type TranslationQueueItem } from '../api/types';
import { ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { optionsOf } from '../components/Field';
import { FilterBar, FilterSelect } from '../components/Filters';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { htmlLangOf } from '../i18n/localized';
import { errorKey } from '../api/errors';
import { message, type Message } from '../lib/message';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';

const LANGS: readonly TranslationLang[] = ['zh', 'en'];
const keyOf = (item: TranslationQueueItem) => `${item.kind}:${item.targetId}:${item.lang}`;

/**
 * The translation queue (facilitators, admins, translators): texts lacking a language, each original beside an
 * editor. Saving fills the bilingual field, or adds the translation a reader of that language is then shown.
 */
export default function TranslationQueuePage() {
  const { t } = useWording();
  const [kind, setKind] = useState<TranslationKind | ''>('');
  const [lang, setLang] = useState<TranslationLang | ''>('');
  const [done, setDone] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState('');
  const capabilities = useResource(() => api.translations.capabilities(), []);
  const allowed = capabilities.data?.translate === true;
  const queue = useResource(
    () => (allowed ? api.translations.queue({ kind: kind || undefined, lang: lang || undefined }) : Promise.resolve([])),
    [allowed, kind, lang],
  );

  if (capabilities.error) return <LoadError error={capabilities.error} onRetry={capabilities.reload} />;
  if (!capabilities.data) return <Loading />;
  const items = (queue.data ?? []).filter((i) => !done.has(keyOf(i)));

  return (
    <>
      <PageHeader title={t('translations.title')} description={t('translations.intro')} />
      {!allowed ? (
        <p className="muted">{t('translations.notAllowed')}</p>
      ) : (
        <>
          <FilterBar label={t('translations.filter')}>
            <FilterSelect
              label={t('translations.kind')}
              value={kind}
              onChange={setKind}
              options={optionsOf(TRANSLATION_KINDS, (k) => t(`translations.kinds.${k}`))}
            />
            <FilterSelect
              label={t('translations.targetLang')}
              value={lang}
              onChange={setLang}
              options={optionsOf(LANGS, (l) => t(`translations.langs.${l}`))}
            />
          </FilterBar>
          <div aria-live="polite">{notice ? <Notice>{notice}</Notice> : null}</div>
          {queue.error ? (
            <LoadError error={queue.error} onRetry={queue.reload} />
          ) : !queue.data ? (
            <Loading />
          ) : items.length ? (
            <ul className="translation-queue">
              {items.map((item) => (
                <QueueEntry
                  key={keyOf(item)}
                  item={item}
                  machineDrafts={capabilities.data?.machineDrafts === true}
                  onSaved={() => {
                    setDone((d) => new Set(d).add(keyOf(item)));
                    setNotice(t('translations.saved'));
                  }}
                />
              ))}
            </ul>
          ) : (
            <p className="muted">{t('translations.empty')}</p>
          )}
        </>
      )}
    </>
  );
}

function QueueEntry({ item, machineDrafts, onSaved }: { item: TranslationQueueItem; machineDrafts: boolean; onSaved: () => void }) {
  const { t, msg } = useWording();
  const editorId = useId();
  const [text, setText] = useState('');
  const [machine, setMachine] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);

  const draft = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.translations.machineDraft({ text: item.original, source: item.sourceLang, target: item.lang });
      setText(answer.text);
      setMachine(true);
    } catch (err) {
      setError(errorKey(err));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!text.trim()) {
      setError(message('errors.field.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.translations.save({ kind: item.kind, targetId: item.targetId, lang: item.lang, text: text.trim(), machine });
      onSaved();
    } catch (err) {
      setError(errorKey(err));
      setBusy(false);
    }
  };

  return (
    <li className="card translation-entry">
      <p className="muted small">
        {t(`translations.kinds.${item.kind}`)} · {t('translations.into', { lang: t(`translations.langs.${item.lang}`) })} ·{' '}
        <Link to={item.context.link}>{item.context.title ? <LocalizedName value={item.context.title} /> : t('translations.open')}</Link>
      </p>
      <div className="translation-pair">
        <blockquote className="translation-original prewrap" lang={htmlLangOf(item.sourceLang)}>
          {item.original}
        </blockquote>
        <div className="field">
          <label htmlFor={editorId}>
            {t('translations.editor', { lang: t(`translations.langs.${item.lang}`) })}
            {machine ? <span className="machine-mark"> {t('translations.machine')}</span> : null}
          </label>
          <textarea
            id={editorId}
            lang={htmlLangOf(item.lang)}
            rows={3}
            value={text}
            maxLength={8000}
            onChange={(e) => {
              setText(e.target.value);
              // A person's edit makes it theirs: no longer a machine translation.
              setMachine(false);
            }}
          />
        </div>
      </div>
      {error ? <ErrorAlert>{msg(error)}</ErrorAlert> : null}
      <div className="button-row">
        {machineDrafts ? (
          <button type="button" className="button button--small button--secondary" disabled={busy} onClick={() => void draft()}>
            {t('translations.machineDraft')}
          </button>
        ) : null}
        <button type="button" className="button button--small" disabled={busy} onClick={() => void save()}>
          {t('translations.save')}
        </button>
      </div>
    </li>
  );
}
