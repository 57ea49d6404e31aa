import { io } from 'socket.io-client';
import { APP_URL, checkAxe, newContext, pageLocale, sessionAccessToken, signIn, t, waitForContent } from './support/browser';

/** Chat habits as people meet them: a direct conversation started from the directory, reactions, a pin, a permalink. */

async function api<T>(token: string, path: string): Promise<T> {
  const response = await fetch(`${APP_URL}/api${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

describe('chat: reactions, pins and permalinks', () => {
  it('react, pin, copy a permalink and open it in a second page, which scrolls to the message', async () => {
    // The employer, in a second browser, is who the facilitator writes to.
    const employerContext = await newContext();
    const employerPage = await employerContext.newPage();
    await signIn(employerPage, 'employer@greentable.demo');
    const employerToken = await sessionAccessToken(employerPage);
    const employer = await api<{ id: string; displayName: string }>(employerToken, '/auth/me');

    const context = await newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP_URL });
    const page = await context.newPage();
    await signIn(page, 'facilitator@greentable.demo');
    const lang = await pageLocale(page);

    // Started from the directory: the conversation page opens.
    await page.goto(`${APP_URL}/directory?view=people`);
    await page.getByRole('searchbox', { name: t(lang, 'common.search') }).fill(employer.displayName);
    const start = page.getByRole('button', { name: t(lang, 'conversations.start', { name: employer.displayName }) });
    await start.waitFor();
    await checkAxe(page, 'directory people with the message buttons');
    await start.click();
    await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
    await waitForContent(page);
    const conversationId = page.url().split('/conversations/')[1];

    const word = `heron${Date.now().toString(36)}`;
    const box = page.getByRole('textbox', { name: t(lang, 'discussion.writeLabel') });
    await box.fill(`Training levy wording ${word}`);
    await page.getByRole('button', { name: t(lang, 'discussion.send'), exact: true }).click();
    const article = page.getByRole('article').filter({ hasText: word });
    await article.getByRole('button', { name: t(lang, 'discussion.reply') }).waitFor();

    // React through the picker; the chip shows my reaction, and selecting it again takes it back.
    await article.getByRole('button', { name: t(lang, 'discussion.react') }).click();
    await article.getByRole('button', { name: t(lang, 'discussion.reactWith', { emoji: '🎉' }) }).click();
    const chip = article.getByRole('button', { name: t(lang, 'discussion.reactionChip', { emoji: '🎉', count: 1 }) });
    await chip.waitFor();
    expect(await chip.getAttribute('aria-pressed')).toBe('true');

    // Pin it: the pinned list above the discussion names it.
    await article.getByRole('button', { name: t(lang, 'discussion.pin'), exact: true }).click();
    await article.getByRole('button', { name: t(lang, 'discussion.unpin'), exact: true }).waitFor();
    const pinnedBar = page.locator('details.pinned-bar');
    await pinnedBar.getByText(t(lang, 'discussion.pinnedHeading', { count: 1 })).click();
    expect(await pinnedBar.textContent()).toContain(word);

    // Copy its link.
    await article.getByRole('button', { name: t(lang, 'discussion.copyLink') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t(lang, 'discussion.linkCopied') })
      .waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${APP_URL}/conversations/${conversationId}\\?seq=\\d+$`));

    // Quote-reply: the reply shows the quoted beginning, which goes back to the original.
    await article.getByRole('button', { name: t(lang, 'discussion.reply') }).click();
    await box.fill('Agreed, with the levy capped');
    await page.getByRole('button', { name: t(lang, 'discussion.send'), exact: true }).click();
    const reply = page
      .getByRole('article')
      .filter({ has: page.locator('.message-quote') })
      .filter({ hasText: 'Agreed, with the levy capped' });
    const quote = reply.locator('.message-quote');
    await quote.waitFor();
    expect(await quote.textContent()).toContain(`Training levy wording ${word}`);
    await reply.getByRole('button', { name: t(lang, 'discussion.reply') }).waitFor();
    await checkAxe(page, 'conversation with a reaction, a pin and a quote');
    await quote.click();
    expect(await page.locator('article.message--target .message-body').textContent()).toContain(`Training levy wording ${word}`);

    // Sixty more messages push it out of the first page the second page loads.
    const token = await sessionAccessToken(page);
    const channelId = (await api<{ items: { id: string }[] }>(token, `/channels?kind=direct&refId=${conversationId}`)).items[0].id;
    const socket = io(APP_URL, { auth: { token }, transports: ['websocket'] });
    try {
      for (let i = 0; i < 60; i++) {
        const ack = (await socket.timeout(10_000).emitWithAck('message:send', { channelId, clientMessageId: `${word}-${i}`, body: `Filler ${i}` })) as {
          ok: boolean;
        };
        expect(ack.ok).toBe(true);
      }
    } finally {
      socket.disconnect();
    }

    // The employer opens the link: the message is loaded, highlighted and scrolled into view, with its reaction.
    await employerPage.goto(link);
    await waitForContent(employerPage);
    const target = employerPage.locator('article.message--target');
    await target.waitFor();
    expect(await target.textContent()).toContain(word);
    await employerPage.waitForFunction(() => {
      const list = document.querySelector('.message-list')?.getBoundingClientRect();
      const box = document.querySelector('article.message--target')?.getBoundingClientRect();
      return !!list && !!box && box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
    });
    const list = (await employerPage.locator('.message-list').boundingBox())!;
    const seen = (await target.boundingBox())!;
    expect(seen.y).toBeGreaterThanOrEqual(list.y - 1);
    expect(seen.y + seen.height).toBeLessThanOrEqual(list.y + list.height + 1);
    const employerLang = await pageLocale(employerPage);
    const theirChip = target.getByRole('button', { name: t(employerLang, 'discussion.reactionChip', { emoji: '🎉', count: 1 }) });
    expect(await theirChip.getAttribute('aria-pressed')).toBe('false');
  });
});
