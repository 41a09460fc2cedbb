import { expect, test, type Page } from '@playwright/test';
import { personAs, unique } from './helpers';

/** A figure of the dashboard's follow-up tables, as a number. */
async function figure(page: Page, table: string, row: string): Promise<number> {
  const cell = page
    .getByRole('table', { name: table })
    .getByRole('row', { name: new RegExp(`^${row} [\\d,]+$`) })
    .getByRole('cell');
  return Number((await cell.textContent())!.replace(/[^\d]/g, ''));
}

test('a lead calls back a detractor: sees the comment, records "recovered" with a root cause, the dashboard counts it', async ({
  browser,
}) => {
  const lead = await personAs(browser, 'lead@demo.test');
  await lead.goto('/dashboard');
  const recoveredBefore = await figure(lead, 'Detractor follow-up', 'Recovered');
  const openBefore = await figure(lead, 'Detractor follow-up', 'Still open');

  await lead.goto('/follow-ups');
  await expect(lead.getByRole('link', { name: 'Detractors' })).toHaveAttribute('aria-current', 'page');
  const queue = lead.getByRole('list', { name: 'Detractors' });
  // The oldest open detractor that left a comment: the lead reads what the customer said.
  const item = queue
    .getByRole('listitem')
    .filter({ has: lead.getByRole('blockquote') })
    .first();
  const name = (await item.getAttribute('aria-label'))!;
  await expect(item.getByRole('blockquote')).toHaveText(/^“.+”$/);
  await expect(item).toContainText(/CSAT \d\/5 · NPS \d+\/10/);

  // Recovered needs a root cause: the form says so beside the field, nothing is saved.
  const form = item.getByRole('form', { name: /^Outcome for #\d+$/ });
  await form.getByLabel('Outcome').selectOption({ label: 'Recovered' });
  await form.getByRole('button', { name: 'Record outcome' }).click();
  await expect(form.getByLabel('Root cause')).toHaveAccessibleDescription(
    'Choose a root cause: why was the customer unhappy?',
  );
  await form.getByLabel('Root cause').selectOption({ label: 'Slow first response' });
  await expect(form.getByLabel('Root cause').getByRole('option', { name: 'Courier strike' })).toHaveCount(0); // retired
  await form.getByLabel('Note').fill('Apologised; offered a voucher. Happy again.');
  await form.getByRole('button', { name: 'Record outcome' }).click();
  await expect(queue.getByRole('listitem', { name })).toHaveCount(0);

  // The request's page shows what came of it, and its history has the event.
  await lead.goto(`/tickets/${name.match(/^#(\d+)/)![1]}`);
  await expect(lead.getByRole('region', { name: 'Follow-up' })).toContainText(
    'Last follow-up: recovered (Slow first response) by Lee Lead',
  );
  await expect(lead.getByRole('list', { name: 'Timeline' })).toContainText(
    'Detractor follow-up: recovered · root cause: Slow first response',
  );

  await lead.goto('/dashboard');
  expect(await figure(lead, 'Detractor follow-up', 'Recovered')).toBe(recoveredBefore + 1);
  expect(await figure(lead, 'Detractor follow-up', 'Still open')).toBe(openBefore - 1);
  await expect(
    lead
      .getByRole('table', { name: 'Root causes, most frequent first' })
      .getByRole('row', { name: /Slow first response/ }),
  ).toBeVisible();
});

test('an agent marks a resolved request for a follow-up call, finds it with the phone, and "confirmed fixed" closes it', async ({
  browser,
}) => {
  const subject = unique('Card reader stopped pairing');
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('The card reader no longer pairs with the till.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto(`/tickets/${number}`);
  const state = agent.getByRole('group', { name: 'Request state' });
  // Not resolved yet: nothing to mark.
  await expect(agent.getByText('Mark for follow-up call')).toHaveCount(0);
  await agent.getByRole('group', { name: 'Request actions' }).getByRole('button', { name: 'Assign to me' }).click();
  await expect(state).toContainText('Assigned to Alex Agent');
  const properties = agent.getByRole('form', { name: 'Properties' });
  await properties.getByLabel('Category').selectOption({ label: 'Bug report' });
  await properties.getByLabel('Severity').selectOption('3');
  await properties.getByLabel('Impact').selectOption('single');
  await properties.getByRole('button', { name: 'Save properties' }).click();
  await expect(properties.getByRole('status')).toHaveText('Properties saved.');
  const reply = agent.getByRole('form', { name: 'Reply' });
  await reply.getByLabel('Message').fill('Re-pairing with the new firmware fixes it.');
  await reply.getByLabel('After sending').selectOption('resolve');
  await reply.getByRole('button', { name: 'Send and resolve' }).click();
  await expect(state.getByText('Resolved', { exact: true })).toBeVisible();

  const card = agent.getByRole('region', { name: 'Follow-up' });
  await card.getByText('Mark for follow-up call').first().click();
  const mark = card.getByRole('form', { name: 'Mark for follow-up call' });
  await mark.getByLabel('Note for the caller (optional)').fill('Check it still pairs after a day.');
  await mark.getByRole('button', { name: 'Mark for follow-up call' }).click();
  await expect(card.getByRole('note')).toContainText('A follow-up call is open, asked for by Alex Agent');
  await expect(agent.getByRole('list', { name: 'Timeline' })).toContainText(
    'Marked for a follow-up call: Check it still pairs after a day.',
  );

  // Agents work the Calls queue (and see no detractors).
  await agent.goto('/follow-ups');
  await expect(agent.getByRole('link', { name: 'Detractors' })).toHaveCount(0);
  const item = agent.getByRole('list', { name: 'Calls' }).getByRole('listitem', { name: `#${number} ${subject}` });
  await expect(item.getByRole('link', { name: /^\+44/ })).toHaveAttribute('href', /^tel:\+44\d+$/);
  await expect(item).toContainText('Casey Customer');
  await expect(item).toContainText('Why: Check it still pairs after a day.');
  const form = item.getByRole('form', { name: `Outcome for #${number}` });
  await expect(form.getByLabel('Root cause')).toHaveCount(0);
  await form.getByLabel('Outcome').selectOption({ label: 'Confirmed fixed' });
  await form.getByRole('button', { name: 'Record outcome' }).click();
  await expect(item).toHaveCount(0);

  await agent.goto(`/tickets/${number}`);
  await expect(state.getByText('Closed', { exact: true })).toBeVisible();
  await expect(agent.getByRole('list', { name: 'Timeline' })).toContainText('Follow-up call: confirmed fixed');
  await expect(agent.getByRole('region', { name: 'Follow-up' })).toContainText('Last follow-up: confirmed fixed');
});
