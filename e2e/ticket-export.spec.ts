import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { hydrated, personAs } from './helpers';

test('an agent exports a filtered view as CSV: the listed requests, with progress', async ({ browser }) => {
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets/views?status=on_hold&sort=age');
  const count = agent.getByRole('status', { name: 'Matching count' });
  const total = Number((await count.textContent())!.replace(/[^\d]/g, ''));
  expect(total).toBeGreaterThan(0);
  const listed = (await agent.getByRole('table', { name: 'Matching requests' }).textContent())!.match(/#\d+/g) ?? [];
  expect(listed.length).toBeGreaterThan(0);

  await hydrated(agent);
  const download = agent.waitForEvent('download');
  await agent.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tickets-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(agent.getByRole('status').filter({ hasText: /^Exported / })).toHaveText(
    `Exported ${total.toLocaleString('en')} ${total === 1 ? 'row' : 'rows'}.`,
  );

  const rows = parse(await readFile((await file.path())!), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(total);
  expect(rows.every((r) => r.Status === 'on_hold')).toBe(true);
  const exported = new Set(rows.map((r) => `#${r.Number}`));
  for (const number of listed) expect(exported.has(number)).toBe(true);
  // Oldest first, as the view sorts.
  const created = rows.map((r) => r.Created);
  expect([...created].sort()).toEqual(created);

  // A customer gets "not found" from the export, as from every staff page.
  const customer = await personAs(browser, 'customer@demo.test');
  const response = await customer.request.get('/api/v1/tickets/export?status=on_hold');
  expect(response.status()).toBe(404);
});
