import type { Page } from 'playwright-core';
import { apiCall, APP_URL, newContext, signIn, t, tokenOf, waitForContent, type Locale } from './support/browser';

/**
 * What a page's first load fetches, and in what order.
 *
 * Each reader downloads the translations of their own language only: English (the fallback) comes with the first
 * page, Chinese is fetched when it is the reader's language, and a Chinese reader's first page is Chinese from its
 * first words (never English while the catalogue is on its way).
 */

const CHINESE_CATALOGUE = /\/assets\/zh-CN-[\w-]+\.js$/;

/** Opens the sign-in page in a fresh browser of that language; what its #root ever showed, and the scripts fetched. */
async function openSignIn(locale: Locale) {
  const page = await (await newContext({ locale })).newPage();
  // The Chinese catalogue arrives late: the page must wait for it, not show English (or translation keys) meanwhile.
  await answerLate(page, CHINESE_CATALOGUE);
  const scripts: string[] = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
  // Every heading and loading message the page ever showed, recorded as it appears (not only the last one).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { shownTexts: string[] }).shownTexts = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('#root h1, #root [role="status"]')) {
        const text = element.textContent ?? '';
        if (!seen.includes(text)) seen.push(text);
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto('/signin');
  // The page's language, as the page has loaded (before the app's later steps have run).
  const lang = await page.locator('html').getAttribute('lang');
  await page.getByRole('heading', { level: 1, name: t(locale, 'signIn.title') }).waitFor();
  const shown = await page.evaluate(() => (window as unknown as { shownTexts: string[] }).shownTexts);
  return { page, scripts, shown, lang };
}

describe('translation catalogues', () => {
  it('an English reader does not download the Chinese catalogue', async () => {
    const { scripts, shown } = await openSignIn('en');
    expect(scripts.filter((url) => CHINESE_CATALOGUE.test(url))).toEqual([]);
    expect(shown).toContain(t('en', 'signIn.title'));
  });

  it('a Chinese reader gets it, and reads Chinese from the first words shown', async () => {
    const { scripts, shown, lang } = await openSignIn('zh-CN');
    expect(lang).toBe('zh-CN');
    expect(scripts.filter((url) => CHINESE_CATALOGUE.test(url))).toHaveLength(1);
    expect(shown).toContain(t('zh-CN', 'signIn.title'));
    // No English, and no translation key, while the catalogue was on its way: every text shown has Chinese in it.
    expect(shown.filter((text) => text.trim() && !/[\u4e00-\u9fff]/.test(text))).toEqual([]);
  });
});

describe("the app's own scripts", () => {
  it('are all named in the page the server sent, so none is asked for only once another has run', async () => {
    const { scripts } = await openSignIn('en');
    const sent = await (await fetch(`${APP_URL}/signin`)).text();
    const named = [...sent.matchAll(/(?:src|href)="(\/assets\/[\w.-]+\.js)"/g)].map((match) => match[1]);
    const fetched = scripts.map((url) => new URL(url).pathname);
    // The entry, the libraries, the catalogue, the app and its shared components: more than the entry alone.
    expect(fetched.length).toBeGreaterThan(3);
    expect(fetched.filter((path) => !named.includes(path))).toEqual([]);
  });
});

