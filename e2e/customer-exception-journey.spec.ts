import { expect, test } from '@playwright/test';
import { personAs, unique } from './helpers';

test('a customer request becomes an exception, is resolved, confirmed, rated, and shows on the dashboard', async ({
  browser,
}) => {
  const subject = unique('Charged twice for order');
  const comment = unique('Sorted out quickly, thanks');

  // Inquiry: the customer submits in the portal.
  const customer = await personAs(browser, 'customer@demo.test');
  await expect(customer).toHaveURL(/\/portal$/);
  await customer.getByRole('link', { name: 'New request' }).first().click();
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('My card was charged twice for the same order on Monday.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  // Identification: an agent finds it in the queue, identifies it and raises an exception.
  const agent = await personAs(browser, 'agent@demo.test');
  await expect(agent).toHaveURL(/\/tickets/);
  await agent.getByRole('link', { name: /New & unassigned/ }).click();
  await agent.goto(`/tickets/${number}`);
  await expect(agent.getByRole('heading', { level: 1 })).toContainText(subject);
  const properties = agent.getByRole('form', { name: 'Properties' });
  await properties.getByLabel('Category').selectOption({ label: 'Invoice question' });
  await properties.getByLabel('Severity').selectOption('2');
  await properties.getByLabel('Impact').selectOption('single');
  await expect(properties.getByLabel('Priority').locator('option:checked')).toHaveText('From the matrix: P2 High');
  await properties.getByRole('button', { name: 'Save properties' }).click();
  await expect(agent.getByText('Properties saved.')).toBeVisible();

  await agent.getByRole('button', { name: 'More' }).click();
  await agent.getByRole('menuitem', { name: 'Raise exception…' }).click();
  const exception = agent
    .getByRole('dialog', { name: 'Raise an exception' })
    .getByRole('form', { name: 'Raise exception' });
  await exception.getByRole('button', { name: 'Raise exception' }).click();
  await expect(exception.getByText('Give the date and time of the incident.')).toBeVisible();
  await exception.getByLabel('Incident date and time').fill('2026-11-23T09:15');
  await exception
    .getByLabel('Exception details')
    .fill('Duplicate card capture on one order; payment provider reference needed.');
  await exception.getByRole('button', { name: 'Raise exception' }).click();
  const cern = agent.getByText(/^CERN-\d{4}-\d{6}$/).first();
  await expect(cern).toBeVisible();
  const cernText = (await cern.textContent())!;

  // Resolution: a public reply, an internal note, then resolve.
  const reply = agent.getByRole('form', { name: 'Reply' });
  await reply.getByLabel('Message').fill('We have refunded the second charge; it shows within 3 days.');
  await reply.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(agent.getByText('Reply sent.')).toBeVisible();
  await reply.getByLabel('Internal note').check();
  await reply.getByLabel('Message').fill('Provider ticket PSP-4411 opened.');
  await reply.getByRole('button', { name: 'Add note' }).click();
  await expect(agent.getByText('Note added.')).toBeVisible();
  await agent.getByRole('button', { name: 'Resolve…' }).click();
  const resolve = agent.getByRole('dialog', { name: 'Resolve the request' }).getByRole('form', { name: 'Resolve' });
  await resolve.getByLabel('Resolution summary').fill('Second charge refunded by the payment provider.');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  // The page now shows the request resolved, with its summary; the working forms are gone.
  await expect(agent.getByRole('region', { name: 'Resolution' })).toContainText(
    'Second charge refunded by the payment provider.',
  );
  await expect(agent.getByRole('form', { name: 'Resolve' })).toHaveCount(0);
  await expect(agent.getByRole('button', { name: 'Resolve…' })).toHaveCount(0);
  await expect(
    agent.getByRole('group', { name: 'Request state' }).getByText('Resolved', { exact: true }),
  ).toBeVisible();

  // Follow-up: the customer sees the resolution and the reply but not the note, confirms, rates.
  await customer.goto(`/portal/requests/${number}`);
  await expect(customer.getByText('Second charge refunded by the payment provider.')).toBeVisible();
  await expect(customer.getByText('We have refunded the second charge; it shows within 3 days.')).toBeVisible();
  await expect(customer.getByText('Provider ticket PSP-4411 opened.')).toHaveCount(0);
  await expect(customer.getByText(`Reference ${cernText}`)).toBeVisible();
  await customer.getByRole('button', { name: 'Yes, it is fixed' }).click();
  await expect(customer.getByText('Thank you for confirming. Your request is closed.')).toBeVisible();
  await customer.getByLabel('Satisfaction 5 of 5').check();
  await customer.getByLabel('Recommend 9 of 10').check();
  await customer.getByLabel(/Anything else/).fill(comment);
  await customer.getByRole('button', { name: 'Send rating' }).click();
  await expect(customer.getByText('You rated this request 5/5 (recommend 9/10). Thank you!')).toBeVisible();

  // The lead's dashboard shows the answer.
  const lead = await personAs(browser, 'lead@demo.test');
  await expect(lead).toHaveURL(/\/dashboard/);
  await expect(lead.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const feedback = lead.getByRole('region', { name: 'Recent feedback' });
  await expect(feedback.getByText(comment)).toBeVisible();
  await expect(feedback.getByText(`#${number}`)).toBeVisible();
});
