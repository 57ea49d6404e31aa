import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { notFound } from '../common/errors';
import type { IndicatorTargetView } from '../indicators/dto/indicator-link.dto';
import { IndicatorLinksService } from '../indicators/indicator-links.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { SeriesService } from '../indicators/series.service';
import type { OrganizationView } from '../organizations/dto/organization.dto';
import type { RoadmapView } from '../roadmaps/dto/roadmap.dto';
import { ActionItemsService } from '../roadmaps/action-items.service';
import { RoadmapsService, tally } from '../roadmaps/roadmaps.service';
import type { PublicOrganization, PublicRoadmapDetail, PublicRoadmapView, PublicSeriesView, PublicTarget } from './dto/portal.dto';

/** How long a process keeps a portal answer it has put together (readers' caches keep it for 300 s). */
export const PORTAL_CACHE_MS = 60_000;

const toPublicOrganization = (o: Pick<OrganizationView, 'name' | 'constituency'>): PublicOrganization => ({ name: o.name, constituency: o.constituency });

const toPublicRoadmap = (r: RoadmapView): PublicRoadmapView => ({
  id: r.id,
  title: r.title,
  description: r.description,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  ownerOrganization: toPublicOrganization(r.ownerOrganization),
  itemCount: r.itemCount,
});

const toPublicTarget = (t: IndicatorTargetView): PublicTarget => ({
  actionItemId: t.actionItemId,
  scope: t.scope,
  disaggregation: t.disaggregation,
  unit: t.unit,
  baseline: t.baseline,
  target: t.target,
});

/**
 * The public portal: what a roadmap whose facilitators published it shows to anyone, signed in or not. Only public
 * fields (titles, organizations, counts, baselines and targets) and only verified values that no validation rule
 * holds back. Whether the roadmap is published is read on every request, so taking it off hides it at once; what is
 * put together behind that is kept for a minute per process.
 */
@Injectable()
export class PortalService {
  private readonly cache = new LRUCache<string, PublicRoadmapDetail | PublicSeriesView>({ max: 500, ttl: PORTAL_CACHE_MS });

  constructor(
    private readonly roadmaps: RoadmapsService,
    private readonly actionItems: ActionItemsService,
    private readonly links: IndicatorLinksService,
    private readonly indicators: IndicatorsService,
    private readonly seriesOf: SeriesService,
  ) {}

  async list(): Promise<{ items: PublicRoadmapView[] }> {
    return { items: (await this.roadmaps.listPublic()).map(toPublicRoadmap) };
  }

  async roadmap(id: string): Promise<PublicRoadmapDetail> {
    const roadmap = await this.roadmaps.getPublic(id);
    const key = `roadmap:${id}`;
    const cached = this.cache.get(key) as PublicRoadmapDetail | undefined;
    if (cached) return { ...cached, roadmap: toPublicRoadmap(roadmap) };
    const [{ items }, targets] = await Promise.all([this.actionItems.list({ roadmapId: id, limit: 10_000 }), this.links.targetsOfRoadmap(id)]);
    const { total, byStatus, byCompletionLevel, overdue, averageProgress } = tally(items);
    const codesOf = new Map<string, Set<string>>();
    const byIndicator = new Map<string, PublicRoadmapDetail['indicators'][number]>();
    for (const t of targets) {
      codesOf.set(t.actionItemId, (codesOf.get(t.actionItemId) ?? new Set()).add(t.indicator.code));
      const entry = byIndicator.get(t.indicator.code) ?? { indicator: t.indicator, targets: [] };
      entry.targets.push(toPublicTarget(t));
      byIndicator.set(t.indicator.code, entry);
    }
    const detail: PublicRoadmapDetail = {
      roadmap: toPublicRoadmap(roadmap),
      progress: { total, byStatus, byCompletionLevel, overdue, averageProgress },
      commitments: items.map((i) => ({
        id: i.id,
        title: i.title,
        description: i.description,
        status: i.status,
        completionLevel: i.completionLevel,
        progress: i.progress,
        dueDate: i.dueDate,
        overdue: i.overdue,
        leadOrganization: toPublicOrganization(i.leadOrganization),
        indicatorCodes: [...(codesOf.get(i.id) ?? [])].sort(),
      })),
      indicators: [...byIndicator.values()].sort((a, b) => (a.indicator.code < b.indicator.code ? -1 : 1)),
      generatedAt: new Date().toISOString(),
    };
    this.cache.set(key, detail);
    return detail;
  }

  /**
   * The verified series of an indicator linked to the roadmap, one per scope (and breakdown) a commitment set a target
   * for. 404 when the roadmap is not published or none of its commitments is linked to the indicator.
   */
  async series(id: string, code: string): Promise<PublicSeriesView> {
    await this.roadmaps.getPublic(id);
    const key = `series:${id}:${code}`;
    const cached = this.cache.get(key) as PublicSeriesView | undefined;
    if (cached) return cached;
    const targets = (await this.links.targetsOfRoadmap(id)).filter((t) => t.indicator.code === code);
    if (!targets.length) throw notFound('Indicator');
    const indicator = await this.indicators.findOrFail(code);
    const scopes = new Map<string, IndicatorTargetView[]>();
    for (const t of targets) {
      const scopeKey = `${t.scope.type}|${t.scope.key}|${t.disaggregation}`;
      scopes.set(scopeKey, [...(scopes.get(scopeKey) ?? []), t]);
    }
    const series = await Promise.all(
      [...scopes.values()].map(async (group) => {
        const s = await this.seriesOf.publishedSeries(indicator, group[0].scope.type, group[0].scope.key, group[0].disaggregation);
        return {
          scope: s.scope,
          disaggregation: s.disaggregation,
          unit: s.unit,
          points: s.points.map((p) => ({
            period: p.period,
            value: p.value,
            isDemo: p.isDemo,
            ...(p.parkCount !== undefined ? { parkCount: p.parkCount, expectedParkCount: p.expectedParkCount, partial: p.partial } : {}),
          })),
          targets: group.map(toPublicTarget),
        };
      }),
    );
    const view: PublicSeriesView = { roadmapId: id, indicator: targets[0].indicator, series, generatedAt: new Date().toISOString() };
    this.cache.set(key, view);
    return view;
  }
}