describe('while the scripts download', () => {
  it("shows the header bar at once and the platform's name after a second, then the app's own header", async () => {
    const page = await (await newContext()).newPage();
    // The scripts held back, as on a slow network: only the page and its stylesheet arrive.
    let releaseScripts = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
    await page.route(/\/assets\/[\w.-]+\.js$/, async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    // (Not until DOMContentLoaded: that waits for the module scripts.)
    await page.goto('/signin', { waitUntil: 'commit' });
    const bar = page.locator('#root header.boot-header');
    const name = bar.locator('.brand-name');
    await bar.waitFor();
    // A load that renders within the second never shows the name twice (here and in the app's header).
    expect(await name.evaluate((element) => getComputedStyle(element).opacity)).toBe('0');
    // When the name appeared, in the page's own clock (from the start of the navigation, so a late look from here
    // cannot shorten it): not before a second has passed.
    const shown = await page.waitForFunction(
      () => getComputedStyle(document.querySelector('.boot-header .brand-name')!).opacity === '1' && performance.now(),
      null,
      { timeout: 3_000, polling: 'raf' },
    );
    expect(await shown.jsonValue()).toBeGreaterThanOrEqual(1_000);
    expect(await name.textContent()).toBe('GreenTable / 绿桌');
    releaseScripts();
    await page.getByRole('heading', { level: 1, name: t('en', 'signIn.title') }).waitFor();
    expect(await page.locator('header.boot-header').count()).toBe(0);
  });
});

/** A page signed in as the facilitator, then off the app, so nothing the home page still asks for lands in a record. */
async function signedInElsewhere(): Promise<Page> {
  const page = await (await newContext()).newPage();
  await signIn(page, 'facilitator@greentable.demo');
  await page.goto('about:blank');
  return page;
}

/**
 * Opens `address` signed in, with the session check answered late (once the app's scripts are all in and waiting for
 * it), and tells for each of `paths`: whether the signed-in frame (its navigation) was on screen when the page asked
 * for it first, and how many times it was sent.
 */
async function firstRequestsOpening(address: string, paths: string[]): Promise<{ path: string; frameShown: boolean | null; sent: number }[]> {
  const page = await signedInElsewhere();
  await answerLate(page, '**/api/auth/refresh');
  await page.addInitScript((watched) => {
    const asked: Record<string, boolean> = {};
    (window as unknown as { firstAsked: typeof asked }).firstAsked = asked;
    const original = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input), window.location.href).pathname;
      if (watched.includes(path) && !(path in asked)) asked[path] = document.querySelector('nav') !== null;
      return original(input, init);
    };
  }, paths);
  const traffic = recordTraffic(page);
  await page.goto(`${APP_URL}${address}`);
  await waitForContent(page);
  const asked = await page.evaluate(() => (window as unknown as { firstAsked: Record<string, boolean> }).firstAsked);
  return paths.map((path) => ({ path, frameShown: asked[path] ?? null, sent: traffic.filter((entry) => entry === `→ ${path}`).length }));
}

/** Requests asked (→) and answered (←) from now on, in order, by path. */
function recordTraffic(page: Page): string[] {
  const traffic: string[] = [];
  page.on('request', (request) => traffic.push(`→ ${new URL(request.url()).pathname}`));
  page.on('requestfinished', (request) => traffic.push(`← ${new URL(request.url()).pathname}`));
  return traffic;
}

