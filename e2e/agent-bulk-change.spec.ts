import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

test('an agent selects requests in the queue and changes them in one go, seeing what was refused', async ({ browser }) => {
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
