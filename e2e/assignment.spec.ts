import { expect, test } from '@playwright/test';
import { hydrated, personAs, unique } from './helpers';

test('an agent sets themselves away and back; the admin sees it on the team page', async ({ browser }) => {
  // Tomás works in Returns, a manual team: coming back picks nothing up, so other journeys keep their queue.
  const agent = await personAs(browser, 'tomas.rivera@demo.test');
  await agent.goto('/tickets');
  await hydrated(agent);
  const available = agent.getByRole('switch', { name: 'Available for new requests' });
  await expect(available).toHaveAttribute('aria-checked', 'true');
  await available.focus();
  await agent.keyboard.press('Space');
  await expect(available).toHaveAttribute('aria-checked', 'false');
  await expect(available).toHaveText('Away');
  // Announced politely to screen readers (a live region, not a second status message on the page).
  await expect(agent.getByText('You are away')).toBeAttached();
  // It stays so across pages.
  await agent.goto('/articles');
  await expect(agent.getByRole('switch', { name: 'Available for new requests' })).toHaveAttribute(
    'aria-checked',
    'false',
  );

  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/teams');
  await admin.getByRole('link', { name: 'Returns' }).click();
  const table = admin.getByRole('table', { name: 'Availability of the members' });
  await expect(table.getByRole('row', { name: /Tomás Rivera/ })).toContainText('Away');

  await agent.getByRole('switch', { name: 'Available for new requests' }).click();
  await expect(agent.getByRole('switch', { name: 'Available for new requests' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await admin.reload();
  await expect(table.getByRole('row', { name: /Tomás Rivera/ })).toContainText('Available');
});

test('a request submitted in the portal lands assigned to an available agent of a round-robin team', async ({
  browser,
}) => {
  const subject = unique('Cannot sign in after password change');
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Category (optional)').selectOption({ label: 'Login & access' });
  await customer.getByLabel('Description').fill('Since Monday my new password is refused.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  // Technical assigns round-robin among its available members; Priya Patel is away.
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto(`/tickets/${number}`);
  const state = agent.getByRole('group', { name: 'Request state' });
  await expect(state).toContainText(/Assigned to (Alex Agent|Sam Second|Jonas Berg)/);
  await expect(state).not.toContainText('Priya Patel');
  await expect(agent.getByRole('list', { name: 'Timeline' })).toContainText(
    /Assigned to (Alex Agent|Sam Second|Jonas Berg) by round-robin/,
  );
});
