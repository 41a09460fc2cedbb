import { expect, test, type Page } from '@playwright/test';
import { personAs } from './helpers';

/** Results per search page (PAGE_SIZE in lib/search/search-tickets.ts). */
const PAGE_SIZE = 25;

/** A request about a double charge, logged by the agent from a phone call. */
async function logDoubleCharge(agent: Page, n: number): Promise<void> {
  await agent.goto('/contacts/new');
  await agent.getByLabel('Channel').selectOption('phone');
  await agent.getByLabel('Customer name').fill('Casey C.');
  await agent.getByLabel('Customer e-mail').fill('customer@demo.test');
  await agent.getByLabel('Subject').fill(`Charged twice for the same order (call ${n})`);
  await agent.getByLabel('What the customer said').fill('Called: two card payments for one order.');
  await agent.getByRole('button', { name: 'Log contact' }).click();
  await expect(agent).toHaveURL(/\/tickets\/\d+$/);
}

test('an agent searches from the header: ranked, highlighted, filtered results, and a number goes straight to its request', async ({
  browser,
}) => {
  const agent = await personAs(browser, 'agent@demo.test');
  const searchBox = agent.getByRole('search').getByLabel('Search tickets');

  // Words from a subject, with a different word form than the subject's.
  await searchBox.fill('charging twice');
  await searchBox.press('Enter');
  await expect(agent).toHaveURL(/\/tickets\/search\?q=charging\+twice/);
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Search results for “charging twice”');
  const results = agent.getByRole('list', { name: 'Search results' });
  const first = results.getByRole('listitem').first();
  await expect(first).toContainText('Charged twice for the same order');
  await expect(first.getByText('Matched on: Subject or description')).toBeVisible();
  // The matched words are marked, as text: the page holds no markup from the tickets.
  await expect(first.locator('mark').first()).toHaveText('Charged');
  await expect(first.locator('mark').nth(1)).toHaveText('twice');
  await expect(searchBox).toHaveValue('charging twice');

  // More than a page: the next one carries on down the ranking. The demo seed depends on the hour
  // it ran and may hold a page or less of these; then log as many more as make a second page.
  const shown = await results.getByRole('listitem').count();
  if ((await agent.getByRole('link', { name: 'Next page' }).count()) === 0) {
    for (let n = shown; n <= PAGE_SIZE; n++) await logDoubleCharge(agent, n);
    await agent.goto('/tickets/search?q=charging+twice');
    await expect(first).toContainText('Charged twice for the same order');
  }
  await agent.getByRole('link', { name: 'Next page' }).click();
  await expect(agent).toHaveURL(/after=/);
  await expect(results.getByRole('listitem').first()).toBeVisible();
  await agent.getByRole('link', { name: 'First page' }).click();
  await expect(first).toContainText('Charged twice for the same order');

  // Filters: only closed requests of the Billing team.
  const filters = agent.getByRole('form', { name: 'Filter search results' });
  await filters.getByLabel('Status').selectOption({ label: 'Closed' });
  await filters.getByLabel('Team').selectOption({ label: 'Billing' });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(agent).toHaveURL(/status=closed/);
  const filtered = results.getByRole('listitem');
  await expect(filtered.first()).toBeVisible();
  for (const item of await filtered.all()) {
    await expect(item).toContainText('Closed');
    await expect(item).toContainText('Billing');
  }

  // Open a result.
  const link = results.getByRole('listitem').first().getByRole('link').first();
  const number = (await link.locator('.font-mono').textContent())!.replace('#', '').trim();
  await link.click();
  await expect(agent).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(agent.getByRole('heading', { level: 1 })).toContainText('Charged twice for the same order');

  // A misspelt customer name still finds the customer.
  await searchBox.fill('Kofi Boatang');
  await searchBox.press('Enter');
  await expect(results.getByRole('listitem').first()).toContainText('Kofi Boateng');
  await expect(results.getByRole('listitem').first()).toContainText('Matched on: Customer name');

  // A request number lands on that request.
  await searchBox.fill(`#${number}`);
  await searchBox.press('Enter');
  await expect(agent).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(agent.getByRole('heading', { level: 1 })).toContainText('Charged twice for the same order');
});
