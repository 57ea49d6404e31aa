import type { Page } from 'playwright-core';
import { APP_URL, newContext, pageLocale, sessionAccessToken, signIn, t, waitForContent } from './support/browser';

/** The desk, search and the phone's navigation, as a union representative meets them. */

const PHONE = { width: 390, height: 844 };

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await fetch(`${APP_URL}/api${path}`, { headers: { Authorization: `Bearer ${await sessionAccessToken(page)}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
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
});
