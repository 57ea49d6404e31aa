import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import PDFDocument from 'pdfkit';
import type { Download, Locator, Page } from 'playwright-core';
import { newContext, signIn, t, waitForContent } from './support/browser';

/**
 * Issue 15's "Done when", as a new user would try it: a facilitator in Geneva (a browser in Europe/Zurich) schedules a
 * Suzhou meeting at 09:00 local time, attaches the background paper to an agenda item, runs the meeting, circulates
 * the minutes, a union participant comments, the facilitator adopts them and downloads the bilingual PDF and the Word
 * file, which hold the Chinese text intact. Then a file and an image go with a message through the paperclip.
 */

const en = (key: string, values?: Record<string, string | number>) => t('en', key, values);
const zh = (key: string, values?: Record<string, string | number>) => t('zh-CN', key, values);

const stamp = Date.now().toString(36);
const TITLE = { en: `Green skills for recycling workers in Suzhou ${stamp}`, zh: `苏州回收工人的绿色技能 ${stamp}` };
const ITEM = { en: 'Skills needs of battery recycling workers', zh: '动力电池回收工人的技能需求' };
const MINUTES = {
  en: 'The park presented the survey of 40 recycling firms; the union asked for paid training time.',
  zh: '园区介绍了对40家回收企业的调查；工会要求带薪培训时间。',
};
const COMMENT = '请在纪要中写明培训费用由企业承担。';
const PEOPLE = {
  facilitator: 'Chen Jing (ILO)',
  government: 'Sun Hao (Jiangsu HRSS)',
  employers: 'Zhang Wei (Jiangsu EC)',
  workers: 'Wang Fang (Jiangsu FTU)',
};
const PAPER = `background-paper-${stamp}.pdf`;

/** A day some weeks ahead, as YYYY-MM-DD (the meeting's date at the venue). */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** HH:mm of an instant in a zone, as the reader's clock shows it. */
function clock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** A small real PDF: the background paper. */
function backgroundPaper(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text('Background paper: skills of battery recycling workers in Suzhou Industrial Park');
    doc.fontSize(11).text('Survey of 40 recycling firms, 2026. Prepared for the roundtable.');
    doc.end();
  });
}

/** The text pdf.js extracts from a PDF (run as its own process: pdf.js is an ES module). */
function pdfText(pdf: Buffer): string {
  const out = execFileSync(process.execPath, [join(__dirname, '..', 'support', 'pdf-text.mjs')], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(out.toString()) as { text: string }).text;
}

/** pdf.js may break a line anywhere: compare without whitespace. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Selects the option whose text starts with `text` (people read "Name — Organization"). */
async function choose(select: Locator, text: string): Promise<void> {
  const option = select
    .locator('option')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first();
  await option.waitFor({ state: 'attached' });
  await select.selectOption({ label: (await option.textContent()) ?? text });
}

const tab = (page: Page, locale: 'en' | 'zh-CN', key: string) =>
  page.getByRole('navigation', { name: t(locale, 'roundtables.sections') }).getByRole('link', { name: new RegExp(`^${t(locale, key)}`) });

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, bytes: await readFile(await download.path()) };
}

let facilitator: Page;
let roundtablePath = '';

