import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { personAs, unique } from './helpers';
import { signUpAndVerify } from './mailbox';

test('a customer attaches a file to a request, the agent downloads it, and another customer cannot', async ({
  browser,
}) => {
  test.setTimeout(120_000); // the other customer signs up through the mailed link
  const subject = unique('Receipt for the double charge');
  const content = `Order 4411 was charged twice. ${Date.now()}`;

  // The customer submits a request and attaches a receipt in the portal.
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('Receipt attached below.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('heading', { level: 1 })).toHaveText(subject);
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  const panel = customer.getByRole('region', { name: 'Attachments' });
  await expect(panel.getByText('No files yet.')).toBeVisible();
  // A type outside the list is refused next to the field.
  await panel
    .getByLabel('Attach a file')
    .setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await panel.getByRole('button', { name: 'Upload' }).click();
  await expect(panel.getByText(/^Files of this type cannot be attached\./)).toBeVisible();

  await panel
    .getByLabel('Attach a file')
    .setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
  await panel.getByRole('button', { name: 'Upload' }).click();
  await expect(panel.getByText('Uploaded receipt.txt.')).toBeVisible();
  const link = panel.getByRole('link', { name: 'receipt.txt' });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}$/);

  // The agent sees it on the ticket page and downloads it.
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto(`/tickets/${number}`);
  const agentPanel = agent.getByRole('region', { name: 'Attachments' });
  const [download] = await Promise.all([
    agent.waitForEvent('download'),
    agentPanel.getByRole('link', { name: 'receipt.txt' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('receipt.txt');
  expect(await readFile((await download.path())!, 'utf8')).toBe(content);

  const response = await agent.request.get(href);
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe(content);
  const headers = response.headers();
  expect(headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(headers['content-disposition']).toBe(`attachment; filename="receipt.txt"; filename*=UTF-8''receipt.txt`);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toContain('no-store');

  // A different customer gets "not found" for the file and the request's list; nobody signed out gets in.
  const other = await (await browser.newContext()).newPage();
  await signUpAndVerify(other, {
    name: 'Olive Other',
    email: `other-${Date.now()}@example.org`,
    password: 'a-long-password',
  });
  expect((await other.request.get(href)).status()).toBe(404);
  expect((await other.request.get(`/api/v1/tickets/${number}/attachments`)).status()).toBe(404);
  const upload = await other.request.post(`/api/v1/tickets/${number}/attachments`, {
    multipart: { file: { name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('x') } },
  });
  expect(upload.status()).toBe(404);

  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(href)).status()).toBe(401);
});
