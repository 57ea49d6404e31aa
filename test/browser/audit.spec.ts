import type { Page } from 'playwright-core';
import { newContext, pageLocale, screenshot, signIn, switchLanguage, t, waitForContent, type Locale } from './support/browser';

/** The admin's audit log reads as sentences in the reader's language, with sign-ins left out until asked for. */

const RAW_KEY = /\b[a-z_]+\.[a-z_]+\b/;
const RAW_USER = /User [0-9a-f]{8}/;
// Addresses, web links and the quoted names of things (a file "site-plan.png") are data that carry dots; not keys.
const withoutAddresses = (text: string) =>
  text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/“[^”]*”/g, '“”')
    .replace(/[\w-]+\.(pdf|png|jpe?g|docx?|xlsx?|csv|txt)\b/gi, '');

async function rows(page: Page, locale: Locale) {
  const table = page.getByRole('table', { name: t(locale, 'activity.title') });
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr');
}

async function expectSentences(page: Page, locale: Locale): Promise<string[]> {
  const list = await rows(page, locale);
  const sentences = await list.locator('td.audit-sentence').allInnerTexts();
  const whole = await list.allInnerTexts();
  expect(sentences.length).toBeGreaterThan(5);
  for (const sentence of sentences) {
    expect({ sentence, key: RAW_KEY.test(withoutAddresses(sentence)), user: RAW_USER.test(sentence) }).toEqual({ sentence, key: false, user: false });
  }
  for (const row of whole) {
    const text = withoutAddresses(row);
    expect({ row, key: RAW_KEY.test(text), user: RAW_USER.test(text) }).toEqual({ row, key: false, user: false });
  }
  return sentences;
}

describe('audit log in words', () => {
  it('shows sentences naming people and things, hides sign-ins until asked, and links to what an entry is about', async () => {
    const page = await (await newContext()).newPage();
    await signIn(page, 'admin@greentable.demo');
    await page.goto('/admin/activity');
    await waitForContent(page);
    const signedIn = t('en', 'auditSentence.auth.login').replace(/<actor>\{\{actor\}\}<\/actor>\s*/, '');

    const sentences = await expectSentences(page, 'en');
    await screenshot(page, 'audit-log-en');
    // Signing in just now made an entry; by default it is not shown.
    expect(sentences.filter((s) => s.includes(signedIn))).toEqual([]);

    await page.getByLabel(t('en', 'activity.showSessions')).check();
    await page.locator('td.audit-sentence').filter({ hasText: signedIn }).first().waitFor();
    const withSessions = await expectSentences(page, 'en');
    expect(withSessions.some((s) => s.includes(signedIn) && s.includes('ILO'))).toBe(true);
    await page.getByLabel(t('en', 'activity.showSessions')).uncheck();
    await page.locator('td.audit-sentence').filter({ hasText: signedIn }).first().waitFor({ state: 'detached' });

    // Filters are kept: only commitments, and each names its commitment with a link that opens it.
    await page.getByLabel(t('en', 'activity.entityType')).selectOption('action_item');
    const link = page.locator('td.audit-sentence a[href^="/action-items/"]').first();
    await link.waitFor();
    const title = (await link.innerText()).replace(/[“”]/g, '');
    await expectSentences(page, 'en');
    await link.click();
    await waitForContent(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/action-items\/[0-9a-f-]{36}$/);
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: title.replace(/ \(.*\)$/, '') })
      .waitFor();
  });

  it('reads in Chinese for a Chinese reader', async () => {
    const page = await (await newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, 'admin@greentable.demo');
    if ((await pageLocale(page)) !== 'zh-CN') await switchLanguage(page, 'zh-CN');
    try {
      await page.goto('/admin/activity');
      await waitForContent(page);
      const sentences = await expectSentences(page, 'zh-CN');
      // The verbs are Chinese: no English sentence is left (names of people and things may be in either language).
      for (const sentence of sentences) expect(sentence).not.toMatch(/\b(created|updated|changed|added|stated|signed in|loaded)\b/);
      expect(sentences.some((s) => /创建了|更新了|添加了|表明了|加载了/.test(s))).toBe(true);
    } finally {
      await switchLanguage(page, 'en');
    }
  });
});
