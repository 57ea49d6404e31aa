import type { Locator, Page } from 'playwright-core';
import { APP_URL, checkAxe, newContext, pageLocale, screenshot, sessionAccessToken, signIn, t, waitForContent, type Locale } from './support/browser';

/**
 * The roadmap board on a 1366 × 768 laptop: the six status columns side by side, cards moved by dragging them or from
 * their "Move" menu with the keyboard, each move put to the server's status route (checked through the API).
 */

const LAPTOP = { width: 1366, height: 768 };
const STATUSES = ['proposed', 'agreed', 'in_progress', 'delayed', 'completed', 'dropped'] as const;
type Status = (typeof STATUSES)[number];

interface Item {
  id: string;
  status: Status;
  title: { en?: string; zh?: string };
}

async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${APP_URL}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${await sessionAccessToken(page)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const statusOf = async (page: Page, id: string) => (await call<Item>(page, 'GET', `/action-items/${id}`)).status;

/** Waits (polling the API) until the commitment has the status, or fails naming the one it has. */
async function expectStatus(page: Page, id: string, status: Status): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = await statusOf(page, id);
  while (seen !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await statusOf(page, id);
  }
  expect(seen).toBe(status);
}

const column = (page: Page, locale: Locale, status: Status): Locator =>
  page.getByRole('region', { name: t(locale, 'board.label') }).getByRole('region', { name: new RegExp(`^${t(locale, `actionItemStatus.${status}`)}`) });
const card = (page: Page, title: string): Locator => page.locator('li.board-card').filter({ hasText: title });

/** Every element of the locator lies within the viewport's width. */
async function allWithin(locator: Locator, width: number, what: string): Promise<number> {
  const boxes = await locator.evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
  for (const [i, box] of boxes.entries()) {
    if (box.left < 0 || box.right > width) throw new Error(`${what} #${i} lies outside the viewport: ${box.left}–${box.right} of ${width}`);
  }
  return boxes.length;
}

