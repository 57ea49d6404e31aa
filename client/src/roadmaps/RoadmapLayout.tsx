import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router-dom';
import { api } from '../api';
import { isApiError } from '../api/errors';
import type { IndicatorHealth, Roadmap } from '../api/types';
import { LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { saveBlob } from '../lib/download';
import { earlyLoad, openingOf } from '../lib/earlyLoad';
import { useResource } from '../lib/useResource';
import { useIsStaff } from '../lib/useStaff';
import { useWording } from '../lib/useWording';

export interface RoadmapContext {
  roadmap: Roadmap;
}

export const useRoadmap = () => useOutletContext<RoadmapContext>();

/** The dashboard's data, asked for by the frame beside the roadmap itself when the dashboard is where it opens. */
export const dashboardLoads = {
  progress: earlyLoad((id) => api.roadmaps.progress(id)),
  // Indicator links are newer than the roadmap routes: without them the section is simply left out.
  health: earlyLoad<IndicatorHealth | null>((id) =>
    api.roadmaps.indicatorHealth(id).catch((e: unknown) => {
      if (isApiError(e) && e.status === 404) return null;
      throw e;
    }),
  ),
};

/** The roadmap, which the frame shows first. */
const roadmapLoad = earlyLoad((id) => api.roadmaps.get(id));

export const opening = openingOf(roadmapLoad);

/** The dashboard's first requests, sent beside the roadmap's when a visit opens on the dashboard. */
export const dashboardOpening = openingOf(dashboardLoads.progress, dashboardLoads.health);

/** A roadmap's frame: title, period, CSV export, and its board, table and dashboard views. */
export default function RoadmapLayout() {
  const { id = '' } = useParams();
  const { t, label } = useWording();
  const staff = useIsStaff();
  const roadmap = useResource(() => roadmapLoad.take(id), [id]);
  const opensOnDashboard = /\/dashboard\/?$/.test(useLocation().pathname);
  useEffect(() => {
    if (opensOnDashboard) dashboardOpening({ id });
    // Only as the frame opens on a roadmap: a later switch of tab opens the dashboard with its own requests.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const [publishing, setPublishing] = useState(false);

  if (roadmap.error) return <LoadError error={roadmap.error} onRetry={roadmap.reload} />;
  if (!roadmap.data) return <Loading />;
  const r = roadmap.data;

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { blob, filename } = await api.roadmaps.exportCsv(r.id);
      saveBlob(blob, filename ?? `roadmap-${r.periodStart}-${r.periodEnd}.csv`);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  const togglePublic = async () => {
    setPublishing(true);
    setExportError(null);
    try {
      await api.roadmaps.update(r.id, { public: !r.public });
      roadmap.reload();
    } catch (e) {
      setExportError(e);
    } finally {
      setPublishing(false);
    }
  };

  return (
    <>
      <Breadcrumb to="/roadmaps" label={t('roadmaps.title')} />
      <PageHeader
        title={label(r.title)}
        description={
          <>
            {t('roadmaps.period', { start: r.periodStart, end: r.periodEnd })} · {t('roadmaps.owner')}
            {t('common.colon')}
            <LocalizedName value={r.ownerOrganization.name} />
          </>
        }
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={() => void exportCsv()} disabled={exporting}>
              {exporting ? t('common.working') : t('roadmaps.exportCsv')}
            </button>
            {staff ? (
              <button type="button" className="button button--secondary" onClick={() => void togglePublic()} disabled={publishing}>
                {publishing ? t('common.working') : r.public ? t('portal.unpublish') : t('portal.publish')}
              </button>
            ) : null}
            {r.public ? (
              <Link to={`/public/roadmaps/${r.id}`} className="button button--secondary">
                {t('portal.openPublic')}
              </Link>
            ) : null}
            {staff ? (
              <Link to={`/roadmaps/${r.id}/items/new`} className="button">
                {t('roadmaps.newItem')}
              </Link>
            ) : null}
          </>
        }
      />
      {exportError ? <LoadError error={exportError} /> : null}
      <nav className="tabs" aria-label={t('roadmaps.views')}>
        <ul>
          <li>
            <NavLink to={`/roadmaps/${r.id}`} end>
              {t('roadmaps.tab.board')}
            </NavLink>
          </li>
          <li>
            <NavLink to={`/roadmaps/${r.id}/table`}>{t('roadmaps.tab.table')}</NavLink>
          </li>
          <li>
            <NavLink to={`/roadmaps/${r.id}/dashboard`}>{t('roadmaps.tab.dashboard')}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet context={{ roadmap: r } satisfies RoadmapContext} />
    </>
  );
}
