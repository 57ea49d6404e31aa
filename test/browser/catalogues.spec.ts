import { newContext, t, type Locale } from './support/browser';

/**
 * Each reader downloads the translations of their own language only: English (the fallback) comes with the first
 * page, Chinese is fetched when it is the reader's language, and a Chinese reader's first page is Chinese from its
 * first words (never English while the catalogue is on its way).
 */

const CHINESE_CATALOGUE = /\/assets\/zh-CN-[\w-]+\.js$/;

/** Opens the sign-in page in a fresh browser of that language; what its #root ever showed, and the scripts fetched. */
async function openSignIn(locale: Locale) {
  const page = await (await newContext({ locale })).newPage();
  // The Chinese catalogue arrives a second late, as on a slow phone network: the page must wait for it, not show
  // English (or translation keys) meanwhile.
  await page.route(CHINESE_CATALOGUE, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
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
  await page.getByRole('heading', { level: 1, name: t(locale, 'signIn.title') }).waitFor();
  const shown = await page.evaluate(() => (window as unknown as { shownTexts: string[] }).shownTexts);
  return { page, scripts, shown };
}

describe('translation catalogues', () => {
  it('an English reader does not download the Chinese catalogue', async () => {
    const { scripts, shown } = await openSignIn('en');
    expect(scripts.filter((url) => CHINESE_CATALOGUE.test(url))).toEqual([]);
    expect(shown).toContain(t('en', 'signIn.title'));
  });

  it('a Chinese reader gets it, and reads Chinese from the first words shown', async () => {
    const { scripts, shown } = await openSignIn('zh-CN');
    expect(scripts.filter((url) => CHINESE_CATALOGUE.test(url))).toHaveLength(1);
    expect(shown).toContain(t('zh-CN', 'signIn.title'));
    // No English, and no translation key, while the catalogue was on its way: every text shown has Chinese in it.
    expect(shown.filter((text) => text.trim() && !/[\u4e00-\u9fff]/.test(text))).toEqual([]);
  });
});