describe('roadmap board at 1366 px', () => {
  let roadmapId: string;
  const mine: Record<string, Item> = {};
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    // Commitments of this file's own, led by the facilitator's organization (ILO), so that other files' moves do not meet them.
    const page = await (await newContext()).newPage();
    await signIn(page, 'facilitator@greentable.demo');
    const me = await call<{ organization: { id: string } }>(page, 'GET', '/auth/me');
    const roadmaps = await call<{ items: { id: string; title: { en?: string } }[] }>(page, 'GET', '/roadmaps?limit=50');
    roadmapId = roadmaps.items.find((r) => r.title.en?.startsWith('Roadmap for supporting green jobs in Jiangsu'))!.id;
    for (const name of ['drag', 'keys', 'reason', 'refused', 'locked']) {
      mine[name] = await call<Item>(page, 'POST', '/action-items', {
        roadmapId,
        title: {
          en: `Board check ${name} ${stamp}: a commitment title long enough to wrap over several lines of a narrow column`,
          zh: `看板检查 ${name} ${stamp}：一个足够长、会在窄列中换行的承诺事项标题`,
        },
        leadOrganizationId: me.organization.id,
        policyArea: 'enterprise',
      });
    }
    await call(page, 'POST', `/action-items/${mine.reason.id}/status`, { status: 'agreed' });
    await page.close();
  });

  it.each([
    ['en', 'facilitator@greentable.demo'],
    ['zh-CN', 'ministry@greentable.demo'],
  ] as const)('in %s shows all six columns, their headings and cards within the width, titles wrapped', async (expected, email) => {
    const page = await (await newContext({ viewport: LAPTOP })).newPage();
    await signIn(page, email);
    const locale = await pageLocale(page);
    expect(locale).toBe(expected);
    await page.goto(`/roadmaps/${roadmapId}`);
    await waitForContent(page);
    await card(page, `${stamp}`).first().waitFor();

    for (const status of STATUSES) {
      const heading = page.getByRole('heading', { level: 2, name: new RegExp(`^${t(locale, `actionItemStatus.${status}`)}`) });
      await heading.waitFor();
      await allWithin(heading, LAPTOP.width, `heading ${status}`);
      await allWithin(column(page, locale, status), LAPTOP.width, `column ${status}`);
    }
    const cards = await allWithin(page.locator('li.board-card'), LAPTOP.width, 'card');
    expect(cards).toBeGreaterThanOrEqual(10);
    // Nothing scrolls sideways, and no card title is cut off: titles wrap inside their card.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(LAPTOP.width);
    const cut = await page
      .locator('.board-card-title')
      .evaluateAll(
        (nodes) =>
          nodes.filter((n) => n.scrollWidth > n.clientWidth + 1 || n.getBoundingClientRect().right > n.closest('li')!.getBoundingClientRect().right).length,
      );
    expect(cut).toBe(0);
    const title = card(page, `drag ${stamp}`).locator('.board-card-title');
    expect((await title.boundingBox())!.height).toBeGreaterThan(40);

    // A column folds to a strip and unfolds again.
    const folding = page.getByRole('button', { name: t(locale, 'board.fold', { status: t(locale, 'actionItemStatus.dropped') }) });
    await folding.click();
    await page.getByRole('button', { name: t(locale, 'board.unfold', { status: t(locale, 'actionItemStatus.dropped') }) }).click();
    await folding.waitFor();
    await checkAxe(page, `board (${locale})`);
    await screenshot(page, `board-1366-${locale}`);
  });

  it('moves a card by dragging it to another column, asks the reason where one is needed, and shows a refusal', async () => {
    const page = await (await newContext({ viewport: LAPTOP })).newPage();
    await signIn(page, 'facilitator@greentable.demo');
    await page.goto(`/roadmaps/${roadmapId}`);
    await waitForContent(page);

    // proposed → agreed: no reason needed, the card lands in the other column and the server has it.
    await card(page, `drag ${stamp}`).dragTo(column(page, 'en', 'agreed'));
    await column(page, 'en', 'agreed')
      .locator('li.board-card')
      .filter({ hasText: `drag ${stamp}` })
      .waitFor();
    await expectStatus(page, mine.drag.id, 'agreed');
    await page.getByText(t('en', 'board.moved', { title: mine.drag.title.en!, status: t('en', 'actionItemStatus.agreed') })).waitFor({ state: 'attached' });

    // agreed → delayed needs a reason: the dialog asks for it before anything moves.
    await card(page, `reason ${stamp}`).dragTo(column(page, 'en', 'delayed'));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await statusOf(page, mine.reason.id)).toBe('agreed');
    await dialog.getByRole('textbox').fill('The training centre is being rebuilt');
    await dialog.getByRole('button', { name: t('en', 'board.moveTo.delayed') }).click();
    await column(page, 'en', 'delayed')
      .locator('li.board-card')
      .filter({ hasText: `reason ${stamp}` })
      .waitFor();
    await expectStatus(page, mine.reason.id, 'delayed');

    // proposed → completed is not a move the workflow allows: the server refuses it and the board says why.
    await card(page, `refused ${stamp}`).dragTo(column(page, 'en', 'completed'));
    await page
      .getByRole('alert')
      .filter({ hasText: t('en', 'status.conflictAllowed', { allowed: '' }).split(':')[0] })
      .waitFor();
    expect(await statusOf(page, mine.refused.id)).toBe('proposed');
    await column(page, 'en', 'proposed')
      .locator('li.board-card')
      .filter({ hasText: `refused ${stamp}` })
      .waitFor();
  });

  it('tells the lead organization of the move; its notification opens the commitment', async () => {
    // The admin belongs to the ILO, which leads the commitment the facilitator dragged above.
    const page = await (await newContext({ viewport: LAPTOP })).newPage();
    await signIn(page, 'admin@greentable.demo');
    await page.locator('.bell-button').click();
    const notification = page.locator('.notification-list a').filter({ hasText: `drag ${stamp}` });
    await notification.first().click();
    await page.waitForURL((address) => address.pathname === `/action-items/${mine.drag.id}`);
    await waitForContent(page);
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: `drag ${stamp}` })
      .waitFor();
  });

  it('moves a card with the keyboard alone, through its Move menu', async () => {
    const page = await (await newContext({ viewport: LAPTOP })).newPage();
    await signIn(page, 'facilitator@greentable.demo');
    await page.goto(`/roadmaps/${roadmapId}`);
    await waitForContent(page);
    const move = page.getByRole('button', { name: t('en', 'board.moveNamed', { title: mine.keys.title.en! }) });
    await move.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: t('en', 'board.moveTo.agreed') }).waitFor();
    // The first allowed move (agreed) has the focus; Enter chooses it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(t('en', 'board.moveTo.agreed'));
    await page.keyboard.press('Enter');
    await column(page, 'en', 'agreed')
      .locator('li.board-card')
      .filter({ hasText: `keys ${stamp}` })
      .waitFor();
    await expectStatus(page, mine.keys.id, 'agreed');
    // The keyboard stays on the card that moved.
    await page.waitForFunction((id) => document.activeElement?.id === `move-${id}`, mine.keys.id);
  });

  it.each(['park@greentable.demo', 'employer@greentable.demo'])('%s, without the right to move this commitment, cannot drag it', async (email) => {
    const page = await (await newContext({ viewport: LAPTOP })).newPage();
    await signIn(page, email);
    const locale = await pageLocale(page);
    await page.goto(`/roadmaps/${roadmapId}`);
    await waitForContent(page);
    const locked = card(page, `locked ${stamp}`);
    await locked.waitFor();
    expect(await locked.getAttribute('draggable')).toBe('false');
    expect(await locked.getByRole('button', { name: t(locale, 'board.moveNamed', { title: mine.locked.title[locale === 'en' ? 'en' : 'zh']! }) }).count()).toBe(
      0,
    );
    await locked.dragTo(column(page, locale, 'agreed'));
    expect(await statusOf(page, mine.locked.id)).toBe('proposed');
    await column(page, locale, 'proposed')
      .locator('li.board-card')
      .filter({ hasText: `locked ${stamp}` })
      .waitFor();
  });
});
