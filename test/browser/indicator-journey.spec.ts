import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { APP_URL, newContext, sessionAccessToken, signIn, t, untranslated, waitForContent } from './support/browser';

/**
 * Issue 17's "Done when", as a new user would try it: a park officer imports a spreadsheet in which one value jumps
 * tenfold; the row report warns and the value goes in flagged; the facilitator confirms it with a comment on the
 * follow-up list; the city and then the province approve the month; a late correction is refused because the month is
 * locked; the province's completeness matrix shows the parks late; the indicator's verified series downloads as
 * SDMX-CSV from its page.
 *
 * Setup the demo world lacks is given through the API, as an admin would: a monthly indicator of its own (so other
 * test files' values do not meet it), a city-level and a province-level approver, and the park's earlier months.
 */

const en = (key: string, values?: Record<string, string | number>) => t('en', key, values);
const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values);

const stamp = Date.now().toString(36).toUpperCase();
const CODE = `EIP.NEW_HIRES_${stamp}`;
const PARK = 'Suzhou Industrial Park';
const OTHER_PARK = 'Changzhou';
const PROVINCE = 'Jiangsu';
/** A month n months before this one, as YYYY-MM. */
const monthsAgo = (n: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
};
/** The month the journey is about: two months ago, so its due day (10 days after it ends) has passed. */
const MONTH = monthsAgo(2);
const HISTORY: [string, number][] = [
  [monthsAgo(7), 120],
  [monthsAgo(6), 118],
  [monthsAgo(5), 125],
  [monthsAgo(4), 122],
  [monthsAgo(3), 119],
];
/** Tenfold the months before. */
const JUMP = 1210;
const CSV_HEADER = ['indicator_code', 'scope_type', 'scope', 'period', 'disaggregation', 'value', 'source', 'notes'];

const monthName = (locale: string, period: string) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));

type Park = { id: string; code: string; name: { en?: string }; city: string; province: string };

/** One access token per page for the setup's calls (each refresh rotates the session's tokens). */
const tokens = new WeakMap<Page, Promise<string>>();

