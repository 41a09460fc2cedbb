import { expect, test } from '@playwright/test';
import { personAs, unique } from './helpers';

test('an agent logs a phone contact for an existing customer and it appears on the profile', async ({ browser }) => {
  const subject = unique('Phone: delivery missing');
  const agent = await personAs(browser, 'agent@demo.test');

  await agent.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Log a contact' }).click();
  await expect(agent.getByRole('heading', { name: 'Log a contact' })).toBeVisible();
  // Bad input first: nothing is saved, each message sits next to its field.
  await agent.getByRole('button', { name: 'Log contact' }).click();
  await expect(agent.getByText('Customer name is required.')).toBeVisible();
  await expect(agent.getByText('Give an e-mail address or a phone number.')).toBeVisible();
  await expect(agent.getByText('Subject is required.')).toBeVisible();

  await agent.getByLabel('Channel').selectOption('phone');
  await agent.getByLabel('Customer name').fill('Casey C.');
  await agent.getByLabel('Customer e-mail').fill('CUSTOMER@demo.test');
  await agent.getByLabel('Subject').fill(subject);
  await agent.getByLabel('What the customer said').fill('Called: the parcel shows delivered but never arrived.');
  await agent.getByRole('button', { name: 'Log contact' }).click();

  await expect(agent).toHaveURL(/\/tickets\/\d+$/);
  await expect(agent.getByRole('heading', { level: 1 })).toContainText(subject);
  await expect(agent.getByText('via phone', { exact: false }).first()).toBeVisible();
  await agent.getByRole('link', { name: 'Casey Customer' }).click();

  await expect(agent.getByRole('heading', { name: 'Casey Customer', level: 1 })).toBeVisible();
  const history = agent.getByRole('list', { name: 'Contact history' });
  const entry = history.getByRole('listitem').filter({ hasText: subject });
  await expect(entry).toBeVisible();
  await expect(entry.getByText('phone', { exact: true })).toBeVisible();
  // The same person across channels: the portal requests are in the same history.
  await expect(history.getByText('web', { exact: true }).first()).toBeVisible();
});
