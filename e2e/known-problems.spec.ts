import { expect, test, type Page } from '@playwright/test';
import { personAs, unique } from './helpers';

const knownProblems = (page: Page) => page.getByRole('region', { name: /^Known problems?$/ });

async function post(page: Page, title: string, body: string): Promise<void> {
  await page.goto('/announcements');
  const form = page.getByRole('form', { name: 'New announcement' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Details (optional)').fill(body);
  await form.getByRole('button', { name: 'Post announcement' }).click();
  await expect(page.getByText(`Posted: ${title}.`)).toBeVisible();
}

async function close(page: Page, title: string): Promise<void> {
  await page.goto('/announcements');
  await page
    .getByRole('article', { name: title })
    .getByRole('form', { name: `Close ${title}` })
    .getByRole('button', { name: 'Close' })
    .click();
  // It leaves the open ones for the recently closed.
  await expect(page.getByRole('article', { name: title })).toHaveCount(0);
  await expect(page.getByRole('region', { name: /Closed in the last/ })).toContainText(title);
}

test('an agent posts a known problem; customers see it in the portal until it is closed', async ({ browser }) => {
  const title = unique('Card payments are failing since 10:00; we are on it');
  const agent = await personAs(browser, 'agent@demo.test');

  // Bad input stays in the form with a message beside the field.
  await agent.goto('/announcements');
  const form = agent.getByRole('form', { name: 'New announcement' });
  await form.getByLabel('Related request (optional)').fill('yesterday');
  await form.getByRole('button', { name: 'Post announcement' }).click();
  await expect(form.getByText('Title is required.')).toBeVisible();
  await expect(form.getByText(/Enter a request number/)).toBeVisible();
  await form.getByLabel('Related request (optional)').fill('');

  await post(agent, title, 'Use **PayPal** meanwhile. <script>alert(1)</script>');
  const card = agent.getByRole('article', { name: title });
  await expect(card.getByText('Use PayPal meanwhile.')).toBeVisible();
  await expect(card.locator('strong', { hasText: 'PayPal' })).toBeVisible();

  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await expect(knownProblems(customer)).toContainText(title);
  await expect(knownProblems(customer)).toContainText('Use PayPal meanwhile.');
  await customer.goto('/portal');
  await expect(knownProblems(customer)).toContainText(title);

  await close(agent, title);
  await customer.goto('/portal/new');
  await expect(customer.getByText(title)).toHaveCount(0);
});

test('a signed-out visitor sees an open known problem in the help centre', async ({ browser }) => {
  const title = unique('Slow logins this morning');
  const lead = await personAs(browser, 'lead@demo.test');
  await post(lead, title, 'Signing in takes up to a minute. We are on it.');
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/help');
  await expect(knownProblems(visitor)).toContainText(title);
  await close(lead, title);
  await visitor.reload();
  await expect(visitor.getByText(title)).toHaveCount(0);
});

test("the customer's request page shows where it is and when to expect a first answer", async ({ browser }) => {
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(unique('Where is my parcel'));
  await customer.getByLabel('Description').fill('Ordered last week, no tracking number yet.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);

  const progress = customer.getByRole('region', { name: 'Progress', exact: true });
  const steps = progress.getByRole('list', { name: 'Steps of your request' }).getByRole('listitem');
  await expect(steps).toHaveText([/Received/, /Being looked at/, /Being fixed/, /Waiting for your confirmation/]);
  await expect(steps.first()).toHaveAttribute('aria-current', 'step');
  await expect(progress.locator('[aria-current="step"]')).toHaveCount(1);
  await expect(progress.getByText('An agent will read your request and answer you.')).toBeVisible();
  const expectation = progress.getByText(/^You can expect a first answer by .+\.$/);
  await expect(expectation).toBeVisible();
  await expect(expectation.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

  // At 390 px the steps stack and nothing scrolls sideways.
  await customer.setViewportSize({ width: 390, height: 844 });
  await expect(progress).toBeVisible();
  expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
