import { expect, test } from '@playwright/test';
import { personAs, unique } from './helpers';

test('an admin reads the acknowledgement of a new request in the outbox, with its Message-ID and text', async ({
  browser,
}) => {
  test.setTimeout(120_000); // two people sign in
  const subject = unique('Label printer offline');

  const customer = await personAs(browser, 'customer@demo.test');
  await customer.getByRole('link', { name: 'New request' }).first().click();
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('The label printer in the warehouse shows offline since today.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/jobs');
  await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Outbox' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  // No SMTP server in the e2e run: the mail waits in the outbox, and the page says why.
  await expect(admin.getByText(/No SMTP server is configured/)).toBeVisible();
  await admin.getByLabel('Address or subject').fill(subject);
  await admin.getByLabel('Status').selectOption('queued');
  await admin.getByRole('button', { name: 'Filter' }).click();
  const mail = admin
    .getByRole('list', { name: 'Mail' })
    .getByRole('link', { name: `[#${number}] We received your request: ${subject}` });
  await expect(mail).toBeVisible();
  await mail.click();

  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(
    `[#${number}] We received your request: ${subject}`,
  );
  const headers = admin.getByRole('region', { name: 'Headers' });
  await expect(headers.getByText(/^<cairn\.[0-9a-f-]{36}@[^>]+>$/)).toBeVisible();
  await expect(headers.getByText('customer@demo.test')).toBeVisible();
  const text = admin.getByRole('region', { name: 'Text part' });
  await expect(text).toContainText(`We have received your request #${number}`);
  await expect(admin.getByTitle('HTML part of the mail')).toHaveAttribute('sandbox', '');
  await expect(admin.getByRole('region', { name: 'Delivery' })).toContainText('queued');

  // Nobody but an admin sees it at all.
  const response = await customer.goto(admin.url());
  expect(response?.status()).toBe(404);
});
