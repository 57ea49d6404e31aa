/**
 * Support for the browser tests (jest project `browser`, test/browser/**\/*.spec.ts, run one file at a time).
 * test/browser/global-setup.ts builds the web client when needed and starts the real app with the demo world on a
 * throwaway embedded PostgreSQL; the state is shared by every browser test file, so make what you change your own.
 *
 * API (stable):
 *   APP_URL                               the app under test; contexts use it as baseURL, so page.goto('/roadmaps')
 *   DEMO_PASSWORD                         every demo account's password (demo sign-ins: README)
 *   newContext({ locale?, viewport? })    a fresh browser context (own storage, so own session) on the one Chromium of
 *                                         the file; locale 'en' (default) or 'zh-CN' is what the browser prefers before
 *                                         sign-in; viewport defaults to 1280×800. Closed by afterAll.
 *   signIn(page, email, password?)        signs in through the sign-in page and waits for the signed-in shell. The page
 *                                         then speaks the account's language: union@, government@, ministry@ and most
 *                                         of the 2019 people are zh-CN (README; src/demo/demo-data.ts)
 *   switchLanguage(page, locale)          clicks the header's language switch; this is saved to the account
 *   waitForContent(page)                  waits for a heading in <main> and until no "Loading…" is left there; after
 *                                         page.goto (an in-app link keeps the old page up for a moment: wait for
 *                                         something of the new page first)
 *   pageLocale(page)                      'en' | 'zh-CN', from <html lang>
 *   t(locale, key, values?)               the client's own string (client/src/i18n/<locale>.json), for accessible names;
 *                                         {{name}} filled from values, key_one/key_other chosen by values.count
 *   checkAxe(page, label)                 throws, listing rule, help, impact and targets, on any serious or critical
 *                                         axe-core violation
 *   untranslated(page)                    for a page shown in Chinese: { english, latin } — visible text nodes,
 *                                         aria-labels, placeholders, titles and alts that are English UI strings of
 *                                         en.json (a failure), and other Latin text with no Chinese character, not
 *                                         marked lang="en" (to review: names, codes and units are data)
 *   screenshot(page, name)                saves test-results/screenshots/<name>.png (the full page); returns its path
 *
 * Waits use Playwright's locator waits (15 s default per action), never fixed sleeps.
 */
import axe from 'axe-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { projectRoot } from '../../../src/common/paths';

export type Locale = 'en' | 'zh-CN';

const url = process.env.GREENTABLE_BROWSER_URL;
if (!url) throw new Error('GREENTABLE_BROWSER_URL is not set: run the browser tests through jest (test/browser/global-setup.ts)');
export const APP_URL: string = url;
export const DEMO_PASSWORD = 'greentable-demo';

/** A call to the API with an access token (or none), answering the JSON body (nothing for a 204); anything but 2xx throws. */
export async function apiCall<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${APP_URL}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** An access token of a person, signed in through the API. */
export const tokenOf = async (email: string, password = DEMO_PASSWORD) =>
  (await apiCall<{ accessToken: string }>('POST', '/auth/login', null, { email, password })).accessToken;

/** Found or installed by test/browser/global-setup.ts (scripts/ensure-chromium.mjs); env holds a bundled Chromium's libraries. */
const chromiumFound = process.env.GREENTABLE_CHROMIUM;
if (!chromiumFound) throw new Error('GREENTABLE_CHROMIUM is not set: run the browser tests through jest (test/browser/global-setup.ts)');
const CHROMIUM = JSON.parse(chromiumFound) as { executablePath: string; env: Record<string, string> };

const ROOT = projectRoot();
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Generous per test (a journey is many steps); each wait has its own 15 s. A project's testTimeout is not applied.
jest.setTimeout(120_000);

let browser: Promise<Browser> | undefined;
const contexts: BrowserContext[] = [];

afterAll(async () => {
  const crashes = contexts.flatMap((context) => (pageErrors.get(context) ?? []).filter((e) => !e.startsWith('console: ')));
  if (crashes.length) console.warn(`Uncaught errors in the pages:\n${crashes.join('\n')}`);
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await (await browser)?.close();
  browser = undefined;
});

