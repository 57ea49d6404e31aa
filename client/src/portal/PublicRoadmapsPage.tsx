import { Link } from 'react-router-dom';
import { api } from '../api';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { AuthLayoutWide } from './PublicLayout';

/** The published roadmaps, for anyone. */
export default function PublicRoadmapsPage() {
  const { t, label } = useWording();
  const list = useResource(() => api.portal.list(), []);
  return (
    <AuthLayoutWide>
      <h1>{t('portal.title')}</h1>
      <p>{t('portal.intro')}</p>
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length ? (
        <ul className="plain-list">
          {list.data.items.map((r) => (
            <li key={r.id}>
              <Link to={`/public/roadmaps/${r.id}`}>{label(r.title)}</Link>{' '}
              <span className="muted small">
                {t('portal.period', { start: r.periodStart, end: r.periodEnd })} · {t('portal.commitmentCount', { count: r.itemCount })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('portal.empty')}</EmptyState>
      )}
    </AuthLayoutWide>
  );
}