async function api<T>(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  if (!tokens.has(page)) tokens.set(page, sessionAccessToken(page));
  const response = await fetch(`${APP_URL}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${await tokens.get(page)}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function signedIn(email: string, locale: 'en' | 'zh-CN' = 'en'): Promise<Page> {
  const page = await (await newContext({ locale })).newPage();
  await signIn(page, email);
  return page;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, text: await readFile(await download.path(), 'utf8') };
}

/** The spreadsheet the park officer fills in: the month, ten times the months before. */
async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Values');
  sheet.addRow(CSV_HEADER);
  sheet.addRow([CODE, 'park', PARK, MONTH, '', JUMP, 'SIP HR office', 'new hires of the month']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

let sip: Park;
let other: Park;
let park: Page;
let facilitator: Page;
let observationPath = '';

describe('indicator data a ministry can sign, tried as a new user would (issue 17)', () => {
  jest.setTimeout(180_000);

  it('setup: an admin adds a monthly indicator and gives the approver roles; the park has reported its earlier months', async () => {
    const admin = await signedIn('admin@greentable.demo');
    await api(admin, '/indicators', {
      method: 'POST',
      body: {
        code: CODE,
        category: 'eip_social',
        dimension: 'employment',
        name: { en: `New hires (${stamp})`, zh: `新招聘人数（${stamp}）` },
        unit: 'persons',
        direction: 'higher',
        aggregation: 'sum',
        source: 'Park HR offices',
      },
    });
    await api(admin, `/indicators/${CODE}/rules`, { method: 'PATCH', body: { frequency: 'month', dueDays: 10, historyThreshold: 3.5 } });
    const parks = (await api<{ items: Park[] }>(admin, '/parks?limit=100')).items;
    sip = parks.find((p) => p.name.en === PARK)!;
    other = parks.find((p) => p.name.en?.startsWith(OTHER_PARK) && p.province === PROVINCE)!;
    expect(sip).toBeDefined();
    expect(other).toBeDefined();
    const userId = async (email: string) =>
      (await api<{ items: { id: string; email: string }[] }>(admin, `/users?q=${encodeURIComponent(email.split('@')[0])}`)).items.find(
        (u) => u.email === email,
      )!.id;
    const approvers = (await api<{ items: { user: { id: string }; level: string; city: string | null }[] }>(admin, '/approvals/approvers')).items;
    const grant = async (email: string, level: 'city' | 'province') => {
      const id = await userId(email);
      if (approvers.some((a) => a.user.id === id && a.level === level)) return;
      await api(admin, '/approvals/approvers', {
        method: 'POST',
        body: { userId: id, level, province: PROVINCE, ...(level === 'city' ? { city: sip.city } : {}) },
      });
    };
    await grant('xu.ming@greentable.demo', 'city');
    await grant('government@greentable.demo', 'province');
    await admin.context().close();

    // The five months before, reported by the park and verified; the month of another park, reported by the facilitator.
    park = await signedIn('park@greentable.demo');
    const reported = [];
    for (const [period, value] of HISTORY) {
      reported.push(
        await api<{ id: string }>(park, '/observations', { method: 'POST', body: { indicatorId: CODE, scopeType: 'park', parkId: sip.id, period, value } }),
      );
    }
    facilitator = await signedIn('facilitator@greentable.demo');
    for (const { id } of reported) await api(facilitator, `/observations/${id}/verify`, { method: 'POST' });
    await api(facilitator, '/observations', { method: 'POST', body: { indicatorId: CODE, scopeType: 'park', parkId: other.id, period: MONTH, value: 64 } });
  });

  it('the park officer imports a spreadsheet where the month jumps tenfold: the row report warns and the value goes in flagged', async () => {
    await park
      .getByRole('navigation', { name: en('shell.primaryNavigation') })
      .getByRole('link', { name: en('nav.indicators') })
      .click();
    await park
      .getByRole('navigation', { name: en('indicatorNav.label') })
      .getByRole('link', { name: en('indicatorNav.import') })
      .click();
    await park.getByLabel(en('import.format')).selectOption({ label: en('import.formats.xlsx') });
    await park.getByLabel(en('import.file'), { exact: true }).setInputFiles({
      name: 'sip-month.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(),
    });
    await park.getByRole('button', { name: en('import.upload') }).click();
    await park.getByRole('heading', { name: en('import.acceptedTitle') }).waitFor();
    await park.getByText(en('import.acceptedText', { count: 1, file: 'sip-month.xlsx' })).waitFor();
    const warnings = park.getByRole('table', { name: en('import.warningsTitle', { count: 1 }) });
    const cells = await warnings.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['2', 'value', String(JUMP), en('import.warningRules.history')]);
    // The expected range is around the months before, far below the value.
    const [low, high] = cells[4].split('–').map((s) => Number(s.trim()));
    expect(low).toBeLessThan(120);
    expect(high).toBeGreaterThan(120);
    expect(high).toBeLessThan(JUMP);
  });

  it('the facilitator confirms the flagged value with a comment on the follow-up list, then verifies it', async () => {
    await facilitator.goto('/indicators');
    await facilitator
      .getByRole('navigation', { name: en('indicatorNav.label') })
      .getByRole('link', { name: en('indicatorNav.followUp') })
      .click();
    // The page's own code comes in a chunk of its own: until it is in, the catalogue (with a row of the same code) stays.
    await facilitator.getByRole('heading', { name: en('followUp.title') }).waitFor({ timeout: 30_000 });
    await waitForContent(facilitator);
    const row = facilitator.getByRole('row').filter({ has: facilitator.getByRole('rowheader', { name: CODE }) });
    await row.waitFor();
    expect(await row.textContent()).toContain(en('import.warningRules.history'));
    // The months before are beside it.
    expect(await row.textContent()).toContain(monthName('en', monthsAgo(3)));
    observationPath = (await row.getByRole('link', { name: CODE }).getAttribute('href'))!;
    const what = `${CODE} ${monthName('en', MONTH)}`;
    const form = row.getByRole('form', { name: en('followUp.formFor', { what }) });
    await form.getByLabel(en('followUp.comment')).fill('Checked with the park: a new battery plant hired 1,100 people that month.');
    await form.getByRole('button', { name: en('followUp.confirm') }).click();
    await facilitator
      .getByRole('status')
      .filter({ hasText: en('followUp.confirmed', { what }) })
      .waitFor();
    await row.waitFor({ state: 'detached' });

    await facilitator.goto(observationPath);
    await waitForContent(facilitator);
    await facilitator.getByRole('button', { name: en('verification.verifyNamed', { what }) }).click();
    await facilitator
      .getByRole('status')
      .filter({ hasText: en('verification.verified', { what }) })
      .waitFor();
  });

  it('the park submits the month; the city and then the province approve it, which locks it', async () => {
    const month = { en: monthName('en', MONTH), zh: monthName('zh-CN', MONTH) };
    await park.goto(`/parks/${sip.id}`);
    await waitForContent(park);
    const submit = park.getByRole('form', { name: en('approvals.submitTitle') });
    await submit.getByLabel(en('approvals.period')).fill(MONTH);
    await submit.getByRole('button', { name: en('approvals.submit') }).click();
    await park
      .getByRole('status')
      .filter({ hasText: en('approvals.submitted', { period: month.en }) })
      .waitFor();

    const approve = async (email: string, level: 'city' | 'province', done: string) => {
      const approver = await signedIn(email, 'zh-CN');
      await approver.goto(`/parks/${sip.id}`);
      await waitForContent(approver);
      await approver.getByRole('button', { name: zh(`approvals.approveAs.${level}`, { period: month.zh }) }).click();
      await approver
        .getByRole('status')
        .filter({ hasText: zh(done, { period: month.zh }) })
        .waitFor();
      await approver.context().close();
    };
    // The province may not go first: it sees the month await the city, with no button to approve it.
    const early = await signedIn('government@greentable.demo', 'zh-CN');
    await early.goto(`/parks/${sip.id}`);
    await waitForContent(early);
    const waiting = early.getByRole('row').filter({ has: early.getByRole('rowheader', { name: month.zh }) });
    await waiting.getByText(zh('approvals.awaiting.city')).waitFor();
    expect(await waiting.getByRole('button').count()).toBe(0);
    // The park's page, approvals included, speaks Chinese to a Chinese reader.
    expect((await untranslated(early)).english).toEqual([]);
    await early.context().close();

    await approve('xu.ming@greentable.demo', 'city', 'approvals.approved');
    await approve('government@greentable.demo', 'province', 'approvals.approvedLocked');
    await park.reload();
    await waitForContent(park);
    const row = park.getByRole('row').filter({ has: park.getByRole('rowheader', { name: month.en }) });
    await row.getByText(en('approvals.stateName.locked')).waitFor();
  });

  it('a late correction of the month is refused: the message names the lock', async () => {
    await park.goto(observationPath);
    await waitForContent(park);
    const form = park.getByRole('region', { name: en('observation.correctTitle') });
    await form.getByLabel(en('indicators.value')).fill('1190');
    await form.getByRole('button', { name: en('observation.correctSubmit') }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: en('errors.periodLocked', { period: MONTH }) })
      .waitFor();
    // Nothing changed: the value is still the one approved.
    await park.reload();
    await waitForContent(park);
    expect(await park.locator('.version-list > li').count()).toBe(1);
  });

  it("the province's completeness matrix shows the parks that reported the month late, and the verified series downloads as SDMX-CSV", async () => {
    await facilitator.goto(`/indicators/${encodeURIComponent(CODE)}`);
    await waitForContent(facilitator);
    await Promise.all([facilitator.waitForURL(/\/completeness$/), facilitator.getByRole('link', { name: en('completeness.link') }).click()]);
    await waitForContent(facilitator);
    // The page's own code comes in a chunk of its own: on a busy machine it may take a moment.
    await facilitator.getByLabel(en('completeness.province')).selectOption(PROVINCE, { timeout: 30_000 });
    await facilitator.waitForURL(/province=Jiangsu$/);
    await waitForContent(facilitator);
    const matrix = facilitator.getByRole('table', { name: en('completeness.matrixCaption') });
    const monthColumn = (await matrix.locator('thead th').allTextContents()).indexOf(monthName('en', MONTH));
    expect(monthColumn).toBeGreaterThan(0);
    const monthOf = async (name: string) => {
      const row = matrix.getByRole('row').filter({ has: facilitator.getByRole('rowheader', { name }) });
      return row
        .locator('td')
        .nth(monthColumn - 1)
        .getAttribute('data-status');
    };
    await matrix.getByRole('rowheader', { name: PARK }).waitFor();
    // Both reported the month after its due day (10 days after it ended): late; the other Jiangsu parks did not report it.
    expect(await monthOf(PARK)).toBe('late');
    expect(await monthOf(other.name.en!)).toBe('late');
    const statuses = await matrix
      .locator('tbody tr')
      .evaluateAll((rows, i) => rows.map((r) => r.querySelectorAll('td')[i]?.getAttribute('data-status')), monthColumn - 1);
    expect(statuses.filter((s) => s === 'late')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'missing').length).toBe(statuses.length - 2);
    expect(
      await matrix
        .getByRole('row')
        .filter({ hasText: PARK })
        .locator('td')
        .nth(monthColumn - 1)
        .textContent(),
    ).toContain(en('completeness.cell.late'));

    await facilitator.goto(`/indicators/${encodeURIComponent(CODE)}`);
    await waitForContent(facilitator);
    const { download, text } = await downloaded(facilitator, () => facilitator.getByRole('button', { name: en('indicator.downloadSdmx') }).click());
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE');
    const ours = lines.slice(1).map((line) => line.split(','));
    // The verified values of the park, the month included; the other park's value awaits verification and stays out.
    expect(ours.map((cells) => [cells[3], cells[4], cells[6], Number(cells[7])])).toEqual(
      [...HISTORY, [MONTH, JUMP] as [string, number]].map(([period, value]) => [
        sip.code,
        CODE,
        expect.stringMatching(new RegExp(`^${period.slice(0, 4)}-M?${period.slice(5)}$`)),
        value,
      ]),
    );
  });

  it('a Chinese facilitator reads the follow-up list, the indicator page and the completeness matrix in Chinese', async () => {
    const ministry = await signedIn('ministry@greentable.demo', 'zh-CN');
    for (const path of [
      '/indicators/follow-up',
      `/indicators/${encodeURIComponent(CODE)}`,
      `/indicators/${encodeURIComponent(CODE)}/completeness?province=${PROVINCE}`,
    ]) {
      await ministry.goto(path);
      await waitForContent(ministry);
      expect({ path, english: (await untranslated(ministry)).english }).toEqual({ path, english: [] });
    }
    await ministry
      .getByRole('table', { name: zh('completeness.matrixCaption') })
      .getByRole('cell', { name: zh('completeness.cell.late') })
      .first()
      .waitFor();
    await ministry.context().close();
  });
});
