import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { OutboxMail, OutboxStatus } from '../api/types';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading, Notice } from '../components/Feedback';
import { optionsOf } from '../components/Field';
import { FilterSelect } from '../components/Filters';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { useCursorList } from '../lib/useCursorList';

const STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const satisfies readonly OutboxStatus[];
const PAGE_SIZE = 50;

/** Every mail the platform wrote: queued, sent, failed with the SMTP answer (retry), and what each says. */
export default function OutboxAdminPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [figures, setFigures] = useState<{ queued: number; failed: number; oldest: number | null; delivering: boolean } | null>(null);
  const [shown, setShown] = useState<{ id: string; text: string } | null>(null);
  const [changed, setChanged] = useState<Record<string, OutboxMail>>({});
  const { items, cursor, loading, error, retry, loadMore } = useCursorList<OutboxMail>(
    async (after) => {
      const page = await api.mail.outbox({ status: status || undefined, limit: PAGE_SIZE, cursor: after });
      setFigures({ queued: page.queued, failed: page.failed, oldest: page.oldestQueuedAgeSeconds, delivering: page.delivering });
      return page;
    },
    [status],
  );

  const show = async (id: string) => {
    if (shown?.id === id) return setShown(null);
    const mail = await api.mail.mail(id);
    setShown({ id, text: mail.text ?? '' });
  };
  const retryMail = async (id: string) => {
    const mail = await api.mail.retry(id);
    setChanged((c) => ({ ...c, [id]: mail }));
  };

  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.intro')} />
      {figures ? (
        <p className="muted">
          {t('outbox.figures', { queued: figures.queued, failed: figures.failed })}
          {figures.oldest !== null ? ` · ${t('outbox.oldest', { seconds: figures.oldest })}` : ''}
        </p>
      ) : null}
      {figures && !figures.delivering ? <Notice>{t('outbox.notDelivering')}</Notice> : null}
      <form className="filters" role="search" aria-label={t('outbox.filter')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label={t('outbox.status')} value={status} onChange={setStatus} options={optionsOf(STATUSES, (s) => t(`outbox.statuses.${s}`))} />
      </form>
      {items.length === 0 && loading ? (
        <Loading />
      ) : items.length === 0 && error ? (
        <LoadError error={error} onRetry={retry} />
      ) : items.length === 0 ? (
        <EmptyState>{t('outbox.empty')}</EmptyState>
      ) : (
        <>
          <TableFrame caption={t('outbox.title')} headers={[t('outbox.when'), t('outbox.to'), t('outbox.subject'), t('outbox.status'), t('outbox.answer'), '']}>
            {items.map((listed) => {
              const mail = changed[listed.id] ?? listed;
              return (
                <tr key={mail.id}>
                  <td data-label={t('outbox.when')}>
                    <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt, i18n.language)}</time>
                  </td>
                  <td data-label={t('outbox.to')}>{mail.to}</td>
                  <td data-label={t('outbox.subject')}>
                    <button type="button" className="link-button" aria-expanded={shown?.id === mail.id} onClick={() => void show(mail.id)}>
                      {mail.subject}
                    </button>
                    {shown?.id === mail.id ? <pre className="outbox-text">{shown.text}</pre> : null}
                  </td>
                  <td data-label={t('outbox.status')}>
                    {t(`outbox.statuses.${mail.status}`)}
                    {mail.attempts > 1 ? <span className="muted small"> ({t('outbox.attempts', { count: mail.attempts })})</span> : null}
                  </td>
                  <td data-label={t('outbox.answer')}>{mail.lastError ? <code className="small">{mail.lastError}</code> : null}</td>
                  <td>
                    {mail.status === 'failed' ? (
                      <button type="button" className="button button--secondary" onClick={() => void retryMail(mail.id)}>
                        {t('outbox.retry')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </TableFrame>
          <div className="load-more" aria-live="polite">
            {cursor ? (
              <button type="button" className="button button--secondary" disabled={loading} onClick={loadMore}>
                {loading ? t('common.loading') : t('outbox.loadMore')}
              </button>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}
