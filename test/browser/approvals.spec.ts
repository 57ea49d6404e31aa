import type { Locator, Page } from 'playwright-core';
import { apiCall, checkAxe, DEMO_PASSWORD, newContext, signIn, t, tokenOf, waitForContent } from './support/browser';

/**
 * Approvals a ministry runs from the screen: an admin gives a city-level approver role on Admin → Approvers; the
 * park's officer submits a quarter on the park's page; the city's approver sees Approve and approves, while a member
 * of another organization sees no such button; the province's approver approves, which locks the quarter; the admin
 * unlocks it with a reason, and the row shows it reopened with the reason in its steps. A facilitator reads the
 * approvers but may not change them.
 *
 * Everything is its own: a province, city and park of this run, organizations and people invited through the API.
 */

const en = (key: string, values?: Record<string, string | number>) => t('en', key, values);

const stamp = Date.now().toString(36);
const PROVINCE = `Approvals ${stamp}`;
const CITY = `Wuxi ${stamp}`;
const PARK = `Approvals Park ${stamp}`;
const PASSWORD = `green tables approve ${stamp} quarters`;
/** The first quarter of last year: begun, so it may be submitted. */
const YEAR = new Date().getUTCFullYear() - 1;
const QUARTER = `${YEAR}-Q1`;
/** The quarter as the page writes it in English (client/src/indicators/periods.ts). */
const quarterName = `Q1 ${YEAR}`;
const REASON = `The park found a double count in February (${stamp})`;

type Person = { email: string; displayName: string; organization: string };

async function signedIn(email: string, password = PASSWORD): Promise<Page> {
  const page = await (await newContext()).newPage();
  await signIn(page, email, password);
  return page;
}

/** The row of the quarter in the park's approvals. */
const quarterRow = (page: Page): Locator => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: quarterName }) });

