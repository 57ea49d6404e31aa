import type { Locator, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { apiCall, APP_URL, newContext, pageLocale, sessionAccessToken, signIn, t, tokenOf, waitForContent } from './support/browser';

/** The desk, search and the phone's navigation, as a union representative meets them. */

const PHONE = { width: 390, height: 844 };

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await fetch(`${APP_URL}/api${path}`, { headers: { Authorization: `Bearer ${await sessionAccessToken(page)}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Posts a message as the token's owner, over the socket as the web client does. */
async function post(token: string, channelId: string, body: string): Promise<void> {
  const socket = io(APP_URL, { auth: { token }, transports: ['websocket'] });
  try {
    const ack = (await socket.timeout(10_000).emitWithAck('message:send', { channelId, clientMessageId: `desk-${Date.now()}-${Math.random()}`, body })) as {
      ok: boolean;
    };
    expect(ack).toMatchObject({ ok: true });
  } finally {
    socket.disconnect();
  }
}

/** The desk's section of that heading (its heading names it, then counts it). */
const deskSection = (page: Page, locale: 'en' | 'zh-CN', key: string): Locator =>
  page.locator('section.desk-card').filter({ has: page.getByRole('heading', { level: 2, name: t(locale, key) }) });

/** Nothing wider than a phone: the page never scrolls sideways. */
async function fitsPhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** A commitment of the demo roadmap led by the employers, which the union supports: its position is awaited from the union. */
async function awaitedCommitment(stamp: string): Promise<{ id: string; title: { en: string; zh: string } }> {
  const facilitator = await tokenOf('facilitator@greentable.demo');
  const [union, employer] = await Promise.all(
    ['union@greentable.demo', 'employer@greentable.demo'].map(async (email) =>
      apiCall<{ organization: { id: string } }>('GET', '/auth/me', await tokenOf(email)),
    ),
  );
  const roadmaps = await apiCall<{ items: { id: string; title: { en: string } }[] }>('GET', '/roadmaps', facilitator);
  const roadmap = roadmaps.items.find((r) => r.title.en.startsWith('Roadmap for supporting green jobs in Jiangsu'))!;
  const title = { en: `Heat-stress breaks for recycling workers ${stamp}`, zh: `回收工人高温休息制度 ${stamp}` };
  const item = await apiCall<{ id: string }>('POST', '/action-items', facilitator, {
    roadmapId: roadmap.id,
    title,
    leadOrganizationId: employer.organization.id,
    supportingOrganizationIds: [union.organization.id],
    // Due soonest of what awaits the union, so the desk lists it first.
    dueDate: '2020-01-15',
    policyArea: 'occupational_safety_health',
  });
  return { id: item.id, title };
}

describe('desk, search and phone navigation', () => {
  it('at 390 px every navigation item is on screen and reachable', async () => {
    const page = await (await newContext({ viewport: PHONE })).newPage();
    await signIn(page, 'union@greentable.demo');
    const zh = await pageLocale(page);
    const nav = page.getByRole('navigation', { name: t(zh, 'shell.primaryNavigation') });
    const links = nav.getByRole('link');
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < count; i++) {
      const box = (await links.nth(i).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await nav.getByRole('link', { name: t(zh, 'nav.search') }).click();
    await page.getByRole('heading', { level: 1, name: t(zh, 'search.title') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('the desk shows my channels and meetings; a message is found through search and opened in its discussion', async () => {
    const page = await (await newContext()).newPage();
    await signIn(page, 'union@greentable.demo');
    const zh = await pageLocale(page);
    await page.getByRole('heading', { name: t(zh, 'desk.unreadHeading') }).waitFor();
    await page.getByRole('heading', { name: t(zh, 'desk.meetingsHeading') }).waitFor();

    const roundtables = await api<{ items: { id: string; myRole: string | null }[] }>(page, '/roundtables?limit=50');
    const mine = roundtables.items.find((r) => r.myRole === 'participant' || r.myRole === 'facilitator')!;
    await page.goto(`${APP_URL}/roundtables/${mine.id}?tab=discussion`);
    const word = `kestrel${Date.now().toString(36)}`;
    const box = page.getByRole('textbox', { name: t(zh, 'discussion.writeLabel') });
    await box.fill(`Safety training schedule ${word} 安全培训`);
    await page.getByRole('button', { name: t(zh, 'discussion.send'), exact: true }).click();
    await page
      .getByRole('article')
      .filter({ hasText: word })
      .getByRole('button', { name: t(zh, 'discussion.reply') })
      .waitFor();

    await page.goto(`${APP_URL}/search`);
    await page.getByRole('searchbox', { name: t(zh, 'search.query') }).fill(word);
    const hit = page.getByRole('listitem').filter({ hasText: word });
    await hit.waitFor();
    expect(await hit.locator('mark').first().textContent()).toContain(word);
    await hit.getByRole('link').click();
    await waitForContent(page);
    expect(page.url()).toContain(`/roundtables/${mine.id}?tab=discussion&seq=`);
    const target = page.locator('article.message--target');
    await target.waitFor();
    expect(await target.textContent()).toContain(word);
  });

  it('per role the desk shows its items and each line opens the thing', async () => {
    const stamp = Date.now().toString(36);
    const commitment = await awaitedCommitment(stamp);

    // A union member: the position awaited from their organization, and its overdue commitments.
    const union = await (await newContext()).newPage();
    await signIn(union, 'union@greentable.demo');
    const zh = await pageLocale(union);
    const positions = deskSection(union, zh, 'desk.positionsHeading');
    await positions.getByRole('link', { name: commitment.title[zh === 'zh-CN' ? 'zh' : 'en'] }).click();
    await union.getByRole('heading', { level: 1, name: commitment.title[zh === 'zh-CN' ? 'zh' : 'en'] }).waitFor();
    expect(new URL(union.url()).pathname).toBe(`/action-items/${commitment.id}`);
    await union.goto('/');
    const overdue = deskSection(union, zh, 'desk.overdueHeading');
    const firstOverdue = overdue.getByRole('link').first();
    const overdueTitle = (await firstOverdue.textContent())!.trim();
    await firstOverdue.click();
    await union.getByRole('heading', { level: 1, name: overdueTitle }).waitFor();
    expect(union.url()).toContain('/action-items/');
    expect(await union.getByText(t(zh, 'actionItem.overdue'), { exact: true }).count()).toBeGreaterThan(0);

    // A park officer: their park's reports due, and a value sent back to correct.
    const admin = await tokenOf('admin@greentable.demo');
    const facilitator = await tokenOf('facilitator@greentable.demo');
    const parkOfficer = await tokenOf('park@greentable.demo');
    const code = `DESK.SENT_BACK_${stamp.toUpperCase()}`;
    await apiCall('POST', '/indicators', admin, {
      code,
      category: 'eip_social',
      dimension: 'community',
      name: { en: `Desk check ${stamp}`, zh: `工作台检查 ${stamp}` },
      unit: 'count',
      direction: 'higher',
      aggregation: 'sum',
    });
    const parks = await apiCall<{ items: { id: string; name: { en: string } }[] }>(
      'GET',
      `/parks?q=${encodeURIComponent('Suzhou Industrial Park')}`,
      parkOfficer,
    );
    const sip = parks.items.find((p) => p.name.en === 'Suzhou Industrial Park')!;
    const reported = await apiCall<{ id: string }>('POST', '/observations', parkOfficer, {
      indicatorId: code,
      scopeType: 'park',
      parkId: sip.id,
      period: '2025',
      value: 40,
    });
    await apiCall('POST', `/observations/${reported.id}/reject`, facilitator, { reason: `Counts contractors twice ${stamp}` });
    const stillDue = await apiCall<{ id: string }>('POST', '/observations', parkOfficer, {
      indicatorId: code,
      scopeType: 'park',
      parkId: sip.id,
      period: '2024',
      value: 41,
    });

    const park = await (await newContext()).newPage();
    await signIn(park, 'park@greentable.demo');
    const parkLocale = await pageLocale(park);
    const correct = deskSection(park, parkLocale, 'desk.correctHeading');
    await correct.getByText(`Counts contractors twice ${stamp}`).waitFor();
    await correct.getByRole('link', { name: code }).click();
    await park.waitForURL(`**/observations/${reported.id}`);
    await waitForContent(park);
    await park.getByRole('heading', { name: t(parkLocale, 'observation.correctTitle') }).waitFor();
    await park.goto('/');
    const reports = deskSection(park, parkLocale, 'desk.reportsHeading');
    const firstReport = reports.getByRole('link').first();
    const reportCode = (await firstReport.locator('code').textContent())!.trim();
    await firstReport.click();
    await park.getByRole('heading', { name: t(parkLocale, 'observation.reportTitle') }).waitFor();
    expect(park.url()).toContain('/indicators/report?indicator=');
    expect(park.url()).toContain(`scope=${sip.id}`);
    expect(await park.getByRole('main').textContent()).toContain(reportCode);

    // A facilitator: values waiting for verification, each opening the value with its verify buttons.
    const verifier = await (await newContext()).newPage();
    await signIn(verifier, 'ministry@greentable.demo');
    const verifierLocale = await pageLocale(verifier);
    const toVerify = deskSection(verifier, verifierLocale, 'desk.verifyHeading');
    const firstValue = toVerify.getByRole('link').first();
    const href = (await firstValue.getAttribute('href'))!;
    expect(href).toMatch(/^\/observations\//);
    await firstValue.click();
    await verifier.waitForURL(`**${href}`);
    // Its verify button (named after the value, e.g. "Verify GJ.TRAINED 2025").
    await verifier
      .locator('main .button-row button')
      .filter({ hasText: t(verifierLocale, 'verification.verify') })
      .first()
      .waitFor();
    await apiCall('POST', `/observations/${stillDue.id}/verify`, facilitator);
  });

  it('issue 18, done: on a phone in Chinese the union representative sees what awaits, reads, searches and states the position', async () => {
    const stamp = Date.now().toString(36);
    const commitment = await awaitedCommitment(stamp);
    const employer = await tokenOf('employer@greentable.demo');
    const facilitator = await tokenOf('facilitator@greentable.demo');
    // The employers state their position in English; a facilitator translates it into Chinese.
    const statement = `Small recyclers need two summers to adapt their sites (${stamp}).`;
    const translated = `小型回收企业需要两个夏季来改造场地（${stamp}）。`;
    const detail = await apiCall<{ positions: { id: string; statement: string }[] }>('POST', `/action-items/${commitment.id}/positions`, employer, {
      stance: 'support_with_reservations',
      statement,
    });
    await apiCall('PUT', '/translations', facilitator, {
      kind: 'position',
      targetId: detail.positions.find((p) => p.statement === statement)!.id,
      lang: 'zh',
      text: translated,
    });
    const translator = await apiCall<{ displayName: string; nameZh?: string | null }>('GET', '/auth/me', facilitator);
    // Two channels of the union's have news: the commitment's discussion and the lobby.
    const channelOf = async (kind: string, refId?: string) =>
      (await apiCall<{ items: { id: string }[] }>('GET', `/channels?kind=${kind}${refId ? `&refId=${refId}` : ''}`, employer)).items[0].id;
    const news = `高温季节必须保证休息时间 ${stamp}`;
    await post(employer, await channelOf('action_item', commitment.id), news);
    await post(employer, await channelOf('lobby'), `Lobby news ${stamp}`);

    const page = await (await newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
    await signIn(page, 'union@greentable.demo');
    const zh = await pageLocale(page);
    expect(zh).toBe('zh-CN');

    // The desk: a position is awaited, and channels have unread messages.
    const positions = deskSection(page, zh, 'desk.positionsHeading');
    await positions.getByRole('link', { name: commitment.title.zh }).waitFor();
    const unread = deskSection(page, zh, 'desk.unreadHeading');
    await unread.getByRole('listitem').first().waitFor();
    expect(await unread.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    await unread.getByRole('link', { name: t(zh, 'search.channel.lobby') }).waitFor();
    await fitsPhone(page);

    // Jumps to the first unread message of the commitment's discussion.
    await unread.getByRole('link', { name: commitment.title.zh }).click();
    const target = page.locator('article.message--target');
    await target.waitFor();
    expect(await target.textContent()).toContain(news);
    expect(page.url()).toContain(`/action-items/${commitment.id}?tab=discussion&seq=`);
    await fitsPhone(page);

    // Reads the employers' statement in Chinese, translated by the facilitator.
    await page.goto(`/action-items/${commitment.id}`);
    await waitForContent(page);
    const shown = page.locator('.position-statement').filter({ hasText: translated });
    await shown.waitFor();
    expect(await shown.textContent()).toContain(t(zh, 'translations.translatedBy', { name: translator.nameZh ?? translator.displayName }));
    expect(await shown.textContent()).not.toContain(statement);
    await fitsPhone(page);

    // Searches for 安全 and finds last year's decision.
    await page
      .getByRole('navigation', { name: t(zh, 'shell.primaryNavigation') })
      .getByRole('link', { name: t(zh, 'nav.search') })
      .click();
    await page.getByRole('searchbox', { name: t(zh, 'search.query') }).fill('安全');
    const decision = page.getByRole('listitem').filter({ hasText: '2025年路线图年度三方审查会议' });
    await decision.waitFor();
    expect(await decision.textContent()).toContain(t(zh, 'search.fields.decision'));
    await fitsPhone(page);
    await decision.getByRole('link').click();
    await page.getByText('回收场所安全标准分两年逐步实施').waitFor();
    expect(page.url()).toContain('tab=decisions');
    await fitsPhone(page);

    // States the position: back on the desk, the commitment no longer awaits it.
    await page.goto('/');
    await deskSection(page, zh, 'desk.positionsHeading').getByRole('link', { name: commitment.title.zh }).click();
    await page.getByRole('heading', { level: 1, name: commitment.title.zh }).waitFor();
    const form = page.locator('form.state-position');
    await form.getByLabel(t(zh, 'stance.support'), { exact: true }).check();
    await form.getByLabel(t(zh, 'positions.statement')).fill(`工会支持，高温季节必须保证休息 ${stamp}`);
    await fitsPhone(page);
    await form.getByRole('button', { name: t(zh, 'positions.submit') }).click();
    await page
      .locator('.position-statement')
      .filter({ hasText: `工会支持，高温季节必须保证休息 ${stamp}` })
      .waitFor();
    await fitsPhone(page);
    await page.goto('/');
    await deskSection(page, zh, 'desk.meetingsHeading').waitFor();
    expect(await deskSection(page, zh, 'desk.positionsHeading').getByRole('link', { name: commitment.title.zh }).count()).toBe(0);
    await fitsPhone(page);
  });
});
