import { APP_URL, newContext, sessionAccessToken, signIn, waitForContent } from './support/browser';

/**
 * Times across time zones: the demo's Suzhou round table (09:00 in Suzhou, 01:00 UTC) reads 09:00 at the venue for
 * every reader, followed by the reader's own time — 02:00 in Zurich (UTC+1 in December), 09:00 in Shanghai.
 */
describe('the record in the browser', () => {
  for (const [timezoneId, readerTime] of [
    ['Europe/Zurich', '02:00'],
    ['Asia/Shanghai', '09:00'],
  ] as const) {
    it(`the Suzhou roundtable page shows 09:00 venue time and the reader's time, read from ${timezoneId}`, async () => {
      const context = await newContext({ timezoneId });
      const page = await context.newPage();
      await signIn(page, 'facilitator@greentable.demo');
      const token = await sessionAccessToken(page);
      const list = (await (await fetch(`${APP_URL}/api/roundtables?limit=50`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        items: { id: string; title: { en?: string }; timeZone: string; startsAt: string }[];
      };
      const suzhou = list.items.find((r) => r.title.en?.includes('(Suzhou)'));
      expect(suzhou).toMatchObject({ timeZone: 'Asia/Shanghai' });
      await page.goto(`/roundtables/${suzhou!.id}`);
      await waitForContent(page);
      // The overview's details: the start at the venue, then in the reader's zone.
      const venue = page.locator('dl .venue-time-venue').first();
      await venue.waitFor();
      expect(await venue.textContent()).toMatch(/09:00 Suzhou \(UTC\+8\)$/);
      expect(await page.locator('dl .venue-time-reader').first().textContent()).toMatch(new RegExp(`${readerTime} your time$`));
      // The page header says it too, as a span from the start.
      expect(await page.locator('header .venue-time, .page-header .venue-time').first().textContent()).toMatch(/09:00–\d\d:\d\d Suzhou \(UTC\+8\)/);
      await context.close();
    });
  }
});
