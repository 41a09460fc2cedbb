import { expect, test } from '@playwright/test';
import { hydrated, personAs, SECOND_INSTANCE, unique } from './helpers';

test('a request submitted on one app instance appears in an agent’s open queue on another, without reload', async ({
  browser,
}) => {
  const subject = unique('Live: invoice PDF is blank');
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=unassigned');
  const queue = agent.getByRole('table', { name: 'New & unassigned' });
  await expect(queue).toBeVisible();
  const countBefore = await agent.getByRole('link', { name: /New & unassigned \(\d+\)/ }).textContent();

  // The customer is served by the other instance.
  const customer = await personAs(browser, 'customer@demo.test', SECOND_INSTANCE);
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('The PDF attached to my invoice mail opens as a blank page.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText('We have received your request');

  // No reload on the agent's side: the row and the count arrive over server-sent events.
  await expect(queue.getByRole('row').filter({ hasText: subject })).toBeVisible({ timeout: 5_000 });
  await expect(agent.getByRole('link', { name: /New & unassigned \(\d+\)/ })).not.toHaveText(countBefore!);

  // Taken by another agent on the second instance: it leaves the unassigned queue by itself.
  const other = await personAs(browser, 'agent2@demo.test', SECOND_INSTANCE);
  await other.goto('/tickets?view=unassigned');
  await other.getByRole('link', { name: subject }).click();
  await other.getByRole('button', { name: 'Assign to me' }).click();
  await expect(other.getByRole('group', { name: 'Request state' })).toContainText('Assigned to Sam Second');
  await expect(queue.getByRole('row').filter({ hasText: subject })).toHaveCount(0, { timeout: 5_000 });
});

test('keyboard: j/k move through the queue, Enter opens, ? shows the shortcuts, n starts a note', async ({
  browser,
}) => {
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=open');
  const rows = agent.getByRole('table', { name: 'All open' }).getByRole('row');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await hydrated(agent);
  await agent.keyboard.press('j');
  await agent.keyboard.press('j');
  await agent.keyboard.press('k');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  const number = (await rows.nth(2).getByRole('link').first().textContent())!.replace('#', '').trim();

  await agent.keyboard.press('/');
  await expect(agent.getByRole('search').getByLabel('Search tickets')).toBeFocused();
  await agent.locator('body').click({ position: { x: 5, y: 400 } });
  await agent.keyboard.press('?');
  await expect(agent.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await agent.keyboard.press('Escape');
  await expect(agent.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);

  await agent.keyboard.press('Enter');
  await expect(agent).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(agent.getByRole('heading', { level: 1 })).toContainText(`#${number}`);
  await hydrated(agent);
  await agent.keyboard.press('?');
  await expect(agent.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await agent.keyboard.press('Escape');
  await expect(agent.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await agent.keyboard.press('n');
  const reply = agent.getByRole('form', { name: 'Reply' });
  await expect(reply.getByLabel('Internal note')).toBeChecked();
  await expect(reply.getByLabel('Message')).toBeFocused();
});
