import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

test('a misspelt word is searched as the word it stands for, and the page says so', async ({ browser }) => {
  const agent = await personAs(browser, 'agent@demo.test');
  const searchBox = agent.getByRole('search').getByLabel('Search tickets');

  await searchBox.fill('refnud');
  await searchBox.press('Enter');
  await expect(agent.getByRole('status').filter({ hasText: 'Showing results for' })).toContainText(
    'No tickets match “refnud”. Showing results for refund.',
  );
  const results = agent.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('listitem').first()).toContainText(/refund/i);

  // The word as typed, on request: nothing has it.
  await agent.getByRole('link', { name: 'Search for “refnud” exactly' }).click();
  await expect(agent.getByText('No tickets match “"refnud"”')).toBeVisible();

  // A word that is there is not corrected.
  await searchBox.fill('refund');
  await searchBox.press('Enter');
  await expect(results.getByRole('listitem').first()).toContainText(/refund/i);
  await expect(agent.getByText('Showing results for')).toHaveCount(0);
});
