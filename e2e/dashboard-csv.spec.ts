import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/** A downloaded CSV's records (the dashboard's are plain: no quoted commas in these sections). */
const records = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

test('a lead downloads a chart’s figures as CSV under the dashboard’s filters', async ({ page }) => {
  // The dashboard reads many figures: slow on a loaded CI machine, as the drill-down journey.
  test.setTimeout(240_000);
  await signIn(page, 'lead@demo.test');
  await page.goto('/dashboard?days=30');
  const filters = page.getByRole('form', { name: 'Dashboard filters' });
  await filters.getByLabel('Team').selectOption({ label: 'Technical' });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/teamId=[0-9a-f-]{36}/);
  const teamId = new URL(page.url()).searchParams.get('teamId');

  // The SLA chart's link is named after it, and carries the page's period and filters.
  const link = page.getByRole('link', { name: 'Download SLA compliance per day as CSV' });
  await expect(link).toHaveAttribute('href', /section=daily-sla/);
  await expect(link).toHaveAttribute('href', new RegExp(`teamId=${teamId}&.*days=30|days=30&.*teamId=${teamId}`));
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^dashboard-daily-sla-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = records(await readFile((await download.path())!, 'utf8'));
  expect(header).toEqual([
    'Day',
    'First response met (%)',
    'First response missed',
    'Resolution met (%)',
    'Resolution missed',
  ]);
  // One row per day of the period, the last one today (UTC).
  expect(rows).toHaveLength(30);
  expect(rows.at(-1)?.[0]).toBe(new Date().toISOString().slice(0, 10));
  for (const row of rows) expect(row[2]).toMatch(/^\d+$/);

  // The team table's CSV gives the figure the table shows.
  const byTeam = page.getByRole('region', { name: 'By team table' });
  const created = ((await byTeam.getByRole('link', { name: /Technical: created$/ }).textContent()) ?? '').trim();
  const [teamCsv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download By team as CSV' }).click(),
  ]);
  const [teamHeader, ...teamRows] = records(await readFile((await teamCsv.path())!, 'utf8'));
  expect(teamHeader?.slice(0, 2)).toEqual(['Team', 'Created']);
  expect(teamRows.find((r) => r[0] === 'Technical')?.[1]).toBe(created.replace(/,/g, ''));

  // The per-agent table has the QA score column.
  await expect(
    page.getByRole('region', { name: 'By agent table' }).getByRole('columnheader', { name: 'QA score' }),
  ).toBeVisible();

  // A bad filter or an unknown section is a 400 with a code, never a 500.
  const bad = await page.request.get('/api/v1/dashboard/export?section=daily-sla&priority=9');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe('invalid');
  expect((await page.request.get('/api/v1/dashboard/export?section=nope')).status()).toBe(400);
});

test('an agent may not download the dashboard’s figures', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'agent@demo.test');
  const response = await page.request.get('/api/v1/dashboard/export?section=daily-sla');
  expect(response.status()).toBe(403);
});
