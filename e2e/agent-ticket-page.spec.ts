import { expect, test } from '@playwright/test';
import { personAs, unique } from './helpers';

test('the ticket page: assign to me, properties saved together and shown as stored, the assignee kept, a macro fills the reply, send and resolve', async ({
  browser,
}) => {
  const subject = unique('Invoice shows the wrong VAT rate');
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('My invoice charges 25 % VAT instead of 19 %.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto(`/tickets/${number}`);
  const state = agent.getByRole('group', { name: 'Request state' });
  // The frequent actions sit in the header, in the first screen (no scrolling down to find them).
  const take = agent.getByRole('group', { name: 'Request actions' }).getByRole('button', { name: 'Assign to me' });
  await expect(take).toBeInViewport();
  await expect(state.getByLabel('SLA')).toContainText(/First response due in \d+ h/);
  await take.click();
  await expect(agent.getByRole('group', { name: 'Request actions' }).getByRole('status')).toHaveText(
    'Assigned to you.',
  );
  await expect(state).toContainText('Assigned to Alex Agent');

  // Properties: one panel, saved together; the assignee stays Alex (not "Unassigned").
  const properties = agent.getByRole('form', { name: 'Properties' });
  await expect(properties.getByLabel('Assignee').locator('option:checked')).toHaveText(/^Alex Agent/);
  await properties.getByLabel('Category').selectOption({ label: 'Invoice question' });
  await properties.getByLabel('Severity').selectOption('2');
  await properties.getByLabel('Impact').selectOption('single');
  await properties.getByLabel('Tags').fill('vat');
  await properties.getByRole('button', { name: 'Save properties' }).click();
  await expect(properties.getByRole('status')).toHaveText('Properties saved.');
  // The stored values stay in the fields after the save …
  await expect(properties.getByLabel('Category').locator('option:checked')).toHaveText('Invoice question');
  await expect(properties.getByLabel('Severity')).toHaveValue('2');
  await expect(properties.getByLabel('Impact')).toHaveValue('single');
  await expect(properties.getByLabel('Assignee').locator('option:checked')).toHaveText('Alex Agent');
  await expect(state).toContainText('Assigned to Alex Agent');
  await expect(state.getByText('P2 High')).toBeVisible();
  await expect(agent.getByRole('list', { name: 'Timeline' }).getByText('Unassigned', { exact: true })).toHaveCount(0);
  // … so saving again (here: a priority override) works instead of asking for a category.
  await properties.getByLabel('Priority').selectOption('1');
  await properties.getByLabel('Reason for override').fill('Affects the whole company account');
  await properties.getByRole('button', { name: 'Save properties' }).click();
  await expect(state.getByText('P1 Urgent')).toBeVisible();
  await expect(properties.getByLabel('Category').locator('option:checked')).toHaveText('Invoice question');
  await expect(properties.getByRole('alert')).toHaveCount(0);
  await expect(state).toContainText('Assigned to Alex Agent');

  // A macro fills the reply box for review; nothing is sent yet.
  const title = unique('VAT fixed');
  await agent.getByRole('button', { name: 'More' }).click();
  await agent.getByRole('menuitem', { name: 'Create a macro…' }).click();
  const create = agent.getByRole('dialog', { name: 'Create a macro' });
  await create.getByLabel('Title').fill(title);
  await create.getByLabel('Text').fill('Hello {{customer.name}}, we corrected the VAT on {{ticket.number}}.');
  await create.getByRole('button', { name: 'Save macro' }).click();
  await expect(create).toBeHidden();
  const reply = agent.getByRole('form', { name: 'Reply' });
  await reply.getByLabel('Macro').selectOption({ label: title });
  await reply.getByRole('button', { name: 'Insert macro' }).click();
  await expect(reply.getByLabel('Message')).toHaveValue(`Hello Casey Customer, we corrected the VAT on #${number}.`);
  await reply.getByLabel('Message').press('End');
  await reply.getByLabel('Message').pressSequentially(' A corrected invoice is attached.');
  await expect(agent.getByRole('list', { name: 'Timeline' }).getByText(/we corrected the VAT/)).toHaveCount(0);

  // Send and resolve: one submit, the reply is the resolution summary.
  await reply.getByLabel('After sending').selectOption('resolve');
  await reply.getByRole('button', { name: 'Send and resolve' }).click();
  await expect(state.getByText('Resolved', { exact: true })).toBeVisible();
  const sent = `Hello Casey Customer, we corrected the VAT on #${number}. A corrected invoice is attached.`;
  await expect(agent.getByRole('list', { name: 'Timeline' }).getByText(sent)).toBeVisible();
  await expect(agent.getByRole('region', { name: 'Resolution' })).toContainText(sent);
  // A resolved request may be closed by the agent (the customer confirmed by phone), after a confirmation.
  await agent.getByRole('group', { name: 'Request actions' }).getByRole('button', { name: 'Close…' }).click();
  await expect(agent.getByRole('dialog', { name: 'Close the request' })).toContainText('read-only');
  await agent.keyboard.press('Escape');
  await expect(agent.getByRole('dialog', { name: 'Close the request' })).toHaveCount(0);

  // The customer is not convinced and reopens: the portal says so.
  await customer.goto(`/portal/requests/${number}`);
  await customer.getByLabel('Not fixed? Tell us what is still wrong').fill('The corrected invoice still shows 25 %.');
  await customer.getByRole('button', { name: 'Reopen request' }).click();
  await expect(customer.getByRole('status')).toHaveText('We have reopened your request and will look at it again.');
  await expect(customer.getByText('We are working on it')).toBeVisible();
});

test('the More menu and its dialogs work from the keyboard', async ({ browser }) => {
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=open');
  await agent.getByRole('table', { name: 'All open' }).getByRole('row').nth(1).getByRole('link').first().click();
  const more = agent.getByRole('button', { name: 'More' });
  await more.focus();
  await agent.keyboard.press('Enter');
  await expect(agent.getByRole('menuitem').first()).toBeFocused();
  await agent.keyboard.press('Escape');
  await expect(agent.getByRole('menu')).toHaveCount(0);
  await expect(more).toBeFocused();
  await agent.keyboard.press('ArrowDown');
  await agent.getByRole('menuitem', { name: 'Link a related request…' }).focus();
  await agent.keyboard.press('Enter');
  const dialog = agent.getByRole('dialog', { name: 'Link a related request' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await agent.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
