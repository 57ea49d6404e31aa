import { Link } from 'react-router-dom';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { useParkDirectory } from './parts';
import { useWording } from '../lib/useWording';

/** The parks whose indicators are tracked, by city; each opens its indicator overview. */
export default function ParksOverviewPage() {
  const { t, label } = useWording();
  const directory = useParkDirectory();
  if (directory.error) return <LoadError error={directory.error} onRetry={directory.reload} />;
  if (directory.loading && !directory.parks.length) return <Loading />;
  if (!directory.parks.length) return <EmptyState>{t('directory.noParks')}</EmptyState>;
  const parks = [...directory.parks].sort(
    (a, b) => a.province.localeCompare(b.province) || a.city.localeCompare(b.city) || label(a.name).localeCompare(label(b.name)),
  );
  return (
    <section aria-labelledby="parks-title">
      <h2 id="parks-title">{t('parkPage.listTitle')}</h2>
      <p className="muted">{t('parkPage.listIntro')}</p>
      <ul className="link-cards">
        {parks.map((p) => (
          <li key={p.id}>
            <Link to={`/parks/${p.id}`} className="link-card">
              <span className="link-card-title">
                <LocalizedName value={p.name} />
              </span>
              <span className="muted small">
                {p.city}
                {t('common.listSeparator')}
                {p.province} · {t(`parkLevel.${p.level}`)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
