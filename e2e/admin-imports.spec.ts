import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

test('an admin checks a file from another helpdesk, imports it, and finds a request by its old number', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await personAs(browser, 'admin@demo.test');
  const run = Date.now().toString(36);
  const external = `OLD-${run}`;
  const file = {
    customers: [{ external_id: `c-${run}`, name: `Imported Ida ${run}`, email: `ida-${run}@moved.example` }],
    tickets: [
      {
        external_id: external,
        subject: `Refund for order ${run}`,
        status: 'open',
        priority: 'high',
        channel: 'email',
        created_at: '2024-04-02T08:00:00Z',
        customer_email: `ida-${run}@moved.example`,
        messages: [
          { author_email: `ida-${run}@moved.example`, body: 'Where is my refund?', created_at: '2024-04-02T08:00:00Z' },
          { author_email: 'agent@demo.test', body: 'It is on its way.', created_at: '2024-04-02T09:00:00Z' },
        ],
      },
      {
        external_id: `BAD-${run}`,
        subject: 'Nobody',
        status: 'open',
        created_at: '2024-04-02T08:00:00Z',
        customer_email: 'nobody@nowhere.example',
        description: 'x',
      },
    ],
  };

  await admin.goto('/admin');
  await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Import' }).click();
  await expect(admin.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  const check = admin.getByRole('form', { name: 'Check a file' });
  await check.getByLabel('File (CSV or JSON)').setInputFiles({
    name: 'export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await check.getByLabel('Source').fill(`e2e-${run}`);
  await check.getByRole('button', { name: 'Check the file' }).click();

  // The dry run's report: what would be created, and the problem row.
  await expect(admin.getByRole('heading', { name: 'Import: export.json', level: 1 })).toBeVisible();
  const plan = admin.getByRole('table', { name: 'What the import would do' });
  await expect(plan.getByRole('row', { name: /Tickets/ })).toContainText('1');
  await expect(plan.getByRole('row', { name: /Customers/ })).toContainText('1');
  await expect(admin.getByRole('list', { name: 'Problems' })).toContainText('nobody@nowhere.example is not a customer');

  await admin.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: /^Imported 1 tickets/ })).toBeVisible({ timeout: 60_000 });

  // Found by the number it had in the other helpdesk.
  const searchBox = admin.getByRole('search').getByLabel('Search tickets');
  await searchBox.fill(external);
  await searchBox.press('Enter');
  await admin
    .getByRole('list', { name: 'Search results' })
    .getByRole('link', { name: new RegExp(`Refund for order ${run}`) })
    .click();
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(`Refund for order ${run}`);
  await expect(admin.getByText(`Imported from e2e-${run} as ${external}`)).toBeVisible();
  const timeline = admin.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByText('Where is my refund?')).toBeVisible();
  await expect(timeline.getByText('It is on its way.')).toBeVisible();
});
