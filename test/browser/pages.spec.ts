import { gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { APP_URL, checkAxe, newContext, pageLocale, screenshot, sessionAccessToken, signIn, t, waitForContent } from './support/browser';

/**
 * The client's quality for every role: axe-core on every main page, the phone-sized discussion, commitment and
 * dashboard, the keyboard alone, and the weight of what a browser downloads first. Screenshots of every page land in
 * test-results/screenshots/pages-*.png and phone-*.png.
 */

const en = (key: string, values?: Record<string, string | number>) => t('en', key, values);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const INITIAL_JS_LIMIT_KB = 300;
/** Its page's h1 reads "DW.INJURY_NONFATAL · Non-fatal occupational injuries per 100 000 workers". */
const INDICATOR = /Non-fatal occupational injuries per 100 000 workers$/;

interface Found {
  id: string;
  /** The English name or title. */
  name: string;
}

interface Demo {
  roundtable: Found;
  workingGroup: Found;
  roadmap: Found;
  commitment: Found;
  park: Found;
}

/** Calls the API with the session of the signed-in page (its refresh cookie gives an access token). */
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

type Named = { id: string; title?: { en?: string }; name?: { en?: string } };
const find = (items: Named[], text: string): Found => {
  const found = items.find((item) => (item.title ?? item.name)?.en?.includes(text));
  if (!found) throw new Error(`nothing named like "${text}"`);
  return { id: found.id, name: (found.title ?? found.name)!.en! };
};

let demoIds: Demo | undefined;

/** The demo world's Suzhou round table, working group, roadmap, contested commitment and Suzhou Industrial Park. */
async function demo(page: Page): Promise<Demo> {
  if (demoIds) return demoIds;
  const list = (path: string) => api<{ items: Named[] }>(page, path).then((r) => r.items);
  const [roundtables, groups, roadmaps, items, parks] = await Promise.all([
    list('/roundtables?limit=50'),
    list('/working-groups'),
    list('/roadmaps'),
    list('/action-items?limit=100'),
    list('/parks?limit=100'),
  ]);
  return (demoIds = {
    roundtable: find(roundtables, 'Green Jobs in Eco-Industrial Parks (Suzhou)'),
    workingGroup: find(groups, 'Jiangsu Working Group on Green Jobs'),
    roadmap: find(roadmaps, 'Roadmap for supporting green jobs in Jiangsu'),
    commitment: find(items, 'Safety standards for recycling and remanufacturing workers'),
    park: find(parks, 'Suzhou Industrial Park'),
  });
}

/** Presses Tab until `target` has the focus, as a keyboard user would; fails when it is not reachable. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.and(page.locator(':focus')).count()) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${String(target)} was not reached with ${limit} presses of Tab`);
}

/** Waits until `target` has the keyboard focus (some moves of the focus wait for the next frame). */
const hasFocus = (target: Locator) => target.and(target.page().locator(':focus')).waitFor();

/** The focused element shows a focus ring of at least 2 px that is not transparent. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return { element: element.outerHTML.slice(0, 80), style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
  });
  expect(ring).toMatchObject({ style: 'solid' });
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(ring.color).not.toMatch(/rgba\(.*, 0\)|transparent/);
}

/** What tells one page from the one before: its h1, or the current one of its tabs. */
type Shows = (page: Page) => Locator;
const heading =
  (name: string | RegExp): Shows =>
  (page) =>
    page.getByRole('heading', { level: 1, name, exact: true });
const currentTab =
  (name: string): Shows =>
  (page) =>
    page
      .getByRole('main')
      .getByRole('link', { name: new RegExp(`^${name}`) })
      .and(page.locator('[aria-current="page"]'));

/**
 * Opens a page of the app the way its links do, without reloading the app, and waits until it shows `shows` and
 * has finished loading (until then the previous page stays on screen).
 */
async function visit(page: Page, path: string, shows: Shows): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await shows(page).waitFor();
  await waitForContent(page);
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Runs axe-core and keeps its report instead of stopping at the first page with violations. */
async function axeReport(page: Page, label: string, failures: string[]): Promise<void> {
  await checkAxe(page, label).catch((error: Error) => failures.push(error.message));
}

describe('pages: accessibility, small screens, keyboard and weight', () => {
  it(`downloads at most ${INITIAL_JS_LIMIT_KB} KB of JavaScript (gzipped) before the first page; the chart, and what only the other pages share, come with those pages`, async () => {
    const page = await (await newContext()).newPage();
    const scripts: string[] = [];
    const sizes: Promise<number>[] = [];
    // Only the first page's scripts are weighed (a body is gone once the page has navigated away); later ones are named.
    let weighing = true;
    page.on('response', (response) => {
      // Scripts, and the modules the client preloads before it imports them.
      if (!response.url().endsWith('.js') || response.status() !== 200) return;
      scripts.push(new URL(response.url()).pathname);
      if (weighing) sizes.push(response.body().then((body) => gzipSync(body, { level: 9 }).length / 1024));
    });
    const loaded = (pattern: RegExp) => scripts.some((url) => pattern.test(url));

    await page.goto('/signin');
    await page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
    await page.waitForLoadState('networkidle');
    weighing = false;
    const initialKb = (await Promise.all(sizes)).reduce((sum, kb) => sum + kb, 0);
    console.log(`Initial JavaScript: ${initialKb.toFixed(1)} KB gzipped in ${sizes.length} files`);
    expect(initialKb).toBeGreaterThan(50);
    expect(initialKb).toBeLessThanOrEqual(INITIAL_JS_LIMIT_KB);
    // The discussion, the documents and the other pieces only the lazy pages share are in the `shared` chunk.
    const shared = /\/shared-[\w-]+\.js$/;
    expect(loaded(/IndicatorPage|realtime/)).toBe(false);
    expect(loaded(shared)).toBe(false);

    // The home page is in the app's own scripts, with the frame.
    await signIn(page, 'facilitator@greentable.demo');
    await page.waitForLoadState('networkidle');
    expect(loaded(/IndicatorPage/)).toBe(false);
    expect(loaded(shared)).toBe(false);
    await visit(page, '/indicators/DW.INJURY_NONFATAL', heading(INDICATOR));
    await page.waitForLoadState('networkidle');
    expect(loaded(/IndicatorPage/)).toBe(true);
    expect(loaded(shared)).toBe(true);
  });

  it("opens a roundtable without its other tabs' scripts, and fetches a tab's as soon as the reader points at it", async () => {
    const page = await (await newContext({ viewport: DESKTOP })).newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js') && response.status() === 200) scripts.push(new URL(response.url()).pathname);
    });
    const loaded = (pattern: RegExp) => scripts.some((url) => pattern.test(url));
    await page.goto('/signin');
    await signIn(page, 'facilitator@greentable.demo');
    const { roundtable } = await demo(page);
    await page.goto(`/roundtables/${roundtable.id}`);
    await currentTab(en('roundtables.tab.overview'))(page).waitFor();
    await page.waitForLoadState('networkidle');
    // The overview's own script came; the tabs', the discussion's and the forms' date library did not.
    expect(loaded(/\/RoundtablePage-[\w-]+\.js$/)).toBe(true);
    expect(loaded(/\/(AgendaSection|DecisionsSection|VotesSection|SpeakerQueueSection|DiscussionPanel|dates)-[\w-]+\.js$/)).toBe(false);

    const votesTab = page.getByRole('main').getByRole('link', { name: new RegExp(`^${en('roundtables.tab.votes')}`) });
    const votesScript = page.waitForResponse((response) => /\/VotesSection-[\w-]+\.js$/.test(response.url()));
    await votesTab.hover();
    await votesScript;
    expect(await votesTab.getAttribute('aria-current')).toBeNull();
    await votesTab.click();
    await page.getByRole('heading', { name: en('votes.title') }).waitFor();
    expect(loaded(/\/DiscussionPanel-[\w-]+\.js$/)).toBe(false);
  });

  it('every main page, for the facilitator and the admin, has no serious or critical axe-core violation', async () => {
    const failures: string[] = [];
    const page = await (await newContext({ viewport: DESKTOP })).newPage();
    await page.goto('/signin');
    await page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
    await axeReport(page, 'sign-in', failures);
    await screenshot(page, 'pages-signin');

    await signIn(page, 'facilitator@greentable.demo');
    const { roundtable, workingGroup, roadmap, commitment, park } = await demo(page);
    const me = await api<{ displayName: string }>(page, '/auth/me');
    const pages: [string, string, Shows][] = [
      ['home', '/', heading(en('home.title', { name: me.displayName }))],
      ['roundtables', '/roundtables', heading(en('roundtables.title'))],
      ['roundtable', `/roundtables/${roundtable.id}`, currentTab(en('roundtables.tab.overview'))],
      ['roundtable-decisions', `/roundtables/${roundtable.id}?tab=decisions`, currentTab(en('roundtables.tab.decisions'))],
      ['roundtable-discussion', `/roundtables/${roundtable.id}?tab=discussion`, currentTab(en('roundtables.tab.discussion'))],
      ['working-groups', '/working-groups', heading(en('workingGroups.title'))],
      ['working-group', `/working-groups/${workingGroup.id}`, heading(workingGroup.name)],
      ['roadmap-board', `/roadmaps/${roadmap.id}`, currentTab(en('roadmaps.tab.board'))],
      ['roadmap-table', `/roadmaps/${roadmap.id}/table`, currentTab(en('roadmaps.tab.table'))],
      ['roadmap-dashboard', `/roadmaps/${roadmap.id}/dashboard`, currentTab(en('roadmaps.tab.dashboard'))],
      ['commitment', `/action-items/${commitment.id}`, currentTab(en('actionItem.tab.overview'))],
      ['commitment-discussion', `/action-items/${commitment.id}?tab=discussion`, currentTab(en('actionItem.tab.discussion'))],
      ['indicators', '/indicators', currentTab(en('indicatorNav.catalogue'))],
      ['indicator-chart', '/indicators/DW.INJURY_NONFATAL?scopeType=park', heading(INDICATOR)],
      ['import', '/indicators/import', currentTab(en('indicatorNav.import'))],
      ['verification', '/indicators/verification', currentTab(en('indicatorNav.verification'))],
      ['park', `/parks/${park.id}`, heading(park.name)],
      ['discussions', '/discussions', heading(en('lobby.title'))],
      ['directory', '/directory', heading(en('directory.title'))],
      ['invitations', '/invitations', heading(en('invitations.title'))],
    ];
    for (const [name, path, shows] of pages) {
      await visit(page, path, shows);
      const width = await overflow(page);
      if (width > DESKTOP.width) failures.push(`${name}: the page is ${width} px wide in a ${DESKTOP.width} px window`);
      await axeReport(page, name, failures);
      await screenshot(page, `pages-${name}`);
    }
    // The notification panel and the account menu, open.
    await page.getByRole('button', { name: new RegExp(`^${en('notifications.button')}`) }).click();
    await page.getByRole('region', { name: en('notifications.title') }).waitFor();
    await axeReport(page, 'notifications', failures);
    await screenshot(page, 'pages-notifications');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: en('userMenu.open', { name: me.displayName }) }).click();
    await page.getByRole('button', { name: en('userMenu.signOut') }).waitFor();
    await axeReport(page, 'account menu', failures);
    await page.keyboard.press('Escape');

    const admin = await (await newContext({ viewport: DESKTOP })).newPage();
    await signIn(admin, 'admin@greentable.demo');
    for (const section of ['organizations', 'users', 'parks', 'activity']) {
      await visit(admin, `/admin/${section}`, heading(en(`${section}.title`)));
      await axeReport(admin, `admin ${section}`, failures);
      await screenshot(admin, `pages-admin-${section}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('at 390 px the discussion, the commitment and the dashboard fit the screen, pass axe-core, and a message is posted from the phone', async () => {
    const failures: string[] = [];
    const page = await (await newContext({ viewport: PHONE })).newPage();
    await signIn(page, 'union@greentable.demo');
    const zh = await pageLocale(page);
    const { roundtable, roadmap, commitment } = await demo(page);

    await visit(page, `/roundtables/${roundtable.id}?tab=discussion`, currentTab(t(zh, 'roundtables.tab.discussion')));
    const box = page.getByRole('textbox', { name: t(zh, 'discussion.writeLabel') });
    const send = page.getByRole('button', { name: t(zh, 'discussion.send'), exact: true });
    const body = `Phone check ${Date.now()}: 手机上也能参与讨论。`;
    await box.fill(body);
    await send.click();
    const posted = page.getByRole('article').filter({ hasText: body });
    await posted.getByRole('button', { name: t(zh, 'discussion.reply') }).waitFor();
    await expect(box.inputValue()).resolves.toBe('');
    // The list follows it to the end: the message shows whole, down to its Reply button.
    const list = (await page.getByLabel(t(zh, 'discussion.messagesLabel'), { exact: true }).boundingBox())!;
    const reply = (await posted.getByRole('button', { name: t(zh, 'discussion.reply') }).boundingBox())!;
    expect(reply.y + reply.height).toBeLessThanOrEqual(list.y + list.height);
    const channel = (await api<{ items: { id: string }[] }>(page, `/channels?kind=roundtable&refId=${roundtable.id}`)).items[0];
    const stored = await api<{ items: { body: string }[] }>(page, `/channels/${channel.id}/messages?limit=50`);
    expect(stored.items.map((m) => m.body)).toContain(body);
    for (const control of [box, send]) {
      const { x, width } = (await control.boundingBox())!;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x + width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
    await axeReport(page, 'phone discussion', failures);
    await screenshot(page, 'phone-discussion');

    await visit(page, `/action-items/${commitment.id}`, currentTab(t(zh, 'actionItem.tab.overview')));
    const positions = page.getByRole('region', { name: t(zh, 'positions.title') });
    await positions.getByRole('button', { name: new RegExp(`^(${t(zh, 'positions.submit')}|${t(zh, 'positions.update')})$`) }).scrollIntoViewIfNeeded();
    expect(await positions.getByRole('radio').count()).toBe(4);
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
    await axeReport(page, 'phone commitment', failures);
    await screenshot(page, 'phone-commitment');

    await visit(page, `/roadmaps/${roadmap.id}/dashboard`, currentTab(t(zh, 'roadmaps.tab.dashboard')));
    await page.getByRole('region', { name: t(zh, 'dashboard.summary') }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
    await axeReport(page, 'phone dashboard', failures);
    await screenshot(page, 'phone-dashboard');

    await visit(page, `/roadmaps/${roadmap.id}`, currentTab(t(zh, 'roadmaps.tab.board')));
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-board');
    expect(failures).toEqual([]);
  });

  it('works with the keyboard alone: sign in, skip to the content, send with Enter, move a commitment on the board through its menu and dialog, open and close the notifications', async () => {
    const page = await (await newContext()).newPage();
    await page.goto('/signin');
    const email = page.getByLabel(en('signIn.email'));
    await tabTo(page, email);
    await expectVisibleFocus(page);
    await page.keyboard.type('facilitator@greentable.demo');
    await page.keyboard.press('Tab');
    await page.keyboard.type('greentable-demo');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: en('shell.primaryNavigation') }).waitFor();
    await waitForContent(page);

    // The first Tab offers the skip link; Enter puts the reader in the page's content.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: en('shell.skipToContent') });
    await hasFocus(skip);
    await expectVisibleFocus(page);
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await hasFocus(page.getByRole('main'));

    // The lobby: Enter sends, the box empties and keeps the focus for the next message.
    await visit(page, '/discussions', heading(en('lobby.title')));
    const box = page.getByRole('textbox', { name: en('discussion.writeLabel') });
    await tabTo(page, box);
    await expectVisibleFocus(page);
    const body = `Keyboard check ${Date.now()}`;
    await page.keyboard.type(body);
    await page.keyboard.press('Enter');
    await page
      .getByRole('article')
      .filter({ hasText: body })
      .filter({ hasNotText: en('discussion.sending') })
      .waitFor();
    await expect(box.inputValue()).resolves.toBe('');
    await hasFocus(box);
    const lobby = (await api<{ items: { id: string }[] }>(page, '/channels?kind=lobby')).items[0];
    expect((await api<{ items: { body: string }[] }>(page, `/channels/${lobby.id}/messages?limit=50`)).items.map((m) => m.body)).toContain(body);

    // A commitment of this test's own, moved on the board without a mouse.
    const organization = (await api<{ items: { id: string; name: { en?: string } }[] }>(page, '/organizations?limit=100')).items.find((o) =>
      o.name.en?.includes('Jiangsu Federation of Trade Unions'),
    )!;
    const { roadmap } = await demo(page);
    const stamp = Date.now();
    const title = `Keyboard-moved commitment ${stamp}`;
    const created = await api<{ id: string }>(page, '/action-items', {
      method: 'POST',
      body: {
        roadmapId: roadmap.id,
        title: { en: title, zh: `键盘移动的承诺 ${stamp}` },
        leadOrganizationId: organization.id,
        policyArea: 'social_dialogue_tripartism',
      },
    });
    await visit(page, `/roadmaps/${roadmap.id}`, currentTab(en('roadmaps.tab.board')));
    const move = page.getByRole('button', { name: en('board.moveNamed', { title }) });
    await tabTo(page, move, 200);
    await expectVisibleFocus(page);
    const focusedItem = () => page.evaluate(() => document.activeElement?.textContent?.trim());

    // Drop… asks for a reason in a dialog; Escape closes it and gives the focus back to the card's menu button.
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: en('board.moveNamed', { title }) });
    await menu.waitFor();
    for (let presses = 0; (await focusedItem()) !== en('board.moveTo.dropped') && presses < 6; presses++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: en('board.moveTitle', { title, status: en('actionItemStatus.dropped') }) });
    await dialog.waitFor();
    await expectVisibleFocus(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await hasFocus(move);

    // Mark agreed moves it at once; the card lands in the Agreed column with the focus still on it.
    await page.keyboard.press('Enter');
    await menu.waitFor();
    for (let presses = 0; (await focusedItem()) !== en('board.moveTo.agreed') && presses < 6; presses++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const agreed = page.getByRole('region', { name: en('actionItemStatus.agreed') });
    await agreed.getByRole('link', { name: title }).waitFor();
    await hasFocus(move);
    expect(await api<{ status: string }>(page, `/action-items/${created.id}`)).toMatchObject({ status: 'agreed' });

    // The notification panel opens with Enter and closes with Escape, back on its button.
    const bell = page.getByRole('button', { name: new RegExp(`^${en('notifications.button')}`) });
    await tabTo(page, bell, 200);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: en('notifications.title') });
    await panel.waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await hasFocus(bell);
    await screenshot(page, 'pages-keyboard-board');
  });
  it('keeps the session in an HttpOnly cookie and memory only: a reload and a second tab stay signed in, signing out in one tab signs out the other', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, 'facilitator@greentable.demo');
    // Nothing of the session is within a script's reach in storage; the refresh cookie is HttpOnly and Strict.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toMatch(/eyJ|refresh/i);
    const cookie = (await context.cookies()).find((c) => c.name === 'greentable_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('greentable_refresh');

    const navigation = (p: Page) => p.getByRole('navigation', { name: en('shell.primaryNavigation') });
    await page.reload();
    await navigation(page).waitFor();
    const second = await context.newPage();
    await second.goto('/');
    await navigation(second).waitFor();
    expect(new URL(second.url()).pathname).not.toBe('/signin');

    await page.getByRole('button', { name: new RegExp(en('userMenu.open', { name: '.*' })) }).click();
    await page.getByRole('button', { name: en('userMenu.signOut') }).click();
    await page.waitForURL((address) => address.pathname === '/signin');
    await second.waitForURL((address) => address.pathname === '/signin');
    await second.reload();
    await second.waitForURL((address) => address.pathname === '/signin');
  });
});