describe('approvals from the screen: approver roles, approve, lock and unlock', () => {
  let adminToken: string;
  let parkId: string;

  /** The park's page, as the person signs in and opens it. */
  const parkPageAs = async (email: string, password = PASSWORD): Promise<Page> => {
    const page = await signedIn(email, password);
    await page.goto(`/parks/${parkId}`);
    await waitForContent(page);
    return page;
  };
  let officer: Person;
  let cityApprover: Person;
  let provinceApprover: Person;
  let outsider: Person;

  /** An organization of this run, and a member invited into it who accepts. */
  const organization = async (name: string, constituency: string) =>
    (await apiCall<{ id: string }>('POST', '/organizations', adminToken, { name: { en: name, zh: `${name}（测试）` }, constituency })).id;
  const invite = async (organizationId: string, organizationName: string, displayName: string): Promise<Person> => {
    const email = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@approvals.test`;
    const invitation = await apiCall<{ token: string }>('POST', '/invitations', adminToken, { email, organizationId, role: 'member' });
    await apiCall('POST', `/invitations/${invitation.token}/accept`, null, { displayName, password: PASSWORD });
    return { email, displayName, organization: organizationName };
  };

  beforeAll(async () => {
    adminToken = await tokenOf('admin@greentable.demo');
    const parkOrg = `Approvals Park Company ${stamp}`;
    const bureau = `Approvals Statistics Bureau ${stamp}`;
    const union = `Approvals Union ${stamp}`;
    const [parkOrgId, bureauId, unionId] = [
      await organization(parkOrg, 'park_management'),
      await organization(bureau, 'government'),
      await organization(union, 'workers'),
    ];
    parkId = (
      await apiCall<{ id: string }>('POST', '/parks', adminToken, {
        name: { en: PARK, zh: `审批园区 ${stamp}` },
        city: CITY,
        province: PROVINCE,
        level: 'provincial',
        organizationId: parkOrgId,
      })
    ).id;
    // Names starting with "A", so they come early in the admin's list of people.
    officer = await invite(parkOrgId, parkOrg, `Aofficer ${stamp}`);
    cityApprover = await invite(bureauId, bureau, `Acity Approver ${stamp}`);
    provinceApprover = await invite(bureauId, bureau, `Aprovince Approver ${stamp}`);
    outsider = await invite(unionId, union, `Aoutsider ${stamp}`);
    const province = await apiCall<{ items: { id: string; email: string }[] }>(
      'GET',
      `/users?q=${encodeURIComponent(provinceApprover.displayName)}`,
      adminToken,
    );
    await apiCall('POST', '/approvals/approvers', adminToken, {
      userId: province.items.find((u) => u.email === provinceApprover.email)!.id,
      level: 'province',
      province: PROVINCE,
    });
  });

  it('an admin gives a city-level approver role on Admin → Approvers; the same role twice is refused at the person', async () => {
    const admin = await signedIn('admin@greentable.demo', DEMO_PASSWORD);
    await admin.goto('/admin');
    await waitForContent(admin);
    await admin
      .getByRole('navigation', { name: en('adminNav.label') })
      .getByRole('link', { name: en('adminNav.approvers') })
      .click();
    await admin.getByRole('heading', { level: 1, name: en('approvers.title') }).waitFor();
    await waitForContent(admin);

    const grant = async () => {
      await admin.getByRole('button', { name: en('approvers.new') }).click();
      const form = admin.getByRole('region', { name: en('approvers.new') });
      await form.getByLabel(en('approvers.person')).selectOption({ label: `${cityApprover.displayName} — ${cityApprover.organization}` });
      await form.getByLabel(en('approvers.levelLabel')).selectOption({ label: en('approvers.level.city') });
      await form.getByLabel(en('approvers.province')).selectOption(PROVINCE);
      await form.getByLabel(en('approvers.city')).selectOption(CITY);
      await form.getByRole('button', { name: en('approvers.grant') }).click();
      return form;
    };
    await grant();
    const area = `${CITY}, ${PROVINCE}`;
    await admin
      .getByRole('status')
      .filter({ hasText: en('approvers.granted.city', { name: cityApprover.displayName, area }) })
      .waitFor();
    const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: cityApprover.displayName }) });
    await row.getByRole('cell', { name: cityApprover.organization, exact: true }).waitFor();
    await row.getByRole('cell', { name: en('approvers.level.city'), exact: true }).waitFor();
    await row.getByRole('cell', { name: area, exact: true }).waitFor();

    // Again: the server's 409 is said at the person, and the form stays open.
    const form = await grant();
    await form.getByText(en('errors.field.approverTaken')).waitFor();
    await expect(form.getByLabel(en('approvers.person')).getAttribute('aria-invalid')).resolves.toBe('true');
    await checkAxe(admin, 'approvers, form open with an error');
    await form.getByRole('button', { name: en('common.cancel') }).click();
    expect(
      await admin
        .getByRole('row')
        .filter({ has: admin.getByRole('rowheader', { name: cityApprover.displayName }) })
        .count(),
    ).toBe(1);
    await admin.context().close();
  });

  it('the officer submits a quarter; a member of another organization sees no Approve; the city approver approves it', async () => {
    const park = await parkPageAs(officer.email);
    const submit = park.getByRole('form', { name: en('approvals.submitTitle') });
    await submit.getByLabel(en('approvals.period')).fill(QUARTER);
    await submit.getByRole('button', { name: en('approvals.submit') }).click();
    await park
      .getByRole('status')
      .filter({ hasText: en('approvals.submitted', { period: quarterName }) })
      .waitFor();
    // The officer may submit, not approve.
    expect(await quarterRow(park).getByRole('button').count()).toBe(0);
    await park.context().close();

    const other = await parkPageAs(outsider.email);
    await quarterRow(other).getByText(en('approvals.awaiting.city')).waitFor();
    expect(await quarterRow(other).getByRole('button').count()).toBe(0);
    await other.context().close();

    // The province's approver waits for the city: no button yet.
    const early = await parkPageAs(provinceApprover.email);
    await quarterRow(early).getByText(en('approvals.awaiting.city')).waitFor();
    expect(await quarterRow(early).getByRole('button').count()).toBe(0);
    await early.context().close();

    const city = await parkPageAs(cityApprover.email);
    await quarterRow(city)
      .getByRole('button', { name: en('approvals.approveAs.city', { period: quarterName }) })
      .click();
    await city
      .getByRole('status')
      .filter({ hasText: en('approvals.approved', { period: quarterName }) })
      .waitFor();
    await quarterRow(city).getByText(en('approvals.stateName.city_approved'), { exact: true }).waitFor();
    expect(await quarterRow(city).getByRole('button').count()).toBe(0);
    await city.context().close();
  });

  it('the province approver approves, which locks it; the admin unlocks it with a reason and the row shows it reopened', async () => {
    const province = await parkPageAs(provinceApprover.email);
    await quarterRow(province)
      .getByRole('button', { name: en('approvals.approveAs.province', { period: quarterName }) })
      .click();
    await province
      .getByRole('status')
      .filter({ hasText: en('approvals.approvedLocked', { period: quarterName }) })
      .waitFor();
    await quarterRow(province).getByText(en('approvals.stateName.locked'), { exact: true }).waitFor();
    // Only an admin unlocks.
    expect(await quarterRow(province).getByRole('button').count()).toBe(0);
    await province.context().close();

    const admin = await parkPageAs('admin@greentable.demo', DEMO_PASSWORD);
    await quarterRow(admin).getByText(en('approvals.stateName.locked'), { exact: true }).waitFor();
    await quarterRow(admin)
      .getByRole('button', { name: en('approvals.unlockNamed', { period: quarterName }) })
      .click();
    const dialog = admin.getByRole('dialog', { name: en('approvals.unlockTitle', { period: quarterName }) });
    // The reason is required: nothing is sent without one.
    await dialog.getByRole('button', { name: en('approvals.unlock') }).click();
    await dialog.getByText(en('errors.field.required')).waitFor();
    await quarterRow(admin).getByText(en('approvals.stateName.locked'), { exact: true }).waitFor();
    await checkAxe(admin, 'park page, unlock dialog');
    await dialog.getByLabel(en('approvals.unlockReason')).fill(REASON);
    await dialog.getByRole('button', { name: en('approvals.unlock') }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: en('approvals.unlocked', { period: quarterName }) })
      .waitFor();
    const row = quarterRow(admin);
    await row.getByText(en('approvals.stateName.reopened'), { exact: true }).waitFor();
    const steps = row.getByRole('listitem');
    await steps
      .filter({ hasText: en('approvals.step.unlocked') })
      .filter({ hasText: REASON })
      .waitFor();
    expect(await steps.count()).toBe(4);
    expect(await row.getByRole('button', { name: en('approvals.unlockNamed', { period: quarterName }) }).count()).toBe(0);

    // After a reload, the server says the same.
    await admin.reload();
    await waitForContent(admin);
    await quarterRow(admin).getByText(en('approvals.stateName.reopened'), { exact: true }).waitFor();
    await quarterRow(admin).getByRole('listitem').filter({ hasText: REASON }).waitFor();
    await admin.context().close();
  });

  it('a facilitator reads the approvers but is given no form and no Remove; the admin removes a role after confirming', async () => {
    const facilitator = await parkPageAs('facilitator@greentable.demo', DEMO_PASSWORD);
    await facilitator.getByRole('link', { name: en('approvals.whoApproves') }).click();
    await facilitator.getByRole('heading', { level: 1, name: en('approvers.title') }).waitFor();
    await waitForContent(facilitator);
    await facilitator.getByRole('rowheader', { name: cityApprover.displayName }).waitFor();
    expect(await facilitator.getByRole('button', { name: en('approvers.new') }).count()).toBe(0);
    expect(await facilitator.getByRole('button', { name: en('approvers.remove') }).count()).toBe(0);
    // Of the admin area, the approvers are all a facilitator is shown.
    const sections = facilitator.getByRole('navigation', { name: en('adminNav.label') }).getByRole('link');
    expect(await sections.allTextContents()).toEqual([en('adminNav.approvers')]);
    await facilitator.context().close();

    const admin = await signedIn('admin@greentable.demo', DEMO_PASSWORD);
    await admin.goto('/admin/approvers');
    await waitForContent(admin);
    const area = `${CITY}, ${PROVINCE}`;
    await admin.getByRole('button', { name: en('approvers.removeNamed', { name: cityApprover.displayName, area }) }).click();
    const dialog = admin.getByRole('dialog', { name: en('approvers.removeTitle') });
    await dialog.getByText(en('approvers.removeText.city', { name: cityApprover.displayName, area })).waitFor();
    await dialog.getByRole('button', { name: en('approvers.remove') }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: en('approvers.removed', { name: cityApprover.displayName, area }) })
      .waitFor();
    await admin.getByRole('rowheader', { name: cityApprover.displayName }).waitFor({ state: 'detached' });
    await admin.getByRole('rowheader', { name: provinceApprover.displayName }).waitFor();
    await admin.context().close();
  });
});
