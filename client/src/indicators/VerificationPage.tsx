import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { Observation } from '../api/types';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading, Notice } from '../components/Feedback';
import { formatDateTime } from '../i18n/format';
import { type Message } from '../lib/message';
import { useRealtime } from '../realtime/useRealtime';
import { DemoBadge, PeriodText, ScopeName, useDisaggregationLabel, useFormatValue } from './parts';
import { VerifyActions } from './VerifyActions';
import { useWording } from '../lib/useWording';

const PAGE = 50;

/** The values waiting for verification, oldest first; facilitators and admins verify or reject them. */
export default function VerificationPage() {
  const { t, i18n, msg } = useWording();
  const formatValue = useFormatValue();
  const disaggregationLabel = useDisaggregationLabel();
  const { connection } = useRealtime();
  const [items, setItems] = useState<Observation[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [note, setNote] = useState<Message | null>(null);
  const [fresh, setFresh] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api.observations
      .list({ status: 'submitted', order: 'oldest', limit: PAGE }, controller.signal)
      .then((page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
        setFresh(false);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(e));
    return () => controller.abort();
  }, [generation]);

  // New values arrive while the queue is open: say so rather than moving rows under the verifier's pointer.
  useEffect(() => {
    if (!connection) return;
    const offReported = connection.on('observation:reported', () => setFresh(true));
    const offVerified = connection.on('observation:verified', (event) => setItems((list) => list?.filter((o) => o.id !== event.id) ?? list));
    return () => {
      offReported();
      offVerified();
    };
  }, [connection]);

  const loadMore = async () => {
    if (!cursor) return;
    try {
      const page = await api.observations.list({ status: 'submitted', order: 'oldest', limit: PAGE, cursor });
      setItems((list) => [...(list ?? []), ...page.items.filter((o) => !list?.some((x) => x.id === o.id))]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="verification-title">
      <h2 id="verification-title">{t('verification.title')}</h2>
      <p className="muted">{t('verification.intro')}</p>
      <div aria-live="polite">
        {note ? <Notice>{msg(note)}</Notice> : null}
        {fresh ? (
          <Notice>
            {t('verification.newValues')}{' '}
            <button type="button" className="link-button" onClick={() => setGeneration((g) => g + 1)}>
              {t('verification.refresh')}
            </button>
          </Notice>
        ) : null}
      </div>
      {error ? (
        <LoadError error={error} onRetry={() => setGeneration((g) => g + 1)} />
      ) : !items ? (
        <Loading />
      ) : !items.length ? (
        <EmptyState>{t('verification.empty')}</EmptyState>
      ) : (
        <>
          <TableFrame
            caption={t('verification.title')}
            headers={[
              t('indicators.indicator'),
              t('indicators.scope'),
              t('indicators.period'),
              t('indicators.value'),
              t('verification.reported'),
              t('common.actions'),
            ]}
          >
            {items.map((o) => (
              <tr key={o.id}>
                <th scope="row" data-label={t('indicators.indicator')}>
                  <Link to={`/observations/${o.id}`}>
                    <code>{o.indicator.code}</code>
                  </Link>
                  {o.supersedesId ? <span className="badge correction-badge">{t('verification.correction')}</span> : null}
                </th>
                <td data-label={t('indicators.scope')}>
                  <ScopeName scope={o.scope} withType />
                </td>
                <td data-label={t('indicators.period')}>
                  <PeriodText period={o.period} />
                  {o.disaggregation ? <span className="muted small block">{disaggregationLabel(o.disaggregation)}</span> : null}
                </td>
                <td data-label={t('indicators.value')}>
                  <strong>{formatValue(o.value, o.indicator.unit)}</strong>
                  {o.isDemo ? <DemoBadge /> : null}
                  {o.source ? <span className="muted small block">{o.source}</span> : null}
                  {o.notes ? <span className="small block prewrap">{o.notes}</span> : null}
                </td>
                <td data-label={t('verification.reported')}>
                  {o.reportedBy?.displayName ?? t('history.someone')}
                  <span className="muted small block">{formatDateTime(o.reportedAt, i18n.language)}</span>
                </td>
                <td data-label={t('common.actions')}>
                  <VerifyActions
                    observation={o}
                    onDone={(_updated, m) => {
                      setNote(m);
                      setItems((list) => list?.filter((x) => x.id !== o.id) ?? list);
                    }}
                  />
                </td>
              </tr>
            ))}
          </TableFrame>
          {cursor ? (
            <div className="load-more">
              <button type="button" className="button button--secondary" onClick={() => void loadMore()}>
                {t('verification.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
