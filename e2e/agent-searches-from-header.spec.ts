import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

test('an agent searches from the header: ranked, highlighted, filtered results, and a number goes straight to its request', async ({ browser }) => {
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

  // More than a page: the next one carries on down the ranking.
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
