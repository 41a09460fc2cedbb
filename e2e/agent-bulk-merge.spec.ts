import { expect, test, type Page } from '@playwright/test';
import { personAs, unique } from './helpers';

async function submit(customer: Page, subject: string): Promise<string> {
  await customer.goto('/portal');
  await customer.getByRole('link', { name: 'New request' }).first().click();
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('The parcel tracking page has said "in transit" for a week.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);
  return (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();
}

test('an agent merges two requests about one issue from the queue, and the customer is told which to follow', async ({
  browser,
}) => {
  const customer = await personAs(browser, 'customer@demo.test');
  const first = await submit(customer, unique('Parcel stuck in transit'));
  const second = await submit(customer, unique('Still no parcel'));
  const [keep, duplicate] = [first, second].sort((a, b) => Number(a) - Number(b));

  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=unassigned');
  await agent.getByRole('checkbox', { name: `Select #${first}` }).check();
  await agent.getByRole('checkbox', { name: `Select #${second}` }).check();
  const toolbar = agent.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(toolbar).toContainText('2 selected');
  await toolbar.getByLabel('Change').selectOption('merge');
  await toolbar.getByLabel('Keep request').selectOption(`#${keep}`);
  await toolbar.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(agent.getByRole('status', { name: 'Bulk result' })).toContainText('2 changed, 0 already so, 0 refused.');
  // The duplicate leaves the queue (it is closed); the kept request stays.
  await expect(agent.getByRole('checkbox', { name: `Select #${duplicate}` })).toHaveCount(0);
  await expect(agent.getByRole('checkbox', { name: `Select #${keep}` })).toBeVisible();

  await agent.goto(`/tickets/${duplicate}`);
  await expect(agent.getByRole('group', { name: 'Request state' }).getByText('Closed')).toBeVisible();

  // The customer reads, on the request they keep, which number to follow.
  await customer.goto(`/portal/requests/${keep}`);
  await expect(customer.getByText(`we merged it into #${keep}`)).toBeVisible();
  // The number to follow is a link to it.
  await expect(
    customer
      .getByRole('list', { name: 'Timeline' })
      .getByRole('link', { name: `#${keep}` })
      .first(),
  ).toHaveAttribute('href', `/portal/requests/${keep}`);
});
