import { expect, test } from '@playwright/test';
import { PASSWORD, unique } from './helpers';
import { linkInNewestMail } from './mailbox';

test('a signed-out visitor asks with a file, follows the e-mailed link and replies', async ({ page }) => {
  const email = `guest-${Date.now().toString(36)}@example.com`;
  const subject = unique('Parcel went to my old address');

  await page.goto('/portal/new');
  await expect(page).toHaveURL(/\/portal\/new$/); // no detour to /signin
  await page.getByLabel('Your name').fill('Gwen Guest');
  await page.getByLabel('Your e-mail address').fill(email);
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Description').fill('I moved last month; today’s parcel went to the old address.');
  await page
    .getByLabel('Attach files (optional)')
    .setInputFiles({ name: 'label.txt', mimeType: 'text/plain', buffer: Buffer.from('Shipping label 123') });
  await expect(
    page.getByRole('list', { name: 'Files to send' }).getByRole('button', { name: 'Remove label.txt' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByRole('status')).toContainText('we have your request #');
  await expect(page.getByRole('status')).toContainText(email);

  // The acknowledgement's link opens the request without a password.
  const link = await linkInNewestMail(email, 'acknowledgement');
  expect(link).toMatch(/^\/portal\/guest\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expect(
    page.getByRole('region', { name: 'Attachments' }).getByRole('link', { name: 'label.txt' }),
  ).toBeVisible();
  const file = await page.request.get(
    (await page
      .getByRole('region', { name: 'Attachments' })
      .getByRole('link', { name: 'label.txt' })
      .getAttribute('href'))!,
  );
  expect(await file.text()).toBe('Shipping label 123');

  await page.getByLabel('Your reply').fill('The new address is Elm Street 4.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText('Your message was sent.')).toBeVisible();
  await expect(page.getByText('The new address is Elm Street 4.')).toBeVisible();

  // A tampered link opens nothing, and offers fresh links instead.
  await page.goto(`${link.slice(0, -3)}xyz`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link no longer works');
  await page.getByLabel('Your e-mail address').fill(email);
  await page.getByRole('button', { name: 'Send me fresh links' }).click();
  await expect(page.getByRole('status')).toContainText('If this address has open requests');
  expect(await linkInNewestMail(email, 'guest_links')).toMatch(/^\/portal\/guest\//);
});

test('only the embed page may be framed by other sites', async ({ request }) => {
  const embed = await request.get('/portal/embed');
  expect(embed.status()).toBe(200);
  expect(embed.headers()['x-frame-options']).toBeUndefined();
  expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
  const form = await request.get('/portal/new');
  expect(form.headers()['x-frame-options']).toBe('DENY');
  expect(form.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('a customer cancels a request, then finds it with search and the status filter', async ({ page: customer }) => {
  // Signed in without waiting for the network to go idle: until the help centre exists on this
  // branch, the portal header's prefetch of /help stays pending (a 404 prefetch in Next 16).
  await customer.goto('/signin');
  await customer.getByLabel('Email').fill('customer@demo.test');
  await customer.getByLabel('Password').fill(PASSWORD);
  await customer.getByRole('button', { name: 'Sign in' }).click();
  await expect(customer).toHaveURL(/\/portal$/);
  const subject = unique('Export button missing');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('Where did the CSV export go?');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('heading', { level: 1 })).toHaveText(subject);

  const card = customer.getByRole('region', { name: 'No longer need help?' });
  await card.getByRole('button', { name: 'No longer needed' }).click();
  await card.getByRole('button', { name: 'Yes, cancel my request' }).click();
  await expect(card.getByRole('status')).toContainText('cancelled and closed');
  await customer.reload();
  await expect(customer.getByRole('region', { name: 'No longer need help?' })).toHaveCount(0);

  await customer.goto('/portal');
  await customer.getByLabel('Search my requests').fill(subject);
  await customer.getByLabel('Show').selectOption('open');
  await customer.getByRole('button', { name: 'Search' }).click();
  await expect(customer.getByText('No requests match.')).toBeVisible();
  await customer.getByLabel('Show').selectOption('closed');
  await customer.getByRole('button', { name: 'Search' }).click();
  await expect(customer).toHaveURL(/status=closed/);
  const list = customer.getByRole('list', { name: 'My requests' });
  await expect(list.getByRole('link')).toHaveCount(1);
  await expect(list.getByRole('link', { name: new RegExp(subject) })).toBeVisible();
});