/** What matches is answered a second late, as on a slow phone network. */
async function answerLate(page: Page, url: RegExp | string): Promise<void> {
  await page.route(url, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
}

describe('opening a link to a page, signed in', () => {
  it("starts the page's script before the session check, goes live once the page's data is in, over a WebSocket without long-polling", async () => {
    const facilitator = await tokenOf('facilitator@greentable.demo');
    const roundtable = (await apiCall<{ items: { id: string }[] }>('GET', '/roundtables?limit=1', facilitator)).items[0];
    const page = await signedInElsewhere();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    const traffic = recordTraffic(page);
    // The socket.io session is open once the server's CONNECT answer ("40…") has come over the WebSocket.
    const live = new Promise<string>((resolve) =>
      page.on('websocket', (socket) =>
        socket.on('framereceived', ({ payload }) => String(payload).startsWith('40') && resolve(new URL(socket.url()).pathname)),
      ),
    );

    // A reload, as when opening a link: the session is picked up from the refresh cookie.
    await page.goto(`${APP_URL}/roundtables/${roundtable.id}`);
    await waitForContent(page);
    const late = new Promise<string>((resolve) => setTimeout(() => resolve('no socket.io session over a WebSocket within 10 s'), 10_000));
    expect(await Promise.race([live, late])).toBe('/socket.io/');

    const pageScript = requests.findIndex((path) => /^\/assets\/RoundtablePage-[\w-]+\.js$/.test(path));
    const sessionCheck = requests.indexOf('/api/auth/refresh');
    expect({ pageScript: pageScript >= 0, sessionCheck: sessionCheck >= 0 }).toEqual({ pageScript: true, sessionCheck: true });
    expect(pageScript).toBeLessThan(sessionCheck);
    // Named in the page the server sent (a modulepreload link), so it was asked for beside the app's own scripts, once
    // (Chromium reports a modulepreload's fetch as initiated by "other", a script's import() by "script").
    const pageScriptLoad = await page.evaluate(() => ({
      preloadLinks: [...document.querySelectorAll<HTMLLinkElement>('head link[rel="modulepreload"]')].filter((link) => /\/RoundtablePage-/.test(link.href))
        .length,
      fetches: performance
        .getEntriesByType('resource')
        .filter((entry) => /\/assets\/RoundtablePage-[\w-]+\.js$/.test(entry.name))
        .map((entry) => (entry as PerformanceResourceTiming).initiatorType),
    }));
    expect(pageScriptLoad).toEqual({ preloadLinks: 1, fetches: ['other'] });
    expect(requests.filter((path) => path.startsWith('/socket.io'))).toEqual([]);

    // The socket code is asked for only once the page has its roundtable (on a phone network it would compete with it).
    const roundtableAnswered = traffic.indexOf(`← /api/roundtables/${roundtable.id}`);
    const socketCode = traffic.findIndex((entry) => /^→ \/assets\/connection-[\w-]+\.js$/.test(entry));
    expect({ roundtableAnswered: roundtableAnswered >= 0, socketCode: socketCode >= 0 }).toEqual({ roundtableAnswered: true, socketCode: true });
    expect(socketCode).toBeGreaterThan(roundtableAnswered);
  });

  it('sends the session check once, while the app is still downloading, and shows the signed-in page with it', async () => {
    const page = await signedInElsewhere();
    // The app's own chunk arrives late.
    await answerLate(page, /\/assets\/App-[\w-]+\.js$/);
    const traffic = recordTraffic(page);

    await page.goto(`${APP_URL}/`);
    // Signed in: the app's navigation, and the home page's content.
    await page.getByRole('navigation', { name: t('en', 'shell.primaryNavigation') }).waitFor();
    await waitForContent(page);

    const checks = traffic.filter((entry) => entry === '→ /api/auth/refresh');
    const appAnswered = traffic.findIndex((entry) => /^← \/assets\/App-[\w-]+\.js$/.test(entry));
    expect({ checks: checks.length, appAnswered: appAnswered >= 0 }).toEqual({ checks: 1, appAnswered: true });
    expect(traffic.indexOf('← /api/auth/refresh')).toBeLessThan(appAnswered);
  });

  it("asks for a roundtable as soon as the session check answers, before the app's frame is shown, and asks once", async () => {
    const facilitator = await tokenOf('facilitator@greentable.demo');
    const roundtable = (await apiCall<{ items: { id: string }[] }>('GET', '/roundtables?limit=1', facilitator)).items[0];
    const base = `/api/roundtables/${roundtable.id}`;
    const first = [base, `${base}/participants`, `${base}/balance`];
    expect(await firstRequestsOpening(`/roundtables/${roundtable.id}`, first)).toEqual(first.map((path) => ({ path, frameShown: false, sent: 1 })));
  });

  it("asks for the home page's desk as soon as the session check answers, before the app's frame is shown, and asks once", async () => {
    expect(await firstRequestsOpening('/', ['/api/desk'])).toEqual([{ path: '/api/desk', frameShown: false, sent: 1 }]);
  });

  it("asks for a roadmap dashboard's figures beside the roadmap, not after it, and asks for each once", async () => {
    const facilitator = await tokenOf('facilitator@greentable.demo');
    const roadmap = (await apiCall<{ items: { id: string }[] }>('GET', '/roadmaps?limit=1', facilitator)).items[0];
    const page = await signedInElsewhere();
    // The roadmap itself arrives late.
    await answerLate(page, `**/api/roadmaps/${roadmap.id}`);
    const traffic = recordTraffic(page);

    await page.goto(`${APP_URL}/roadmaps/${roadmap.id}/dashboard`);
    await page
      .getByRole('region', { name: t('en', 'dashboard.summary') })
      .getByText(t('en', 'dashboard.total'))
      .waitFor();

    const roadmapAnswered = traffic.indexOf(`← /api/roadmaps/${roadmap.id}`);
    const asked = (path: string) => traffic.filter((entry) => entry === `→ /api/roadmaps/${roadmap.id}/${path}`).length;
    expect({ roadmapAnswered: roadmapAnswered >= 0, progress: asked('progress'), health: asked('indicator-health') }).toEqual({
      roadmapAnswered: true,
      progress: 1,
      health: 1,
    });
    expect(traffic.indexOf(`→ /api/roadmaps/${roadmap.id}/progress`)).toBeLessThan(roadmapAnswered);
    expect(traffic.indexOf(`→ /api/roadmaps/${roadmap.id}/indicator-health`)).toBeLessThan(roadmapAnswered);

    // Switching tabs and back asks afresh (the figures may have changed meanwhile).
    const views = page.getByRole('navigation', { name: t('en', 'roadmaps.views') });
    await views.getByRole('link', { name: t('en', 'roadmaps.tab.board'), exact: true }).click();
    const again = page.waitForRequest((request) => new URL(request.url()).pathname === `/api/roadmaps/${roadmap.id}/progress`);
    await views.getByRole('link', { name: t('en', 'roadmaps.tab.dashboard') }).click();
    await again;
    await page
      .getByRole('region', { name: t('en', 'dashboard.summary') })
      .getByText(t('en', 'dashboard.total'))
      .waitFor();
    expect(asked('progress')).toBe(2);
  });
});
