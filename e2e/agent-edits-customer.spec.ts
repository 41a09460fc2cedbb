import { expect, test } from '@playwright/test';
import { personAs, unique } from './helpers';

test('an agent merges a phone-only duplicate into a customer and edits the profile', async ({ browser }) => {
  const phone = `+44 7700 9${Date.now().toString().slice(-5)}`;
  const subject = unique('Called from an unknown number');
  const agent = await personAs(browser, 'agent@demo.test');

  // A call from a number nobody knows yet makes a second record for the same person.
  await agent.goto('/contacts/new');
  await agent.getByLabel('Customer name').fill('Kofi (mobile)');
  await agent.getByLabel('Customer phone').fill(phone);
  await agent.getByLabel('Subject').fill(subject);
  await agent.getByLabel('What the customer said').fill('Calling from his new mobile about a refund.');
  await agent.getByRole('button', { name: 'Log contact' }).click();
  await expect(agent.getByRole('heading', { level: 1 })).toContainText(subject);
  await agent.getByRole('link', { name: 'Kofi (mobile)' }).click();
  await expect(agent.getByRole('heading', { name: 'Kofi (mobile)', level: 1 })).toBeVisible();
  const duplicateUrl = agent.url();

  // Merge it into the real Kofi Boateng from his profile.
  // Find the real Kofi Boateng through search (the seed's queues change with the hour).
  await agent.goto(`/tickets/search?q=${encodeURIComponent('kofi.boateng@example.com')}`);
  await agent
    .getByRole('list', { name: 'Search results' })
    .getByRole('listitem')
    .first()
    .getByRole('link')
    .first()
    .click();
  await agent.getByRole('link', { name: 'Kofi Boateng' }).click();
  await expect(agent.getByRole('heading', { name: 'Kofi Boateng', level: 1 })).toBeVisible();
  const merge = agent.getByRole('form', { name: 'Merge customers' });
  await merge.getByLabel('E-mail or phone of the duplicate record').fill(phone);
  await merge.getByRole('button', { name: 'Merge into this customer' }).click();
  await expect(agent.getByRole('list', { name: 'Contact history' }).getByText(subject)).toBeVisible();
  expect((await agent.request.get(duplicateUrl)).status()).toBe(404);

  const edit = agent.getByRole('form', { name: 'Edit customer' });
  await edit.getByLabel('Tags').fill('vip, called-twice');
  await edit.getByRole('button', { name: 'Save customer' }).click();
  await expect(agent.getByText('Customer saved.')).toBeVisible();
  await expect(agent.getByRole('region', { name: 'Contact details' })).toContainText('vip, called-twice');
});
