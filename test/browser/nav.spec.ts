import { newContext, pageLocale, signIn, switchLanguage, t, waitForContent, type Locale } from './support/browser';

/** On a 390 px phone, in English and in Chinese, every section of the navigation is on screen, readable and opens. */

const PHONE = { width: 390, height: 844 };

describe('phone navigation', () => {
  it.each(['en', 'zh-CN'] as const)('at 390 px in %s every navigation item of an admin is on screen, uncut, and opens its page', async (locale: Locale) => {
    const page = await (await newContext({ viewport: PHONE, locale })).newPage();
    await signIn(page, 'admin@greentable.demo');
    if ((await pageLocale(page)) !== locale) await switchLanguage(page, locale);
    try {
      const nav = page.getByRole('navigation', { name: t(locale, 'shell.primaryNavigation') });
      const links = nav.getByRole('link');
      const count = await links.count();
      // Home, roundtables, working groups, roadmaps, indicators, discussions, directory, search, translations,
      // invitations, reports and admin: an admin sees them all.
      expect(count).toBe(12);
      const names = await links.allTextContents();
      for (const key of ['nav.admin', 'nav.directory', 'nav.discussions', 'nav.search', 'nav.translations', 'nav.reports']) {
        expect(names).toContain(t(locale, key));
      }
      for (let i = 0; i < count; i++) {
        const link = nav.getByRole('link').nth(i);
        const name = names[i];
        const fit = await link.evaluate((a) => {
          const box = a.getBoundingClientRect();
          return { left: box.left, right: box.right, cut: a.scrollWidth > a.clientWidth + 1 };
        });
        expect({ name, ...fit, inside: fit.left >= 0 && fit.right <= PHONE.width }).toMatchObject({ name, inside: true, cut: false });
        await link.click();
        await waitForContent(page);
        await nav.getByRole('link', { name, exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
        // The page it opens fits the phone too (named, so a failure says which).
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect({ name, fits: width <= PHONE.width }).toEqual({ name, fits: true });
      }
    } finally {
      // The admin account reads in English in the other files.
      if (locale !== 'en') await switchLanguage(page, 'en');
    }
  });
});
