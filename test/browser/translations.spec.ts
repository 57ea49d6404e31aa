import { apiCall, APP_URL, newContext, pageLocale, signIn, t, tokenOf, waitForContent } from './support/browser';

/** A statement written in English, translated later by a facilitator, as a union representative reading Chinese meets it. */

describe('translations added later', () => {
  it("a Chinese reader of a commitment sees the employers' statement in Chinese, translated by the facilitator, and can see the original", async () => {
    const employer = await tokenOf('employer@greentable.demo');
    const facilitator = await tokenOf('facilitator@greentable.demo');
    const items = await apiCall<{ items: { id: string }[] }>('GET', '/action-items?limit=1', employer);
    const itemId = items.items[0].id;
    const original = `We support this if small firms get two years to comply (${Date.now().toString(36)}).`;
    const translated = `如果小企业有两年的过渡期，我们支持这一承诺（${Date.now().toString(36)}）。`;
    const detail = await apiCall<{ positions: { id: string; statement: string }[] }>('POST', `/action-items/${itemId}/positions`, employer, {
      stance: 'support_with_reservations',
      statement: original,
    });
    const position = detail.positions.find((p) => p.statement === original)!;
    const me = await apiCall<{ displayName: string; nameZh?: string | null }>('GET', '/auth/me', facilitator);
    await apiCall('PUT', '/translations', facilitator, { kind: 'position', targetId: position.id, lang: 'zh', text: translated });

    const page = await (await newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, 'union@greentable.demo');
    const zh = await pageLocale(page);
    expect(zh).toBe('zh-CN');
    await page.goto(`${APP_URL}/action-items/${itemId}`);
    await waitForContent(page);
    const statement = page.locator('.position-statement').filter({ hasText: translated });
    await statement.waitFor();
    // A Chinese reader sees the translator's Chinese name where one is recorded.
    expect(await statement.textContent()).toContain(t(zh, 'translations.translatedBy', { name: me.nameZh ?? me.displayName }));
    expect(await statement.textContent()).not.toContain(original);

    await statement.getByRole('button', { name: t(zh, 'translations.showOriginal') }).click();
    const shownOriginal = page.locator('.position-statement').filter({ hasText: original });
    await shownOriginal.waitFor();
    expect(await shownOriginal.getAttribute('class')).toContain('translated-text');
  });

  it('an English reader of the same commitment reads the statement as it was written', async () => {
    const employer = await tokenOf('employer@greentable.demo');
    const items = await apiCall<{ items: { id: string }[] }>('GET', '/action-items?limit=1', employer);
    const positions = await apiCall<{ items: { statement: string; organization: { id: string } }[] }>(
      'GET',
      `/action-items/${items.items[0].id}/positions`,
      employer,
    );
    const me = await apiCall<{ organization: { id: string } }>('GET', '/auth/me', employer);
    const ours = positions.items.find((p) => p.organization.id === me.organization.id)!;

    const page = await (await newContext()).newPage();
    await signIn(page, 'facilitator@greentable.demo');
    const locale = await pageLocale(page);
    await page.goto(`${APP_URL}/action-items/${items.items[0].id}`);
    await waitForContent(page);
    const statement = page.locator('.position-statement').filter({ hasText: ours.statement });
    await statement.waitFor();
    expect(await statement.textContent()).not.toContain(t(locale, 'translations.showOriginal'));
  });
});
