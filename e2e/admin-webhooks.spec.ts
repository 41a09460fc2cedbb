import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { hydrated, personAs, unique } from './helpers';

/** A receiver on 127.0.0.1 (the e2e server runs with WEBHOOKS_ALLOW_PRIVATE=1). */
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"received":true}');
  });
});
test.beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('an admin subscribes a receiver, sends a test event, and sees it delivered in the log', async ({ browser }) => {
  test.setTimeout(120_000);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const name = unique('Receiver');

  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/jobs');
  await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  // The demo's subscriptions: one active, one paused for failing.
  const list = admin.getByRole('region', { name: 'Subscriptions' });
  await expect(list.getByRole('link', { name: 'CRM sync' })).toBeVisible();
  await expect(list.getByRole('row', { name: /Ops chat relay/ })).toContainText('Paused');
  await hydrated(admin);

  const form = admin.getByRole('form', { name: 'New webhook' });
  // Refused: no event chosen, and a URL that is not http(s).
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('URL').fill('ftp://example.com/');
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await expect(form.getByText('Only http:// and https:// URLs can receive webhooks.')).toBeVisible();
  await expect(form.getByText('Choose at least one event.')).toBeVisible();

  await form.getByLabel('URL').fill(url);
  await form.getByRole('checkbox', { name: /ticket\.created/ }).check();
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await expect(form.getByRole('status')).toContainText('Copy its signing secret now');
  const secret = await form.getByLabel('Signing secret (shown once)').inputValue();
  expect(secret).toMatch(/^whsec_/);

  await form.getByRole('link', { name: 'Open the new webhook' }).click();
  await expect(admin.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(admin.getByText('Nothing sent yet.')).toBeVisible();
  // The secret is never shown again.
  await expect(admin.getByText(secret)).toHaveCount(0);
  await hydrated(admin);
  await admin.getByRole('button', { name: 'Send test event' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Test event queued' })).toBeVisible();

  // The jobs deliver it; the receiver checks the signature as docs/webhooks.md says.
  await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
  const [got] = received;
  const signature = String(got!.headers['x-cairn-signature']);
  const t = String(got!.headers['x-cairn-timestamp']);
  expect(signature).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${got!.body}`).digest('hex')}`);
  const event = JSON.parse(got!.body) as { id: string; type: string };
  expect(event.type).toBe('webhook.test');

  const log = admin.getByRole('list', { name: 'Deliveries' });
  await expect(async () => {
    await admin.reload();
    await expect(log.getByRole('listitem').first()).toContainText('succeeded', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const entry = log.getByRole('listitem').first();
  await expect(entry).toContainText('webhook.test');
  await expect(entry).toContainText('HTTP 200');
  await entry.getByText(`Event ${event.id}: request and answers`).click();
  await expect(entry.getByText('{"received":true}')).toBeVisible();
  await expect(entry.getByRole('button', { name: `Redeliver webhook.test event ${event.id}` })).toBeVisible();
});
