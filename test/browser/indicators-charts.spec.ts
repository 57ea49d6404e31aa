import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { APP_URL, newContext, sessionAccessToken, signIn, t } from './support/browser';

const en = (key: string, values?: Record<string, string | number>) => t('en', key, values);

async function api<T>(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const accessToken = await sessionAccessToken(page);
  const response = await fetch(`${APP_URL}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type Park = { id: string; name: { en?: string } };

describe('indicator charts, dashboard bars and the public portal', () => {
  it('compares two parks on an ECharts canvas, and downloads the chart as PNG and its data as CSV', async () => {
    const page = await (await newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, 'facilitator@greentable.demo');
    const parks = (await api<{ items: Park[] }>(page, '/parks')).items;
    // Two parks that both have verified values of the indicator.
    const withValues: Park[] = [];
    for (const park of parks) {
      const s = await api<{ points: unknown[] }>(page, `/indicators/DW.INJURY_NONFATAL/series?scopeType=park&scope=${park.id}`);
      if (s.points.length) withValues.push(park);
      if (withValues.length === 2) break;
    }
    expect(withValues).toHaveLength(2);
    const [a, b] = withValues;
    await page.goto(`/indicators/DW.INJURY_NONFATAL?scopeType=park&scope=${a.id}&compare=park:${b.id}`);
    const chart = page.locator('[data-chart="indicator"]');
    await chart.locator('canvas').waitFor();
    // The compared park's series is a request of its own: the chart may be drawn with the first park's alone before it.
    await page.waitForFunction((park) => document.querySelector('[data-chart="indicator"]')?.getAttribute('aria-label')?.includes(park), b.name.en!);
    const name = (await chart.getAttribute('aria-label')) ?? '';
    expect(name).toContain(a.name.en!);
    expect(name).toContain(b.name.en!);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en('chart.downloadPng') }).click()]);
    const pngBytes = await readFile(await png.path());
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.suggestedFilename()).toMatch(/^DW\.INJURY_NONFATAL-\d{4}-\d{2}-\d{2}\.png$/);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en('chart.downloadCsv') }).click()]);
    const lines = (await readFile(await csv.path(), 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('series,scope_type,scope,scope_name,disaggregation,period,date,value,unit,status,demo,partial');
    const rows = lines.slice(1);
    expect(rows.some((r) => r.includes(`,${a.id},`))).toBe(true);
    expect(rows.some((r) => r.includes(`,${b.id},`))).toBe(true);
    // The plotted rows are the table's rows.
    await page.getByRole('button', { name: en('chart.showTable') }).click();
    const tableRows = page.locator('.chart-data-table tbody tr');
    expect(await tableRows.count()).toBe(rows.length);
  });

  it('draws the dashboard bars to their share, and the public portal page renders signed out', async () => {
    const page = await (await newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, 'facilitator@greentable.demo');
    const roadmaps = (await api<{ items: { id: string; title: { en?: string } }[] }>(page, '/roadmaps')).items;
    const roadmap = roadmaps[0];
    await page.goto(`/roadmaps/${roadmap.id}/dashboard`);
    const bars = page.getByRole('img', { name: new RegExp(`^${en('dashboard.byCompletion')}`) }).locator('rect.chart-bar');
    await bars.first().waitFor();
    const track = await page
      .getByRole('img', { name: new RegExp(`^${en('dashboard.byCompletion')}`) })
      .locator('rect.chart-track')
      .first()
      .boundingBox();
    let widest = 0;
    for (let i = 0; i < (await bars.count()); i++) {
      const share = Number(await bars.nth(i).getAttribute('data-share'));
      const box = await bars.nth(i).boundingBox();
      const drawn = ((box?.width ?? 0) / track!.width) * 100;
      expect(Math.abs(drawn - share)).toBeLessThan(1.5);
      widest = Math.max(widest, share);
    }
    // Only a level holding every commitment would fill its track.
    expect(widest).toBeGreaterThan(0);

    await api(page, `/roadmaps/${roadmap.id}`, { method: 'PATCH', body: { public: true } });
    try {
      const reader = await (await newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await reader.goto(`/public/roadmaps/${roadmap.id}`);
      await reader.getByRole('heading', { level: 1, name: roadmap.title.en }).waitFor();
      await reader.getByRole('heading', { name: en('portal.commitments') }).waitFor();
      expect(reader.url()).toContain(`/public/roadmaps/${roadmap.id}`);
    } finally {
      await api(page, `/roadmaps/${roadmap.id}`, { method: 'PATCH', body: { public: false } });
    }
  });
});
