import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a lead drills from the key-accounts table and from a backlog-by-age point to the tickets behind them', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, 'lead@demo.test');
  const dashboard = '/dashboard?days=30';

  // The busiest organization's created count lists its tickets (the figure from the rollups, the list
  // live: other journeys write meanwhile, so they agree once the rollup job has caught up).
  await expect(async () => {
    await page.goto(dashboard);
    const table = page.getByRole('region', { name: 'By organization (key accounts) table' });
    const created = table.getByRole('link', { name: /^[\d,]+ .+: created$/ }).first();
    const figure = (await created.textContent())?.trim() ?? '';
    await created.click();
    await expect(page).toHaveURL(/\/tickets\/views\?.*organizationId=[0-9a-f-]{36}/);
    await expect(page.getByRole('status', { name: 'Matching count' })).toHaveText(
      new RegExp(`^${figure} matching requests?$`),
      { timeout: 5_000 },
    );
  }).toPass({ timeout: 150_000 });

  // The backlog-by-age table: a day's total at its end lists the tickets open then.
  await expect(async () => {
    await page.goto(dashboard);
    await page.getByText('Backlog figures').click();
    const table = page.getByRole('region', { name: 'Backlog by age table' });
    const total = table.getByRole('link', { name: /^[\d,]+ open at the end of .+, in total$/ }).first();
    const figure = (await total.textContent())?.trim() ?? '';
    await total.click();
    await expect(page).toHaveURL(/\/tickets\/views\?.*openAt=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole('status', { name: 'Matching count' })).toHaveText(
      new RegExp(`^${figure} matching requests?$`),
      { timeout: 5_000 },
    );
  }).toPass({ timeout: 90_000 });
});
