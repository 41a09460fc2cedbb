import { expect, test, type Page } from '@playwright/test';
import { personAs, unique } from './helpers';

async function submit(customer: Page, subject: string): Promise<string> {
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('The coupon code was not applied at checkout.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);
  return (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();
}

test('an agent selects requests in the queue and changes them in one go, seeing what was refused', async ({
  browser,
}) => {
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=open');
  const table = agent.getByRole('table', { name: 'All open' });
  const rows = table.getByRole('row');
  const numberOf = async (i: number) => (await rows.nth(i).getByRole('link').first().textContent())!.trim();
  const first = await numberOf(1);
  const second = await numberOf(2);

  await agent.getByRole('checkbox', { name: `Select ${first}` }).check();
  await agent.keyboard.press('j'); // keyboard selection works too: move to row 2 and press x
  await agent.keyboard.press('x');
  const toolbar = agent.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(toolbar).toContainText('2 selected');
  await toolbar.getByLabel('Change').selectOption('priority');
  // The queue's top rows are the most urgent, so P4 is a change for them.
  await toolbar.getByLabel('To').selectOption({ label: 'P4 Low' });
  await toolbar.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(toolbar.getByRole('alert')).toContainText('Say why');

  await toolbar.getByLabel('Reason').fill('Customer escalation call');
  await toolbar.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(agent.getByRole('status', { name: 'Bulk result' })).toContainText('2 changed, 0 already so, 0 refused.');
  // Both are now P4 (and sort to the end of the queue).
  for (const number of [first, second]) {
    await agent.goto(`/tickets/${number.replace('#', '')}`);
    await expect(agent.getByRole('group', { name: 'Request state' }).getByText('P4 Low')).toBeVisible();
  }
});

test('an agent resolves requests in bulk with one summary, is told which are not identified yet, then closes the resolved one', async ({
  browser,
}) => {
  const customer = await personAs(browser, 'customer@demo.test');
  const identified = await submit(customer, unique('Coupon not applied'));
  const unidentified = await submit(customer, unique('Coupon not applied again'));
  const tag = `coupon-${Date.now().toString(36)}`;

  // Both tagged (to find them in one view); only the first identified.
  const agent = await personAs(browser, 'agent@demo.test');
  for (const number of [identified, unidentified]) {
    await agent.goto(`/tickets/${number}`);
    const properties = agent.getByRole('form', { name: 'Properties' });
    if (number === identified) {
      await properties.getByLabel('Category').selectOption({ label: 'Invoice question' });
      await properties.getByLabel('Severity').selectOption('3');
      await properties.getByLabel('Impact').selectOption('single');
    }
    await properties.getByLabel('Tags').fill(tag);
    await properties.getByRole('button', { name: 'Save properties' }).click();
    await expect(properties.getByRole('status')).toHaveText('Properties saved.');
  }

  await agent.goto(`/tickets/views?tag=${tag}`);
  const toolbar = agent.getByRole('toolbar', { name: 'Bulk actions' });
  const report = agent.getByRole('status', { name: 'Bulk result' });
  const selectBoth = async () => {
    await agent.getByRole('checkbox', { name: `Select #${identified}` }).check();
    await agent.getByRole('checkbox', { name: `Select #${unidentified}` }).check();
    await expect(toolbar).toContainText('2 selected');
  };
  await selectBoth();
  await toolbar.getByLabel('Change').selectOption('resolve');
  await toolbar.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(toolbar.getByRole('alert')).toContainText('Write the resolution summary');
  await toolbar.getByLabel('Resolution summary').fill('The coupon is applied now and the difference refunded.');
  await toolbar.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(report).toContainText('1 changed, 0 already so, 1 refused.');
  await expect(report.getByRole('listitem')).toHaveText(
    new RegExp(`^#${unidentified}: .*Identify the request first\\.$`),
  );

  // The customer is asked to confirm the resolved one, as after a single resolve.
  await customer.goto(`/portal/requests/${identified}`);
  await expect(customer.getByText('The coupon is applied now and the difference refunded.').first()).toBeVisible();

  // Close: only the resolved one closes; the other is still being worked on.
  await agent.goto(`/tickets/views?tag=${tag}`);
  await selectBoth();
  await toolbar.getByLabel('Change').selectOption('close');
  await toolbar.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(report).toContainText('1 changed, 0 already so, 1 refused.');
  await expect(report.getByRole('listitem')).toHaveText(
    new RegExp(`^#${unidentified}: .*Only resolved requests can be closed`),
  );
  await agent.goto(`/tickets/${identified}`);
  await expect(agent.getByRole('group', { name: 'Request state' }).getByText('Closed')).toBeVisible();
  await expect(agent.getByRole('list', { name: 'Timeline' })).toContainText('Closed by an agent');
});
