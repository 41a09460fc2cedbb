import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a lead filters the dashboard and drills from a figure to the tickets behind it', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'lead@demo.test');
  await page.goto('/dashboard?days=90');
  const filters = page.getByRole('form', { name: 'Dashboard filters' });
  await filters.getByLabel('Team').selectOption({ label: 'Technical' });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  // The URL keeps the filters (shareable) and the period.
  await expect(page).toHaveURL(/teamId=[0-9a-f-]{36}/);
  await expect(page).toHaveURL(/days=90/);
  await expect(filters.getByLabel('Team')).toHaveValue(/[0-9a-f-]{36}/);

  const dashboard = page.url();

  // The team's row in "By team": its created count links to those tickets. The figure comes from
  // the rollups (brought up to date every minute) and the list is live, and other journeys create
  // Technical requests meanwhile: the two agree once the rollup job has caught up.
  await expect(async () => {
    await page.goto(dashboard);
    const byTeam = page.getByRole('region', { name: 'By team table' });
    const created = byTeam.getByRole('link', { name: /^[\d,]+ Technical: created$/ });
    const figure = (await created.textContent())?.trim() ?? '';
    expect(figure).toMatch(/^[\d,]+$/);
    await created.click();
    await expect(page).toHaveURL(/\/tickets\/views\?.*createdFrom=/);
    await expect(page.getByRole('status', { name: 'Matching count' })).toHaveText(
      new RegExp(`^${figure} matching requests?$`),
      { timeout: 5_000 },
    );
  }).toPass({ timeout: 150_000 });

  // Back on the dashboard: the backlog tile (live) lists the team's unresolved tickets.
  await expect(async () => {
    await page.goto(dashboard);
    const backlog = page.getByRole('link', { name: /Backlog: list the tickets/ });
    const total = ((await backlog.textContent()) ?? '').replace(/\D+$/, '').replace(/ .*/, '').trim();
    await backlog.click();
    await expect(page).toHaveURL(/\/tickets\/views\?.*status=new/);
    await expect(page.getByRole('status', { name: 'Matching count' })).toHaveText(
      new RegExp(`^${total.replace(/[^\d,]/g, '')} matching requests?$`),
      { timeout: 5_000 },
    );
  }).toPass({ timeout: 60_000 });
});

test('a bad filter in a shared link gets a message, not an error page', async ({ page }) => {
  await signIn(page, 'lead@demo.test');
  const response = await page.goto('/dashboard?teamId=not-a-team&priority=9&channel=fax');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('alert').filter({ hasText: 'Some filters were ignored' })).toBeVisible();
});
