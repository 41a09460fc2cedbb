import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

test('an admin sets a service target; the lead sees figures against targets, exceptions and cycle time per stage', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/settings');
  const targets = admin.getByRole('region', { name: 'Service targets' });
  // A target out of range is refused beside its field; nothing is saved.
  await targets.getByLabel('Median first response at most (hours)').fill('-1');
  await targets.getByRole('button', { name: 'Save targets' }).click();
  await expect(targets.getByText(/Enter a number of hours from 0 to 8760/).first()).toBeVisible();
  await targets.getByLabel('Median first response at most (hours)').fill('7.5');
  await targets.getByRole('button', { name: 'Save targets' }).click();
  await expect(targets.getByRole('status')).toHaveText('Service targets saved.');

  const lead = await personAs(browser, 'lead@demo.test');
  await lead.goto('/dashboard?days=90');
  // The FRT tile is judged against the new target, in words.
  await expect(lead.getByText(/Target for the median ≤ 7\.5 h · (met|missed)$/)).toBeVisible();
  await expect(lead.getByText(/Target ≥ 85 % · (met|missed)$/).first()).toBeVisible();
  // Exceptions (CERN) and cycle time per stage, streamed after the headline figures.
  await expect(lead.getByRole('region', { name: 'Exceptions by team table' })).toBeVisible();
  await expect(lead.getByText('CERNs raised in the period')).toBeVisible();
  await expect(lead.getByRole('region', { name: 'Cycle time by team table' })).toBeVisible();
  await expect(lead.getByText(/^Bottleneck:|^Not enough stays/)).toBeVisible();
  // The period runs to now: requests still in a stage are counted and shown apart.
  await expect(lead.getByText(/still in a stage counted at their age so far/)).toBeVisible();
  await expect(lead.getByText(/^still waiting: \d+, oldest /).first()).toBeVisible();
});
