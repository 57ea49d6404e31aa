import type { Locator, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { APP_URL, newContext, pageLocale, screenshot, sessionAccessToken, signIn, switchLanguage, t, untranslated, waitForContent } from './support/browser';

/**
 * The journeys, one role per browser context, through the real UI against the real app with the demo world.
 * They build on each other (the facilitator's roundtable and commitment are what the others act on), so they run in
 * order; the facilitator's page stays open while the others act, to see their changes arrive without a reload.
 */

const en = (key: string, values?: Record<string, string | number>) => t('en', key, values);
const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values);

const ROUNDTABLE = { en: 'Green skills for battery recycling workers', zh: '动力电池回收工人的绿色技能' };
const DECISION = {
  en: 'Train 3,000 battery recycling workers of Suzhou Industrial Park in safe dismantling by the end of 2027.',
  zh: '到2027年底，苏州工业园区培训3000名动力电池回收工人掌握安全拆解技能。',
};
const ROADMAP = 'Roadmap for supporting green jobs in Jiangsu (2020–2025)';
const PARK = 'Suzhou Industrial Park';
const PEOPLE = {
  government: 'Sun Hao (Jiangsu HRSS)',
  employers: 'Zhang Wei (Jiangsu EC)',
  workers: 'Wang Fang (Jiangsu FTU)',
};
/** Data that reads like a UI string: organizations' region is free text, "National" for the ministries. */
const DATA = ['text: National'];
const CSV_HEADER = 'indicator_code,scope_type,scope,period,disaggregation,value,source,notes';
const observationsCsv = (womenShare: string) =>
  [CSV_HEADER, `GJ.TRAINED,park,${PARK},2026,,10600,SIP training records,`, `GJ.WOMEN_SHARE,park,${PARK},2026,,${womenShare},SIP HR survey,`, ''].join('\n');

/** Selects the option whose text starts with `text` (options read "Name — Organization", "Title (2020–2025)"…). */
async function choose(select: Locator, text: string): Promise<void> {
  const option = select
    .locator('option')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first();
  await option.waitFor({ state: 'attached' }).catch(async (error: Error) => {
    throw new Error(`${error.message}\noptions: ${(await select.locator('option').allTextContents()).join(' | ')}`);
  });
  await select.selectOption({ label: (await option.textContent()) ?? text });
}

/** An access token of the page's session (the web client keeps its own in memory; the refresh cookie gives one). */
const accessToken = (page: Page) => sessionAccessToken(page);

/** A mark in the page's window: still there later means the page was not reloaded meanwhile. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { journeyMark: true }));
const stillSamePage = (page: Page) => page.evaluate(() => 'journeyMark' in window);

const inNavigation = (page: Page, locale: 'en' | 'zh-CN', key: string) =>
  page.getByRole('navigation', { name: t(locale, 'shell.primaryNavigation') }).getByRole('link', { name: t(locale, key) });
const tab = (page: Page, locale: 'en' | 'zh-CN', sections: string, key: string) =>
  page.getByRole('navigation', { name: t(locale, sections) }).getByRole('link', { name: new RegExp(`^${t(locale, key)}`) });

/** One constituency's column of stated positions on a commitment page. */
const positionsOf = (page: Page, locale: 'en' | 'zh-CN', constituency: string) =>
  page.getByRole('region', { name: t(locale, 'positions.title') }).getByRole('region', { name: t(locale, `constituencyPlural.${constituency}`) });

/** The balance warning a facilitator sees above the roundtable's sections, and the verdict badge of the overview. */
const balanceWarning = (page: Page) => page.locator('.balance-warning');
const verdict = (page: Page, value: string) => page.locator('.badge').filter({ hasText: en(`verdict.${value}`) });

function isoDay(daysFromNow: number): string {
  return new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);
}

let facilitator: Page;
let roundtablePath = '';
let commitmentPath = '';

