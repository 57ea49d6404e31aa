import type { DemoLinkRow, DemoObservationRow } from '../indicators/indicators.service';

/**
 * Demo observations, 2015–2025, for the parks of the demo world: generated with plausible shapes (growth that
 * slows, a dip in 2020, park-to-park differences), verified, and marked is_demo so every screen and export says so.
 */

const YEARS = Array.from({ length: 11 }, (_, i) => 2015 + i);

/** A small deterministic generator, so the demo is the same on every machine. */
function noise(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

const covidDip = (year: number) => (year === 2020 ? 0.94 : 1);
const logistic = (year: number, mid: number, steep = 0.6) => 1 / (1 + Math.exp(-steep * (year - mid)));

type Shape = (park: number, year: number) => number;

/** Park 0 is Suzhou Industrial Park, the largest; the others are smaller. */
const size = (park: number) => [800_000, 260_000, 180_000, 150_000, 120_000, 90_000, 40_000, 60_000][park] ?? 50_000;

export const DEMO_SERIES: Record<string, { shape: Shape; integer?: boolean }> = {
  'EIP.EMPLOYMENT': { integer: true, shape: (p, y) => size(p) * (0.85 + 0.03 * (y - 2015)) * covidDip(y) * (1 + noise(p * 31 + y) * 0.02) },
  'GJ.GREEN_JOBS': { integer: true, shape: (p, y) => size(p) * (0.03 + 0.09 * logistic(y, 2020 + (p % 3))) * covidDip(y) * (1 + noise(p * 17 + y) * 0.05) },
  'GJ.TRAINED': { integer: true, shape: (p, y) => (p === 0 ? 9_000 : 2_000 + p * 200) * logistic(y, 2020.5, 0.9) * (1 + noise(p * 7 + y) * 0.06) },
  'GJ.WOMEN_SHARE': { shape: (p, y) => 30 + 1.2 * Math.max(0, y - 2016) + noise(p * 5 + y) * 1.5 - (p % 4) },
  'DW.UNION_DENSITY': { shape: (p, y) => 38 + (p === 0 ? 2.5 : 0.8) * Math.max(0, y - 2018) + noise(p * 11 + y) * 1.2 },
  'DW.SOCIAL_INSURANCE': { shape: (p, y) => Math.min(99, 78 + 1.6 * (y - 2015) + noise(p * 13 + y) * 1.5 - p) },
  'DW.GREEN_AGREEMENTS': { integer: true, shape: (p, y) => Math.max(0, (y - 2019) * (p === 0 ? 0.6 : 0.3) + noise(p * 19 + y)) },
  'DW.INJURY_NONFATAL': { shape: (p, y) => (460 - 16 * (y - 2015)) * (1 + noise(p * 23 + y) * 0.05) + p * 10 },
  'EIP.GRIEVANCE_RESOLVED': { shape: (p, y) => Math.min(95, 50 + 2.2 * Math.max(0, y - 2016) + noise(p * 29 + y) * 2 - p) },
  'EIP.GRIEVANCE_MECH': { integer: true, shape: (p, y) => (y >= 2019 + (p % 5) ? 1 : 0) },
};

const clamp = (code: string, value: number) => {
  const percent = ['GJ.WOMEN_SHARE', 'DW.UNION_DENSITY', 'DW.SOCIAL_INSURANCE', 'EIP.GRIEVANCE_RESOLVED'].includes(code);
  return percent ? Math.max(0, Math.min(100, value)) : Math.max(0, value);
};

export function demoValue(code: string, park: number, year: number): number {
  const series = DEMO_SERIES[code];
  const raw = clamp(code, series.shape(park, year));
  return series.integer ? Math.round(raw) : Math.round(raw * 10) / 10;
}

/** The demo series of every indicator for the given parks, 2015–2025, keyed by indicator code. */
export function demoObservations(parkIds: string[], reporterOf: (parkIndex: number) => string): Record<string, DemoObservationRow[]> {
  return Object.fromEntries(
    Object.keys(DEMO_SERIES).map((code) => [
      code,
      parkIds.flatMap((parkId, park) =>
        YEARS.map((year) => ({
          parkId,
          period: String(year),
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-12-31`,
          value: demoValue(code, park, year),
          reporterId: reporterOf(park),
        })),
      ),
    ]),
  );
}

/** Which indicator each demo commitment is meant to move (index in DEMO_COMMITMENTS), with baseline and target. */
export const DEMO_LINKS: {
  commitment: number;
  code: string;
  scope: { park: number } | { province: string };
  baseline: [number | 'observed', string];
  target: [number, string];
}[] = [
  { commitment: 0, code: 'GJ.TRAINED', scope: { park: 0 }, baseline: ['observed', '2019-12-31'], target: [6_000, '2022-12-31'] },
  { commitment: 1, code: 'DW.UNION_DENSITY', scope: { park: 0 }, baseline: ['observed', '2019-12-31'], target: [50, '2023-06-30'] },
  { commitment: 3, code: 'DW.INJURY_NONFATAL', scope: { park: 0 }, baseline: ['observed', '2019-12-31'], target: [250, '2024-06-30'] },
  { commitment: 4, code: 'DW.SOCIAL_INSURANCE', scope: { province: 'Jiangsu' }, baseline: [83, '2019-12-31'], target: [95, '2025-12-31'] },
  { commitment: 5, code: 'EIP.GRIEVANCE_RESOLVED', scope: { park: 0 }, baseline: ['observed', '2019-12-31'], target: [90, '2024-12-31'] },
  { commitment: 8, code: 'GJ.WOMEN_SHARE', scope: { park: 0 }, baseline: ['observed', '2019-12-31'], target: [40, '2025-12-31'] },
  { commitment: 9, code: 'DW.GREEN_AGREEMENTS', scope: { park: 0 }, baseline: ['observed', '2019-12-31'], target: [20, '2025-12-31'] },
];

/** The demo links, for the given commitments and parks (in the order of DEMO_COMMITMENTS and DEMO_PARKS). */
export function demoLinks(commitmentIds: string[], parkIds: string[], createdBy: string): (Omit<DemoLinkRow, 'indicatorId'> & { code: string })[] {
  return DEMO_LINKS.map((link) => {
    const parkIndex = 'park' in link.scope ? link.scope.park : null;
    const baseline = link.baseline[0] === 'observed' ? demoValue(link.code, parkIndex ?? 0, Number(link.baseline[1].slice(0, 4))) : link.baseline[0];
    return {
      code: link.code,
      actionItemId: commitmentIds[link.commitment],
      scopeType: parkIndex === null ? 'province' : 'park',
      parkId: parkIndex === null ? null : parkIds[parkIndex],
      province: 'province' in link.scope ? link.scope.province : '',
      baselineValue: baseline,
      baselineDate: link.baseline[1],
      targetValue: link.target[0],
      targetDate: link.target[1],
      createdById: createdBy,
    };
  });
}
