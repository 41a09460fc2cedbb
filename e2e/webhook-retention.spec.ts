import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

test('an admin sets how long the webhook delivery log is kept', async ({ browser }) => {
  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/settings');
  const retention = admin.getByRole('region', { name: 'Webhook log retention' });
  const days = retention.getByLabel('Keep the webhook delivery log for this many days');
  await expect(days).toHaveValue('30');
  // Out of range: refused beside the field, nothing saved.
  await days.fill('400');
  await retention.getByRole('button', { name: 'Save retention' }).click();
  await expect(retention.getByText('Enter a number of days from 1 to 365.').first()).toBeVisible();
  await days.fill('60');
  await retention.getByRole('button', { name: 'Save retention' }).click();
  await expect(retention.getByRole('status')).toHaveText('Webhook log retention saved.');
  await admin.reload();
  await expect(admin.getByLabel('Keep the webhook delivery log for this many days')).toHaveValue('60');
  // Back to the default, so the demo (and a rerun) starts from 30.
  await admin.getByLabel('Keep the webhook delivery log for this many days').fill('30');
  await admin.getByRole('button', { name: 'Save retention' }).click();
  await expect(admin.getByRole('region', { name: 'Webhook log retention' }).getByRole('status')).toHaveText(
    'Webhook log retention saved.',
  );
});
