import { expect, test, type Page } from '@playwright/test';
import { hydrated, personAs, unique } from './helpers';

/** The request's state on its page, as the agent reads it. */
async function expectResolved(page: Page, number: number, title: string): Promise<void> {
  await page.goto(`/tickets/${number}`);
  await expect(page.getByRole('group', { name: 'Request state' }).getByText('Resolved', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Problem' }).getByRole('link', { name: new RegExp(title) }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Resolution' })).toContainText(
    'rolled back the payment provider update',
  );
}

test('a lead groups rising requests under a problem, resolves it, and a request linked later is resolved too', async ({
  browser,
}) => {
  const title = unique('Apple Pay outage');
  const lead = await personAs(browser, 'lead@demo.test');

  // The recurring-issues list shows this week's rising words (lib/seed/problems.ts) with examples.
  await lead.goto('/problems');
  await hydrated(lead);
  const recurring = lead.getByRole('region', { name: 'Recurring issues' });
  const item = recurring.getByRole('region', { name: /^Words? “.*declin/ });
  await expect(item).toBeVisible();
  await item.getByText('Group under a problem').click();
  const form = item.getByRole('form', { name: /^Group: / });
  const suggested = (await form.getByLabel('Requests').inputValue()).match(/\d+/g)!.map(Number);
  expect(suggested.length).toBeGreaterThanOrEqual(3);
  const [first, second, later] = suggested as [number, number, number];

  // Bad input stays in the form with a message beside the field.
  await form.getByLabel('New problem title').fill('');
  await form.getByRole('button', { name: 'Group under problem' }).click();
  await expect(form.getByText('Give the new problem a title, or choose a problem.')).toBeVisible();

  await form.getByLabel('New problem title').fill(title);
  await form.getByLabel('Requests').fill(`#${first} #${second}`);
  await form.getByRole('button', { name: 'Group under problem' }).click();
  await expect(form.getByText(/^Created CERN-\d{4}-\d{6} .*: 2 requests linked\.$/)).toBeVisible();
  // The new problem is listed with its two requests.
  await lead.goto('/problems');
  const row = lead.getByRole('table', { name: 'Problems' }).getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText(/CERN-\d{4}-\d{6}/);
  await expect(row.getByRole('cell').nth(3)).toHaveText('2');

  // The problem page: its CERN, the two requests, and the resolve form.
  await lead
    .getByRole('table', { name: 'Problems' })
    .getByRole('link', { name: new RegExp(title) })
    .click();
  await expect(lead.getByRole('heading', { level: 1 })).toContainText(/CERN-\d{4}-\d{6}/);
  const linked = lead.getByRole('list', { name: 'Linked requests' });
  await expect(linked.getByRole('link', { name: `#${first}` })).toBeVisible();
  await expect(linked.getByRole('link', { name: `#${second}` })).toBeVisible();
  const resolve = lead.getByRole('form', { name: 'Resolve problem' });
  await resolve
    .getByLabel('Resolution summary')
    .fill('We rolled back the payment provider update; Apple Pay works at checkout again.');
  await resolve.getByRole('button', { name: 'Resolve problem' }).click();
  await expect(lead.getByRole('region', { name: 'Resolution' })).toContainText(
    'Every linked request is resolved or closed.',
  );

  await expectResolved(lead, first, title);
  await expectResolved(lead, second, title);

  // A request linked from its own page after the problem was resolved is resolved at once.
  await lead.goto(`/tickets/${later}`);
  await hydrated(lead);
  const card = lead.getByRole('region', { name: 'Problem' });
  await card.getByText('Link this request to a problem').click();
  const link = card.getByRole('form', { name: 'Link to problem' });
  const choice = await link
    .getByLabel('Problem', { exact: true })
    .locator('option', { hasText: title })
    .getAttribute('value');
  await link.getByLabel('Problem', { exact: true }).selectOption(choice!);
  await link.getByRole('button', { name: 'Link to problem' }).click();
  await expect(card.getByRole('link', { name: new RegExp(title) })).toBeVisible();
  await expectResolved(lead, later, title);
});

test('agents read problems but cannot resolve them; customers do not find the page', async ({ browser }) => {
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/problems');
  await expect(agent.getByRole('region', { name: 'Recurring issues' })).toBeVisible();
  await expect(agent.getByRole('form', { name: 'New problem' })).toHaveCount(0);
  await agent
    .getByRole('table', { name: 'Problems' })
    .getByRole('link', { name: /Apple Pay declined at checkout/ })
    .click();
  await expect(agent.getByRole('list', { name: 'Linked requests' })).toBeVisible();
  await expect(agent.getByRole('form', { name: 'Resolve problem' })).toHaveCount(0);

  const customer = await personAs(browser, 'customer@demo.test');
  const response = await customer.goto('/problems');
  expect(response?.status()).toBe(404);
});