export async function newContext(
  options: { locale?: Locale; viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<BrowserContext> {
  browser ??= chromium.launch({ executablePath: CHROMIUM.executablePath, args: CHROMIUM_ARGS, env: { ...process.env, ...CHROMIUM.env } });
  const context = await (
    await browser
  ).newContext({
    baseURL: APP_URL,
    locale: options.locale ?? 'en',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
    reducedMotion: 'reduce',
    // The app's CSP allows only its own scripts; axe-core is injected as an inline script.
    bypassCSP: true,
  });
  context.setDefaultTimeout(15_000);
  const errors: string[] = [];
  context.on('weberror', (error) => errors.push(String(error.error())));
  context.on('console', (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`));
  pageErrors.set(context, errors);
  contexts.push(context);
  return context;
}

/** Uncaught errors and console errors of each context's pages, for failure messages. */
const pageErrors = new WeakMap<BrowserContext, string[]>();

type Messages = { [key: string]: string | Messages };
const messages: Partial<Record<Locale, Messages>> = {};

function loadMessages(locale: Locale): Messages {
  return (messages[locale] ??= JSON.parse(readFileSync(join(ROOT, 'client', 'src', 'i18n', `${locale}.json`), 'utf8')) as Messages);
}

function lookUp(locale: Locale, key: string): string | undefined {
  const found = key.split('.').reduce<string | Messages | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), loadMessages(locale));
  return typeof found === 'string' ? found : undefined;
}

/** A string of the client's i18n files, with {{name}} values filled in and plurals chosen by `count` (as i18next does). */
export function t(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  const plural = values.count === undefined ? undefined : lookUp(locale, `${key}_${values.count === 1 && locale === 'en' ? 'one' : 'other'}`);
  const found = plural ?? lookUp(locale, key);
  if (found === undefined) throw new Error(`no string ${key} in ${locale}.json`);
  return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

export async function pageLocale(page: Page): Promise<Locale> {
  return (await page.locator('html').getAttribute('lang')) === 'zh-CN' ? 'zh-CN' : 'en';
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  const locale = await pageLocale(page);
  await page.getByLabel(t(locale, 'signIn.email')).fill(email);
  await page.getByLabel(t(locale, 'signIn.password')).fill(password);
  await page.getByRole('button', { name: t(locale, 'signIn.submit') }).click();
  await page.waitForURL((address) => address.pathname !== '/signin');
  await page.getByRole('navigation', { name: t(await pageLocale(page), 'shell.primaryNavigation') }).waitFor();
}

/**
 * An access token of the page's session. The web client keeps its own in memory only and the refresh token in an
 * HttpOnly cookie, so this refreshes from inside the page, under the lock the client's refreshes take (tokens
 * rotate: two refreshes at once would revoke the session). The page's own token stays good.
 */
export async function sessionAccessToken(page: Page): Promise<string> {
  return page.evaluate(() =>
    navigator.locks.request('greentable-token-refresh', async () => {
      const response = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      if (!response.ok) throw new Error(`refresh: ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    }),
  );
}

/** Waits for the page's heading and until nothing in the main content says it is loading. */
export async function waitForContent(page: Page): Promise<void> {
  const main = page.getByRole('main');
  try {
    await main.getByRole('heading').first().waitFor();
    await main
      .getByRole('status')
      .filter({ hasText: t(await pageLocale(page), 'common.loading') })
      .first()
      .waitFor({ state: 'detached' });
  } catch (error) {
    const errors = pageErrors.get(page.context()) ?? [];
    throw new Error(`${(error as Error).message}${errors.length ? `\nerrors in the page:\n${errors.join('\n')}` : ''}`);
  }
}

export async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByRole('button', { name: t(locale, locale === 'en' ? 'language.en' : 'language.zhCN'), exact: true }).click();
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export async function checkAxe(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      nodes: nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
  const serious = (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (!serious.length) return;
  const report = serious.map(
    (v) =>
      `- ${v.id} (${v.impact}): ${v.help} ${v.helpUrl}\n` +
      v.nodes.map((node) => `    ${node.target.join(' ')}${node.failureSummary ? `\n      ${node.failureSummary.replace(/\n/g, '\n      ')}` : ''}`).join('\n'),
  );
  throw new Error(`axe-core on ${label} (${page.url()}): ${serious.length} serious or critical violation(s)\n${report.join('\n')}`);
}

/** English UI strings worth looking for: those whose Chinese differs, as patterns where they take values. */
function englishPatterns(): string[] {
  const patterns: string[] = [];
  const walk = (en: Messages, zh: Messages | undefined) => {
    for (const [key, value] of Object.entries(en)) {
      const other = zh?.[key];
      if (typeof value !== 'string') walk(value, typeof other === 'object' ? other : undefined);
      else if (value !== other && value.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/[^A-Za-z]/g, '').length >= 3) {
        const escaped = value.split(/\{\{\s*\w+\s*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        patterns.push(`^${escaped.join('.+')}$`);
      }
    }
  };
  walk(loadMessages('en'), loadMessages('zh-CN'));
  return patterns;
}

export interface Untranslated {
  /** English UI strings of en.json: each one a missing translation. */
  english: string[];
  /** Other visible text in Latin letters without a Chinese character, not marked lang="en": data, or a string built in code. */
  latin: string[];
}

export async function untranslated(page: Page): Promise<Untranslated> {
  return page.evaluate((sources) => {
    const patterns = sources.map((source) => new RegExp(source));
    const english = new Set<string>();
    const latin = new Set<string>();
    const markedEnglish = (element: Element) => (element.closest('[lang]')?.getAttribute('lang') ?? '').startsWith('en');
    const visible = (element: Element) =>
      element.tagName === 'OPTION' ? (element.closest('select')?.checkVisibility() ?? false) : element.checkVisibility({ visibilityProperty: true });
    const consider = (text: string, where: string, element: Element) => {
      const value = text.replace(/\s+/g, ' ').trim();
      if (value.length < 3 || markedEnglish(element)) return;
      if (patterns.some((pattern) => pattern.test(value))) english.add(`${where}: ${value}`);
      else if (!/\p{Script=Han}/u.test(value) && value.replace(/[^A-Za-z]/g, '').length >= 3) latin.add(`${where}: ${value}`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && !['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) && visible(parent)) consider(node.textContent ?? '', 'text', parent);
    }
    for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) {
      for (const element of document.body.querySelectorAll(`[${attribute}]`)) {
        if (visible(element) || element.getAttribute('role') === 'img') consider(element.getAttribute(attribute) ?? '', attribute, element);
      }
    }
    consider(document.title, 'document title', document.documentElement);
    return { english: [...english], latin: [...latin] };
  }, englishPatterns());
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
