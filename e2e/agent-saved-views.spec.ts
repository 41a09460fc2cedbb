import { expect, test } from '@playwright/test';
import { personAs, unique } from './helpers';

test('an agent filters requests, saves the view, and finds it with its count', async ({ browser }) => {
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets');
  await agent.getByRole('link', { name: 'Views & filters' }).click();
  const filters = agent.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Exception').selectOption('yes');
  await filters.getByLabel('Status').selectOption('on_hold');
  await filters.getByLabel('Sort by').selectOption('due');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(agent).toHaveURL(/exception=yes/);

  const table = agent.getByRole('table', { name: 'Matching requests' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  const matching = (await rows.count()) - 1;
  await expect(agent.getByRole('status', { name: 'Matching count' })).toHaveText(
    `${matching} matching ${matching === 1 ? 'request' : 'requests'}`,
  );
  for (let i = 1; i <= matching; i++) {
    await expect(rows.nth(i).getByText(/^CERN-\d{4}-\d{6}$/)).toBeVisible();
    await expect(rows.nth(i).getByText('On hold')).toBeVisible();
  }

  const name = unique('Held exceptions');
  const save = agent.getByRole('form', { name: 'Save this view' });
  await save.getByLabel('View name').fill(name);
  await save.getByRole('button', { name: 'Save view' }).click();
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText(name);
  const link = agent.getByRole('navigation', { name: 'Saved views' }).getByRole('link', { name: new RegExp(name) });
  await expect(link).toContainText(String(matching));

  // Bulk changes work on a view too: tag the first request, then filter by the tag.
  const first = (await rows.nth(1).getByRole('link').first().textContent())!.trim();
  await agent.getByRole('checkbox', { name: `Select ${first}` }).check();
  const toolbar = agent.getByRole('toolbar', { name: 'Bulk actions' });
  await toolbar.getByLabel('Change').selectOption('tag');
  const tag = unique('held')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-');
  await toolbar.getByLabel('Tag').fill(tag);
  await toolbar.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(agent.getByRole('status', { name: 'Bulk result' })).toContainText('1 changed');
  await agent.goto(`/tickets/views?tag=${tag}`);
  await expect(
    agent.getByRole('table', { name: 'Matching requests' }).getByRole('link', { name: first }),
  ).toBeVisible();
});
