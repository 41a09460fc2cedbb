import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('the lead dashboard says which dates and tickets it counts, and marks partial weeks', async ({ page }) => {
  await signIn(page, 'lead@demo.test');
  await page.goto('/dashboard?days=30');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(
    page.getByText(/^Last 30 days: \d{1,2} \w{3} \d{4}, \d{2}:\d{2} – \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/),
  ).toBeVisible();
  await expect(page.getByText('Tickets created in the period (merged duplicates left out)')).toBeVisible();
  await expect(page.getByText('Surveys answered in the period').first()).toBeVisible();
  // 30 days ending mid-week start mid-week too: the first week is marked as partial.
  await expect(page.getByText(/^\* Partial week: week of /).first()).toBeVisible();
  await page.getByText('Weekly figures', { exact: true }).click();
  await expect(page.getByText(/^Partial: (.* of 7 days|less than a day) in the period$/).first()).toBeVisible();

  // A custom range of whole days.
  const range = page.getByRole('form', { name: 'Custom period' });
  await range.getByLabel('From').fill('2026-01-05');
  await range.getByLabel('To (included)').fill('2026-01-18');
  await range.getByRole('button', { name: 'Show range' }).click();
  await expect(page.getByText('5 Jan 2026 – 18 Jan 2026 (whole days, UTC)')).toBeVisible();
});

test('a period in year 0000 or 9999 gets a message, not an error page', async ({ page }) => {
  await signIn(page, 'lead@demo.test');
  for (const query of ['from=0000-01-01&to=0000-01-31', 'from=9999-12-01&to=9999-12-31']) {
    const response = await page.goto(`/dashboard?${query}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('alert').filter({ hasText: 'between 1970-01-01 and 9999-12-30' })).toBeVisible();
    await expect(page.getByText(/^Last 30 days: /)).toBeVisible();
  }
});