describe('the official record, tried as a new user would (issue 15)', () => {
  jest.setTimeout(180_000);

  it('a facilitator in Geneva schedules a Suzhou meeting at 09:00 local time: the page shows 09:00 Suzhou and the reader’s time', async () => {
    facilitator = await (await newContext({ timezoneId: 'Europe/Zurich' })).newPage();
    const page = facilitator;
    await signIn(page, 'facilitator@greentable.demo');
    await page
      .getByRole('navigation', { name: en('shell.primaryNavigation') })
      .getByRole('link', { name: en('nav.roundtables') })
      .click();
    await page.getByRole('link', { name: en('roundtables.new') }).click();

    const title = page.getByRole('group', { name: en('roundtables.fieldTitle') });
    await title.getByLabel(en('bilingual.english')).fill(TITLE.en);
    await title.getByLabel(en('bilingual.chinese')).fill(TITLE.zh);
    // The form starts in the facilitator's own zone; the meeting is in Suzhou.
    const zone = page.getByLabel(en('record.timeZone'));
    expect(await zone.inputValue()).toBe('Europe/Zurich');
    await zone.selectOption('Asia/Shanghai');
    const day = dayAhead(30);
    await page.getByLabel(en('roundtables.startsAt')).fill(`${day}T09:00`);
    await page.getByLabel(en('roundtables.endsAt')).fill(`${day}T17:00`);
    await page.getByLabel(en('roundtables.city'), { exact: true }).fill('Suzhou');
    await page.getByLabel(en('roundtables.venue')).fill('SIP Administrative Centre');
    await page.getByRole('button', { name: en('roundtables.create') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('roundtables.created') })
      .waitFor();
    await page.getByRole('heading', { level: 1, name: TITLE.en }).waitFor();
    roundtablePath = new URL(page.url()).pathname;

    // 09:00 in Suzhou is 01:00 UTC; the reader in Geneva sees their own clock beside it.
    const start = new Date(`${day}T01:00:00Z`);
    const venue = page.locator('dl .venue-time-venue').first();
    expect(await venue.textContent()).toMatch(/09:00 Suzhou \(UTC\+8\)$/);
    expect(await page.locator('dl .venue-time-reader').first().textContent()).toMatch(
      new RegExp(`${en('record.yourTime', { time: clock(start, 'Europe/Zurich') })}$`),
    );
    expect(await page.locator('.page-header .venue-time').first().textContent()).toMatch(/09:00–17:00 Suzhou \(UTC\+8\)/);

    // The three constituents take part.
    await tab(page, 'en', 'roundtables.tab.participants').click();
    for (const person of [PEOPLE.government, PEOPLE.employers, PEOPLE.workers]) {
      await choose(page.getByRole('combobox', { name: en('participants.person'), exact: true }), person);
      await page.getByRole('button', { name: en('participants.addPersonButton') }).click();
      await page.getByRole('rowheader', { name: person }).waitFor();
    }
  });

  it('attaches the background paper (a PDF) to an agenda item through the documents panel', async () => {
    const page = facilitator;
    await tab(page, 'en', 'roundtables.tab.agenda').click();
    await page.getByRole('button', { name: en('agenda.add') }).click();
    const form = page.getByRole('form', { name: en('agenda.add') });
    const itemTitle = form.getByRole('group', { name: en('agenda.itemTitle') });
    await itemTitle.getByLabel(en('bilingual.english')).fill(ITEM.en);
    await itemTitle.getByLabel(en('bilingual.chinese')).fill(ITEM.zh);
    await form.getByRole('button', { name: en('common.save') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('agenda.added', { title: ITEM.en }).replace(/“.*”/, '') })
      .first()
      .waitFor();
    const item = page.locator('li.agenda-item').filter({ has: page.getByRole('heading', { name: ITEM.en }) });
    await item.waitFor();

    await item.locator('summary', { hasText: en('documents.show') }).click();
    const panel = item.getByRole('region', { name: en('documents.title') });
    await panel.getByText(en('documents.none')).waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), panel.getByRole('button', { name: en('documents.upload') }).click()]);
    await chooser.setFiles({ name: PAPER, mimeType: 'application/pdf', buffer: await backgroundPaper() });
    const attached = panel.getByRole('button', { name: PAPER });
    await attached.waitFor();
    // It downloads again, the same PDF.
    const { bytes } = await downloaded(page, () => attached.click());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(squeeze(pdfText(bytes))).toContain(squeeze('Background paper: skills of battery recycling workers'));
  });

  it('opens the meeting, records the minutes of the agenda item and circulates them', async () => {
    const page = facilitator;
    await page.getByRole('button', { name: en('roundtables.move.open') }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: en('roundtables.move.open') })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: en('roundtables.statusChanged', { status: en('roundtableStatus.open') }) })
      .waitFor();

    const item = page.locator('li.agenda-item').filter({ has: page.getByRole('heading', { name: ITEM.en }) });
    await item.getByRole('button', { name: en('minutes.write') }).click();
    const minutes = item.getByRole('group', { name: en('minutes.editLegend') });
    await minutes.getByLabel(en('bilingual.english')).fill(MINUTES.en);
    await minutes.getByLabel(en('bilingual.chinese')).fill(MINUTES.zh);
    await item.getByRole('button', { name: en('minutes.save') }).click();
    await item.getByText(MINUTES.en).waitFor();

    const workflow = page.locator('section.minutes-workflow');
    await workflow.getByText(en('record.status.draft'), { exact: true }).waitFor();
    await workflow.getByRole('button', { name: en('record.move.circulated') }).click();
    const circulate = page.getByRole('form', { name: en('record.move.circulated') });
    await circulate.getByLabel(en('record.deadline')).fill(`${dayAhead(7)}T18:00`);
    await circulate.getByRole('button', { name: en('record.move.circulated') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('record.moved.circulated') })
      .waitFor();
    await workflow.getByText(en('record.status.circulated'), { exact: true }).waitFor();
  });

  it('a union participant, in Chinese in a second browser, comments on the item’s minutes', async () => {
    const union = await (await newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signIn(union, 'union@greentable.demo');
    await union.goto(`${roundtablePath}?tab=agenda`);
    await waitForContent(union);
    const item = union.locator('li.agenda-item').filter({ has: union.getByRole('heading', { name: ITEM.zh }) });
    await item.getByText(MINUTES.zh).waitFor();
    await union.locator('section.minutes-workflow').getByText(zh('record.status.circulated'), { exact: true }).waitFor();
    const form = item.getByRole('form', { name: zh('record.commentOn', { number: 1 }) });
    await form.getByLabel(zh('record.yourComment')).fill(COMMENT);
    await form.getByRole('button', { name: zh('record.sendComment') }).click();
    await item.locator('.minutes-comments li').filter({ hasText: COMMENT }).waitFor();
    await union.context().close();
  });

  it('the facilitator sees the comment, adopts the minutes and downloads the bilingual PDF and the Word file, Chinese intact', async () => {
    const page = facilitator;
    await page.reload();
    await waitForContent(page);
    const item = page.locator('li.agenda-item').filter({ has: page.getByRole('heading', { name: ITEM.en }) });
    const comment = item.locator('.minutes-comments li').filter({ hasText: COMMENT });
    await comment.waitFor();
    expect(await comment.textContent()).toContain(PEOPLE.workers);

    const workflow = page.locator('section.minutes-workflow');
    await workflow.getByRole('button', { name: en('record.move.adopted') }).click();
    await page
      .getByRole('form', { name: en('record.move.adopted') })
      .getByRole('button', { name: en('record.move.adopted') })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: en('record.moved.adopted') })
      .waitFor();
    await workflow.getByText(en('record.noObjections')).waitFor();
    // Adopted minutes are no longer edited: a change is a corrigendum.
    expect(await item.getByRole('button', { name: en('minutes.edit') }).count()).toBe(0);
    await workflow.getByRole('button', { name: en('record.addCorrigendum') }).waitFor();

    const downloads = page.getByRole('group', { name: en('record.download') });
    expect(await downloads.getByLabel(en('record.language')).inputValue()).toBe('both');
    const pdf = await downloaded(page, () => downloads.getByRole('button', { name: `${en('record.download')} (${en('record.pdf')})` }).click());
    expect(pdf.download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfFlat = squeeze(pdfText(pdf.bytes));
    const docx = await downloaded(page, () => downloads.getByRole('button', { name: `${en('record.download')} (${en('record.docx')})` }).click());
    expect(docx.download.suggestedFilename()).toMatch(/\.docx$/);
    const docxFlat = squeeze((await mammoth.extractRawText({ buffer: docx.bytes })).value);

    for (const [name, text] of [
      ['PDF', pdfFlat],
      ['Word', docxFlat],
    ] as const) {
      for (const expected of [TITLE.en, TITLE.zh, ITEM.zh, MINUTES.zh, COMMENT, PAPER, ...Object.values(PEOPLE)]) {
        if (!text.includes(squeeze(expected))) throw new Error(`the ${name} record lacks “${expected}”:\n${text.slice(0, 3000)}`);
      }
    }
    // The venue's time with its zone.
    expect(pdfFlat).toContain(squeeze('09:00–17:00 Suzhou (UTC+8)'));
  });

  it('a message with a PDF and a PNG through the discussion’s paperclip shows both files, the image as a preview', async () => {
    const page = facilitator;
    await tab(page, 'en', 'roundtables.tab.discussion').click();
    const box = page.getByRole('textbox', { name: en('discussion.writeLabel') });
    await box.waitFor();
    // A real PNG: a picture of the page itself.
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 120, height: 80 } });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: en('discussion.attachments.attach') }).click()]);
    await chooser.setFiles([
      { name: 'site-plan.png', mimeType: 'image/png', buffer: png },
      { name: PAPER, mimeType: 'application/pdf', buffer: await backgroundPaper() },
    ]);
    const drafts = page.getByRole('list', { name: en('discussion.attachments.draft') });
    await drafts.getByText('site-plan.png').waitFor();
    // Both uploaded: no progress bar left.
    await drafts.getByRole('progressbar').first().waitFor({ state: 'detached' });
    const text = `The site plan and the background paper for item 1 ${stamp}`;
    await box.fill(text);
    await page.getByRole('button', { name: en('discussion.send'), exact: true }).click();

    const message = page.getByRole('article', { name: en('discussion.messageFrom', { name: PEOPLE.facilitator }) }).filter({ hasText: text });
    const files = message.getByRole('list', { name: en('discussion.attachments.label', { count: 2 }) });
    await files.getByRole('button', { name: 'site-plan.png' }).waitFor();
    await files.getByRole('button', { name: PAPER }).waitFor();
    const preview = files.getByRole('img', { name: en('discussion.attachments.preview', { name: 'site-plan.png' }) });
    await preview.waitFor();
    await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0, await preview.elementHandle());
    expect(await preview.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([120, 80]);
    // Only the image has a preview.
    expect(await files.getByRole('img').count()).toBe(1);
    const { bytes } = await downloaded(page, () => files.getByRole('button', { name: 'site-plan.png' }).click());
    expect(bytes.equals(png)).toBe(true);
  });
});
