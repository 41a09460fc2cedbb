import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { hydrated, PASSWORD, unique } from './helpers';
import { newestMail } from './mailbox';
import { surveyLinkIn } from './survey-links';

/**
 * Signs in without waiting for the network to go idle: on this branch the shells link pages other
 * areas of issue 13 build (/help, /articles…), whose 404 prefetches can keep the network busy.
 */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

test('the survey link from the resolution mail, answered "not fixed" signed out, reopens the request live for the agent', async ({
  browser,
}) => {
  test.setTimeout(150_000); // three people and a signed-out browser on a shared machine
  const subject = unique('Label printer prints blank labels');

  // The customer asks in the portal.
  const customer = await signedIn(browser, 'customer@demo.test');
  await expect(customer).toHaveURL(/\/portal$/);
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('Every label comes out blank since the driver update.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  // An agent takes it, identifies it and resolves it.
  const agent = await signedIn(browser, 'agent@demo.test');
  await agent.goto(`/tickets/${number}`);
  await agent.getByRole('button', { name: 'Assign to me' }).click();
  await expect(agent.getByRole('group', { name: 'Request state' })).toContainText('Assigned to Alex Agent');
  const properties = agent.getByRole('form', { name: 'Properties' });
  await properties.getByLabel('Category').selectOption({ label: 'Invoice question' });
  await properties.getByLabel('Severity').selectOption('3');
  await properties.getByLabel('Impact').selectOption('single');
  await properties.getByRole('button', { name: 'Save properties' }).click();
  await expect(agent.getByText('Properties saved.')).toBeVisible();
  await agent.getByRole('button', { name: 'Resolve…' }).click();
  const resolve = agent.getByRole('dialog', { name: 'Resolve the request' }).getByRole('form', { name: 'Resolve' });
  await resolve.getByLabel('Resolution summary').fill('Rolled the printer driver back to the previous version.');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(
    agent.getByRole('group', { name: 'Request state' }).getByText('Resolved', { exact: true }),
  ).toBeVisible();
  await hydrated(agent);

  // The resolution mail carries the survey link; it opens in a browser nobody is signed in to.
  let body = '';
  await expect
    .poll(async () => {
      body = (await newestMail('customer@demo.test', 'resolution')).body;
      return body.includes(`#${number}`);
    })
    .toBe(true);
  const link = surveyLinkIn(body);
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole('heading', { name: 'How did we do?', level: 1 })).toBeVisible();
  await expect(stranger.getByText(`Request #${number}: ${subject}`)).toBeVisible();
  await expect(stranger.getByRole('link', { name: 'Sign in' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page: stranger }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  // It reads on a phone (390 px) without a sideways scroll.
  await stranger.setViewportSize({ width: 390, height: 844 });
  expect(await stranger.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const survey = stranger.getByRole('form', { name: 'Survey' });
  await survey.getByRole('group', { name: 'Was your issue fixed?' }).getByLabel('No').check();
  await survey.getByLabel('Satisfaction 2 of 5').check();
  await survey.getByLabel('Recommend 3 of 10').check();
  await survey.getByLabel(/Anything else/).fill('Still blank after the rollback.');
  await survey.getByRole('button', { name: 'Send rating' }).click();
  await expect(stranger.getByRole('status')).toContainText(`we have reopened request #${number}`);

  // The agent, on the request's page all along, sees it reopened without reloading.
  await expect(agent.getByText('Reopened: the customer answered the survey "not fixed"')).toBeVisible();
  await expect(
    agent.getByRole('alert').filter({ hasText: 'Someone else changed this request just now' }),
  ).toBeVisible();
  await agent.reload();
  await expect(agent.getByRole('group', { name: 'Request state' })).toContainText('Open');

  // The link works once: opened again, it says so and offers no form.
  await stranger.goto(link);
  await expect(stranger.getByRole('heading', { name: 'Already answered — thank you', level: 1 })).toBeVisible();
  await expect(stranger.getByRole('form', { name: 'Survey' })).toHaveCount(0);
  const answered = await new AxeBuilder({ page: stranger }).analyze();
  expect(answered.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // A link with one character changed is refused, and says so.
  await stranger.goto(`${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`);
  await expect(stranger.getByRole('heading', { name: 'This survey link does not work', level: 1 })).toBeVisible();
});

test('an admin sees the survey rules (a bad value gets a message beside it); the lead sees the response rate', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signedIn(browser, 'admin@demo.test');
  await admin.goto('/admin/settings');
  const survey = admin.getByRole('region', { name: 'Satisfaction survey' });
  await expect(survey.getByLabel('Send the survey')).toHaveValue('resolved');
  await expect(survey.getByLabel('Reminder after, in days')).toHaveValue('3');
  await expect(survey.getByLabel('Ask “Was your issue fixed?” (no reopens the request)')).toBeChecked();
  await survey.getByLabel('Delay, in hours').fill('169');
  await survey.getByRole('button', { name: 'Save survey' }).click();
  await expect(survey.getByText('Enter a whole number of hours from 0 to 168.')).toBeVisible();
  await expect(survey.getByLabel('Delay, in hours')).toHaveValue('169');

  const lead = await signedIn(browser, 'lead@demo.test');
  await lead.goto('/dashboard');
  const response = lead.getByRole('region', { name: 'Survey response' });
  await expect(response.getByText('Surveys sent', { exact: true })).toBeVisible();
  await expect(response.getByText('Response rate', { exact: true })).toBeVisible();
  await expect(response.getByText(/\d+ reminded · \d+ answered “not fixed”/)).toBeVisible();
});