describe('browser journeys', () => {
  it('facilitator: creates a roundtable, invites the three constituents, opens it, records a decision, promotes it and links an indicator', async () => {
    facilitator = await (await newContext()).newPage();
    const page = facilitator;
    await signIn(page, 'facilitator@greentable.demo');

    await inNavigation(page, 'en', 'nav.roundtables').click();
    await page.getByRole('link', { name: en('roundtables.new') }).click();
    const title = page.getByRole('group', { name: en('roundtables.fieldTitle') });
    await title.getByLabel(en('bilingual.english')).fill(ROUNDTABLE.en);
    await title.getByLabel(en('bilingual.chinese')).fill(ROUNDTABLE.zh);
    await page
      .getByRole('group', { name: en('roundtables.description') })
      .getByLabel(en('bilingual.english'))
      .fill('Tripartite round table on skills and safety in battery dismantling and recycling.');
    await page.getByLabel(en('roundtables.startsAt')).fill(`${isoDay(21)}T09:00`);
    await page.getByLabel(en('roundtables.endsAt')).fill(`${isoDay(21)}T17:00`);
    await page.getByLabel(en('roundtables.city'), { exact: true }).fill('Suzhou');
    await page.getByLabel(en('roundtables.venue')).fill('SIP Administrative Centre');
    await page.getByRole('button', { name: en('roundtables.create') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('roundtables.created') })
      .waitFor();
    await page.getByRole('heading', { level: 1, name: ROUNDTABLE.en }).waitFor();
    roundtablePath = new URL(page.url()).pathname;

    // Only the facilitator (international) takes part: all three constituents are missing.
    const constituency = (c: string) => en(`constituency.${c}`);
    await balanceWarning(page).getByText(en('balance.warningMissingTitle')).waitFor();
    const missingText = balanceWarning(page).getByText(en('balance.missingText.invited', { constituencies: '' }).slice(0, 12));
    for (const c of ['government', 'employers', 'workers']) expect(await missingText.textContent()).toContain(constituency(c));
    await verdict(page, 'missing').waitFor();

    await tab(page, 'en', 'roundtables.sections', 'roundtables.tab.participants').click();
    const invite = async (name: string, stillMissing: string[]) => {
      await choose(page.getByRole('combobox', { name: en('participants.person'), exact: true }), name);
      await page.getByRole('button', { name: en('participants.addPersonButton') }).click();
      await page.getByRole('rowheader', { name }).waitFor();
      if (stillMissing.length) {
        // The warning now names only the constituents still missing.
        await balanceWarning(page)
          .getByText(stillMissing.map(constituency).join(en('common.listSeparator')))
          .waitFor();
      }
    };
    await invite(PEOPLE.government, ['employers', 'workers']);
    await invite(PEOPLE.employers, ['workers']);
    await invite(PEOPLE.workers, []);
    await balanceWarning(page).waitFor({ state: 'detached' });
    await tab(page, 'en', 'roundtables.sections', 'roundtables.tab.overview').click();
    await verdict(page, 'balanced').waitFor();
    expect(await verdict(page, 'missing').count()).toBe(0);

    // Open the meeting.
    await page.getByRole('button', { name: en('roundtables.move.open') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: en('roundtables.move.open') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('roundtables.statusChanged', { status: en('roundtableStatus.open') }) })
      .waitFor();

    // Record a decision, in both languages.
    await tab(page, 'en', 'roundtables.sections', 'roundtables.tab.decisions').click();
    await page.getByRole('button', { name: en('decisions.add') }).click();
    const decisionForm = page.getByRole('form', { name: en('decisions.add') });
    const decisionText = decisionForm.getByRole('group', { name: en('decisions.text') });
    await decisionText.getByLabel(en('bilingual.english')).fill(DECISION.en);
    await decisionText.getByLabel(en('bilingual.chinese')).fill(DECISION.zh);
    await decisionForm.getByRole('button', { name: en('common.save') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('decisions.recorded') })
      .waitFor();
    await page.getByText(DECISION.en).waitFor();

    // Promote it into a commitment on the roadmap.
    await page.getByRole('button', { name: en('decisions.promote') }).click();
    const promote = page.getByRole('form', { name: en('decisions.promoteTitle') });
    await choose(promote.getByLabel(en('actionItem.roadmap')), ROADMAP);
    await choose(promote.getByLabel(en('actionItem.leadOrganization')), 'Jiangsu Provincial Department of Human Resources and Social Security');
    await promote.getByLabel(en('actionItem.policyArea')).selectOption({ label: en('policyArea.skills') });
    await promote.getByLabel(en('actionItem.dueDate')).fill('2027-12-31');
    await promote.getByRole('button', { name: en('decisions.promoteSubmit') }).click();
    await page.getByRole('link', { name: en('decisions.openCommitment') }).click();
    await page.getByRole('heading', { level: 1, name: DECISION.en }).waitFor();
    commitmentPath = new URL(page.url()).pathname;
    await page
      .getByText(`${en('actionItem.consensusLabel')}${en('common.colon')}${en('consensus.pending')}`)
      .first()
      .waitFor();

    // Link the indicator it should move, with baseline and target.
    const indicators = page.getByRole('region', { name: en('indicators.title') });
    await indicators.getByRole('button', { name: en('links.add') }).click();
    const link = page.getByRole('form', { name: en('links.addTitle') });
    await choose(link.getByLabel(en('indicators.indicator')), 'GJ.TRAINED');
    await choose(link.getByRole('combobox', { name: en('indicators.scopeType.park'), exact: true }), PARK);
    await link.getByLabel(en('links.baselineValue')).fill('8800');
    await link.getByLabel(en('links.baselineDate')).fill('2025-12-31');
    await link.getByLabel(en('links.targetValue')).fill('12000');
    await link.getByLabel(en('links.targetDate')).fill('2027-12-31');
    await link.getByRole('button', { name: en('links.add') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('links.added', { code: 'GJ.TRAINED' }) })
      .waitFor();
    await indicators.getByRole('listitem').filter({ hasText: 'GJ.TRAINED' }).getByText(en('trajectory.no_data')).waitFor();
    await screenshot(page, 'facilitator');
  });

  it('union member, at the same time: sees the roundtable, posts in its live discussion (the facilitator sees it without a reload) and supports with reservations', async () => {
    const union = await (await newContext({ locale: 'zh-CN' })).newPage();
    await signIn(union, 'union@greentable.demo');
    expect(await pageLocale(union)).toBe('zh-CN');

    await inNavigation(union, 'zh-CN', 'nav.roundtables').click();
    await union.getByRole('link', { name: ROUNDTABLE.zh }).click();
    await union.getByRole('heading', { level: 1, name: ROUNDTABLE.zh }).waitFor();

    // The facilitator follows the roundtable's discussion.
    await facilitator.goto(`${roundtablePath}?tab=discussion`);
    await facilitator.getByRole('textbox', { name: en('discussion.writeLabel') }).waitFor();
    await markPage(facilitator);

    await tab(union, 'zh-CN', 'roundtables.sections', 'roundtables.tab.discussion').click();
    const message = '工会支持这项培训，但要求培训在工作时间内进行，并由企业承担费用。';
    await union.getByRole('textbox', { name: zh('discussion.writeLabel') }).fill(message);
    await union.getByRole('button', { name: zh('discussion.send') }).click();
    await union
      .getByRole('article', { name: zh('discussion.messageFrom', { name: PEOPLE.workers }) })
      .filter({ hasText: message })
      .waitFor();

    await facilitator
      .getByRole('article', { name: en('discussion.messageFrom', { name: PEOPLE.workers }) })
      .filter({ hasText: message })
      .waitFor();
    expect(await stillSamePage(facilitator)).toBe(true);

    // Both open the commitment; the union states its position and the facilitator's badge follows.
    await facilitator.goto(commitmentPath);
    const consensusBadge = facilitator.locator('.header-meta').getByText(en('actionItem.consensusLabel'));
    await consensusBadge.filter({ hasText: en('consensus.pending') }).waitFor();
    await markPage(facilitator);

    await tab(union, 'zh-CN', 'roundtables.sections', 'roundtables.tab.decisions').click();
    await union.getByRole('link', { name: zh('decisions.viewCommitment') }).click();
    await union.getByRole('heading', { level: 1, name: DECISION.zh }).waitFor();
    const form = union.getByRole('form', { name: new RegExp(`^${zh('positions.stateTitle')}`) });
    await form.getByRole('radio', { name: zh('stance.support_with_reservations') }).check();
    await form.getByLabel(zh('positions.statement')).fill('前提是培训计入工作时间，费用由企业承担。');
    await form.getByRole('button', { name: zh('positions.submit') }).click();
    await union
      .getByRole('status')
      .filter({ hasText: zh('positions.stated', { stance: zh('stance.support_with_reservations') }) })
      .waitFor();

    await consensusBadge.filter({ hasText: en('consensus.partial') }).waitFor();
    await positionsOf(facilitator, 'en', 'workers').getByText(en('stance.support_with_reservations')).waitFor();
    expect(await stillSamePage(facilitator)).toBe(true);
    // The facilitator is told someone else changed it; the union, who made the change, is not.
    const liveNote = (locale: 'en' | 'zh-CN') =>
      t(locale, 'actionItem.liveChanged', { status: t(locale, 'actionItemStatus.proposed'), consensus: t(locale, 'consensus.partial') });
    await facilitator
      .getByRole('status')
      .filter({ hasText: liveNote('en') })
      .waitFor();
    expect(await union.getByText(liveNote('zh-CN')).count()).toBe(0);
    await screenshot(union, 'union-member');
  });

  it("employers' representative: supports, and with the government's support the facilitator's consensus badge turns live", async () => {
    const consensusBadge = facilitator.locator('.header-meta').getByText(en('actionItem.consensusLabel'));
    const statePosition = async (page: Page, locale: 'en' | 'zh-CN', stance: string) => {
      const form = page.getByRole('form', { name: new RegExp(`^${t(locale, 'positions.stateTitle')}`) });
      await form.getByRole('radio', { name: t(locale, `stance.${stance}`), exact: true }).check();
      await form.getByRole('button', { name: t(locale, 'positions.submit') }).click();
      await page
        .getByRole('status')
        .filter({ hasText: t(locale, 'positions.stated', { stance: t(locale, `stance.${stance}`) }) })
        .waitFor();
    };

    // The government member (in Chinese) supports first: still partial, the employers have not spoken.
    const government = await (await newContext({ locale: 'zh-CN' })).newPage();
    await signIn(government, 'government@greentable.demo');
    await government.goto(commitmentPath);
    await statePosition(government, 'zh-CN', 'support');
    await positionsOf(facilitator, 'en', 'government').getByText(en('stance.support')).waitFor();
    expect(await consensusBadge.textContent()).toContain(en('consensus.partial'));

    // The employers' representative finds the commitment on the roadmap board.
    const employer = await (await newContext()).newPage();
    await signIn(employer, 'employer@greentable.demo');
    await inNavigation(employer, 'en', 'nav.roadmap').click();
    await employer.getByRole('link', { name: ROADMAP }).click();
    await employer.getByRole('link', { name: DECISION.en }).click();
    await employer.getByRole('heading', { level: 1, name: DECISION.en }).waitFor();
    await statePosition(employer, 'en', 'support');

    await consensusBadge.filter({ hasText: en('consensus.consensus') }).waitFor();
    await facilitator
      .getByRole('status')
      .filter({ hasText: en('consensus.consensus') })
      .waitFor();
    expect(await stillSamePage(facilitator)).toBe(true);
    expect(
      await employer.getByText(en('actionItem.liveChanged', { status: en('actionItemStatus.proposed'), consensus: en('consensus.consensus') })).count(),
    ).toBe(0);
    await screenshot(employer, 'employers-representative');
    await screenshot(facilitator, 'facilitator-consensus');
  });

  it("union member and employers' representative talk live; the employer drops off the network, comes back and finds everything missed, once", async () => {
    const employerContext = await newContext({ locale: 'en' });
    const employer = await employerContext.newPage();
    await signIn(employer, 'employer@greentable.demo');
    await employer.goto(`${roundtablePath}?tab=discussion`);
    const union = await (await newContext({ locale: 'zh-CN' })).newPage();
    await signIn(union, 'union@greentable.demo');
    await union.goto(`${roundtablePath}?tab=discussion`);
    const post = async (page: Page, locale: 'en' | 'zh-CN', text: string) => {
      await page.getByRole('textbox', { name: t(locale, 'discussion.writeLabel') }).fill(text);
      await page.getByRole('button', { name: t(locale, 'discussion.send'), exact: true }).click();
    };
    const message = (page: Page, locale: 'en' | 'zh-CN', author: string, text: string) =>
      page.getByRole('article', { name: t(locale, 'discussion.messageFrom', { name: author }) }).filter({ hasText: text });

    const offer = 'Employers can fund the training if the park co-finances the trainers.';
    await post(employer, 'en', offer);
    await message(union, 'zh-CN', PEOPLE.employers, offer).waitFor();

    // The employer's laptop loses the network: the panel says so, while the union keeps talking.
    await employerContext.setOffline(true);
    await employer.getByText(en('discussion.offline')).waitFor();
    const missed = ['工会同意园区共同出资。', '请在下次圆桌会议前提交培训名额。'];
    for (const text of missed) {
      await post(union, 'zh-CN', text);
      await message(union, 'zh-CN', PEOPLE.workers, text).waitFor();
    }
    expect(await employer.getByRole('article').filter({ hasText: missed[0] }).count()).toBe(0);
    // What the employer writes meanwhile is kept, and sent once the connection is back.
    const writtenOffline = 'Agreed: we will send the list of trainees before the next roundtable.';
    await post(employer, 'en', writtenOffline);

    // Back online: it catches up on everything it missed, and nothing shows twice.
    await employerContext.setOffline(false);
    for (const text of missed) await message(employer, 'en', PEOPLE.workers, text).waitFor({ timeout: 30_000 });
    await message(union, 'zh-CN', PEOPLE.employers, writtenOffline).waitFor({ timeout: 30_000 });
    for (const text of [offer, ...missed, writtenOffline]) {
      expect(await employer.getByRole('article').filter({ hasText: text }).count()).toBe(1);
      expect(await union.getByRole('article').filter({ hasText: text }).count()).toBe(1);
    }
    await screenshot(employer, 'employer-back-online');
  });

  it('park data officer: imports a CSV with a bad row, reads the row report, fixes it and re-imports; the facilitator verifies and the trajectory changes', async () => {
    const park = await (await newContext()).newPage();
    await signIn(park, 'park@greentable.demo');
    await inNavigation(park, 'en', 'nav.indicators').click();
    await park
      .getByRole('navigation', { name: en('indicatorNav.label') })
      .getByRole('link', { name: en('indicatorNav.import') })
      .click();

    const file = park.getByLabel(en('import.file'), { exact: true });
    await file.setInputFiles({ name: 'sip-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(observationsCsv('142')) });
    await park.getByRole('button', { name: en('import.upload') }).click();
    await park.getByRole('heading', { name: en('import.rejectedTitle') }).waitFor();
    const report = park.getByRole('table', { name: en('import.errorsCaption') });
    const rows = report.getByRole('row').filter({ has: park.getByRole('rowheader') });
    expect(await rows.count()).toBe(1);
    expect(await rows.getByRole('rowheader').textContent()).toBe('3');
    expect(await rows.getByRole('cell').first().textContent()).toBe('value');
    expect(await rows.getByRole('cell').last().textContent()).toBe(en('errors.field.percent'));
    await screenshot(park, 'park-data-officer-row-report');

    await file.setInputFiles({ name: 'sip-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(observationsCsv('42.1')) });
    await park.getByRole('button', { name: en('import.upload') }).click();
    await park.getByRole('heading', { name: en('import.acceptedTitle') }).waitFor();
    await park.getByText(en('import.acceptedText', { count: 2, file: 'sip-2026.csv' })).waitFor();
    await screenshot(park, 'park-data-officer');

    // The facilitator verifies both values.
    await facilitator.goto(commitmentPath);
    const linkItem = facilitator
      .getByRole('region', { name: en('indicators.title') })
      .getByRole('listitem')
      .filter({ hasText: 'GJ.TRAINED' });
    await linkItem.getByText(en('trajectory.no_data')).waitFor();
    await inNavigation(facilitator, 'en', 'nav.indicators').click();
    await facilitator
      .getByRole('navigation', { name: en('indicatorNav.label') })
      .getByRole('link', { name: en('indicatorNav.verification') })
      .click();
    for (const code of ['GJ.TRAINED', 'GJ.WOMEN_SHARE']) {
      const what = `${code} 2026`;
      await facilitator.getByRole('button', { name: en('verification.verifyNamed', { what }) }).click();
      await facilitator
        .getByRole('status')
        .filter({ hasText: en('verification.verified', { what }) })
        .waitFor();
    }
    // Other browser suites share this server and may have values of their own waiting: these two rows are gone.
    for (const code of ['GJ.TRAINED', 'GJ.WOMEN_SHARE']) {
      await facilitator.getByRole('button', { name: en('verification.verifyNamed', { what: `${code} 2026` }) }).waitFor({ state: 'detached' });
    }

    // The commitment's trajectory moves from "no data" to "on track", and the chart has the 2026 point.
    await facilitator.goto(commitmentPath);
    await linkItem.getByText(en('trajectory.on_track')).waitFor();
    await linkItem.getByRole('link', { name: en('links.viewChart') }).click();
    const chart = facilitator.getByRole('img', { name: /GJ\.TRAINED/ });
    await chart.waitFor();
    await facilitator.getByRole('button', { name: en('chart.showTable') }).click();
    await facilitator.getByRole('cell', { name: '10,600 persons' }).first().waitFor();
    await facilitator.getByRole('note').getByText(en('trajectory.on_track')).waitFor();
    await screenshot(facilitator, 'facilitator-chart');
  });

  it('observer: reads the dashboard, finds no way to post, and the server refuses a post too', async () => {
    const page = await (await newContext()).newPage();
    await signIn(page, 'observer@greentable.demo');

    await inNavigation(page, 'en', 'nav.discussions').click();
    await page.getByText(en('discussion.readOnly')).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);

    await page.goto(commitmentPath);
    await page.getByRole('heading', { level: 1, name: DECISION.en }).waitFor();
    await positionsOf(page, 'en', 'workers').getByText(en('stance.support_with_reservations')).waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('button', { name: en('positions.submit') }).count()).toBe(0);

    // The server refuses what the page does not offer, with the observer's own session.
    const token = await accessToken(page);
    const commitmentId = commitmentPath.split('/').pop();
    const position = await fetch(`${APP_URL}/api/action-items/${commitmentId}/positions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ stance: 'oppose', statement: 'observers do not take sides' }),
    });
    expect(position.status).toBe(403);
    const lobby = (await (await fetch(`${APP_URL}/api/channels?kind=lobby`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      items: { id: string }[];
    };
    const socket = io(APP_URL, { auth: { token }, transports: ['websocket'] });
    try {
      const ack = await socket
        .timeout(10_000)
        .emitWithAck('message:send', { channelId: lobby.items[0].id, clientMessageId: 'observer-journey-1', body: 'May I post?' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      socket.disconnect();
    }
    const history = (await (
      await fetch(`${APP_URL}/api/channels/${lobby.items[0].id}/messages?limit=50`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      items: { body: string }[];
    };
    expect(history.items.map((m) => m.body)).not.toContain('May I post?');

    // The dashboard is there to read.
    await inNavigation(page, 'en', 'nav.roadmap').click();
    await page.getByRole('link', { name: ROADMAP }).click();
    await tab(page, 'en', 'roadmaps.views', 'roadmaps.tab.dashboard').click();
    const summary = page.getByRole('region', { name: en('dashboard.summary') });
    await summary.getByText(en('dashboard.total')).waitFor();
    await page.getByRole('img', { name: new RegExp(`^${en('dashboard.byConsensus')}`) }).waitFor();
    await page.getByRole('img', { name: new RegExp(`^${en('dashboard.linksByTrajectory')}`) }).waitFor();
    // The commitment the facilitator promoted is there, with its linked indicator.
    await page
      .getByRole('table', { name: en('dashboard.byCommitment') })
      .getByRole('link', { name: DECISION.en })
      .waitFor();
    await waitForContent(page);
    await screenshot(page, 'observer');
  });

  it('any user: switches to 简体中文 and every page speaks Chinese', async () => {
    const page = await (await newContext()).newPage();
    const english: string[] = [];
    const latin: string[] = [];
    const check = async (name: string, path: string) => {
      await page.goto(path);
      await waitForContent(page).catch(async (error: Error) => {
        await screenshot(page, `chinese-${name.replace(/\W+/g, '-')}`);
        throw new Error(`${name} (${path}): ${error.message}`);
      });
      expect(await pageLocale(page)).toBe('zh-CN');
      const found = await untranslated(page);
      english.push(...found.english.filter((s) => !DATA.includes(s)).map((s) => `${name}: ${s}`));
      latin.push(...found.latin.map((s) => `${name}: ${s}`));
    };

    // Before signing in, on the sign-in page; then the account's own language (English) until switched again.
    await page.goto('/signin');
    await switchLanguage(page, 'zh-CN');
    await check('sign in', '/signin');
    await signIn(page, 'admin@greentable.demo');
    expect(await pageLocale(page)).toBe('en');
    await switchLanguage(page, 'zh-CN');
    try {
      const pages: [string, string][] = [
        ['home', '/'],
        ['roundtables', '/roundtables'],
        ['roundtable', roundtablePath],
        ['roundtable participants', `${roundtablePath}?tab=participants`],
        ['roundtable decisions', `${roundtablePath}?tab=decisions`],
        ['roundtable discussion', `${roundtablePath}?tab=discussion`],
        ['working groups', '/working-groups'],
        ['roadmaps', '/roadmaps'],
        ['commitment', commitmentPath],
        ['discussions', '/discussions'],
        ['indicators', '/indicators'],
        ['indicator GJ.TRAINED', '/indicators/GJ.TRAINED?scopeType=park'],
        ['parks', '/indicators/parks'],
        ['import', '/indicators/import'],
        ['verification', '/indicators/verification'],
        ['directory', '/directory'],
        ['invitations', '/invitations'],
        ['admin organizations', '/admin/organizations'],
        ['admin users', '/admin/users'],
        ['admin activity', '/admin/activity'],
      ];
      for (const [name, path] of pages) await check(name, path);
      await page.goto('/roadmaps');
      await page.getByRole('link', { name: '江苏支持绿色就业路线图（2020–2025）' }).click();
      await page.getByRole('navigation', { name: zh('roadmaps.views') }).waitFor();
      const roadmapPath = new URL(page.url()).pathname;
      for (const view of ['board', 'table', 'dashboard']) await check(`roadmap ${view}`, view === 'board' ? roadmapPath : `${roadmapPath}/${view}`);
      if (latin.length) console.log(`Latin text on the Chinese pages (data, or to translate):\n${[...new Set(latin)].join('\n')}`);
      expect(english).toEqual([]);
      await screenshot(page, 'chinese');
    } finally {
      // The choice is saved to the account: put it back for whoever signs in as the admin next.
      await fetch(`${APP_URL}/api/auth/me`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${await accessToken(page)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ locale: 'en' }),
      });
    }
  });
});
