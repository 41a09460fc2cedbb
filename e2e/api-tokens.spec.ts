import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

test('an admin creates an API token, sees it once, uses it from a script, then revokes it', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const name = `CRM sync ${Date.now().toString(36)}`;
  const admin = await personAs(browser, 'admin@demo.test');

  await admin.goto('/admin/api-tokens');
  const form = admin.getByRole('form', { name: 'New API token' });
  await form.getByLabel('Token name').fill(name);
  await form.getByLabel('Scope').selectOption('write');
  await form.getByLabel('Expires after').selectOption('30');
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(form.getByRole('status')).toContainText(`Token “${name}” created`);
  const shown = admin.getByRole('region', { name: 'Your new token' }).getByLabel('New token');
  await expect(shown).toHaveValue(/^cairn_[A-Za-z0-9_-]{43}$/);
  const token = await shown.inputValue();
  const table = admin.getByRole('table', { name: 'API tokens' });
  await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText('write');
  const { violations } = await new AxeBuilder({ page: admin }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Shown once: after a reload only its prefix is listed.
  await admin.reload();
  await expect(admin.getByRole('region', { name: 'Your new token' })).toHaveCount(0);
  await expect(admin.getByText(token)).toHaveCount(0);
  await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText(token.slice(0, 12));

  // A script: no cookies, only the bearer token.
  const auth = { Authorization: `Bearer ${token}` };
  const list = await request.get('/api/v1/tickets?status=new&limit=5', { headers: auth });
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  const body = {
    channel: 'phone',
    customerName: 'Scripted Customer',
    customerEmail: `scripted.${Date.now().toString(36)}@example.test`,
    subject: `From the CRM ${name}`,
    description: 'Opened by the CRM through the API.',
  };
  const key = `crm-${Date.now()}`;
  const created = await request.post('/api/v1/tickets', { headers: { ...auth, 'Idempotency-Key': key }, data: body });
  expect(created.status()).toBe(201);
  const number = ((await created.json()) as { ticket: { number: number } }).ticket.number;
  const retried = await request.post('/api/v1/tickets', { headers: { ...auth, 'Idempotency-Key': key }, data: body });
  expect(retried.status()).toBe(201);
  expect(((await retried.json()) as { ticket: { number: number } }).ticket.number).toBe(number);
  const read = await request.get(`/api/v1/tickets/${number}`, { headers: auth });
  expect(read.headers()['etag']).toMatch(/^"\d+"$/);
  expect(((await read.json()) as { subject: string }).subject).toBe(body.subject);
  expect((await request.get('/api/v1/tickets')).status()).toBe(401);

  // The agent UI shows the ticket the script opened.
  await admin.goto(`/tickets/${number}`);
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(body.subject);

  // The reference and the document are there for the script's author.
  expect((await request.get('/api/v1/openapi.json')).status()).toBe(200);
  await admin.goto('/api/docs');
  await expect(admin.getByRole('heading', { name: 'Cairn API reference' })).toBeVisible();
  await expect(
    admin.getByRole('heading', { name: 'post /api/v1/tickets Create a ticket for a customer' }),
  ).toBeVisible();

  // Revoked: the script is refused at once.
  await admin.goto('/admin/api-tokens');
  await admin
    .getByRole('form', { name: `Revoke ${name}` })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expect(admin.getByRole('form', { name: `Revoke ${name}` })).toHaveCount(0);
  await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');
  const refused = await request.get('/api/v1/tickets', { headers: auth });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: 'unauthorized' });
});
