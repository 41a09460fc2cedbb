import { expect, test } from '@playwright/test';
import { personAs, unique } from './helpers';

test('an agent uses a macro, tags a request and merges a duplicate into it', async ({ browser }) => {
  const subject = unique('Wrong colour delivered');
  const customer = await personAs(browser, 'customer@demo.test');
  const numbers: string[] = [];
  for (const s of [subject, `${subject} (again)`]) {
    await customer.goto('/portal/new');
    await customer.getByLabel('Subject').fill(s);
    await customer.getByLabel('Description').fill('I ordered blue and received red.');
    await customer.getByRole('button', { name: 'Submit request' }).click();
    numbers.push((await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim());
  }
  const [target, duplicate] = numbers as [string, string];

  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto(`/tickets/${target}`);

  // A personal macro with placeholders, then applied as a public reply.
  const title = unique('Ask for a photo');
  await agent.getByText('Create a macro').click();
  const create = agent.getByRole('form', { name: 'Create macro' });
  await create.getByLabel('Title').fill(title);
  await create.getByLabel('Text').fill('Hello {{customer.name}}, could you send a photo of the item for {{ticket.number}}? {{agent.name}}');
  await create.getByLabel('Then set status').selectOption('pending');
  await create.getByRole('button', { name: 'Save macro' }).click();
  await expect(agent.getByText('Macro saved.')).toBeVisible();
  const apply = agent.getByRole('form', { name: 'Apply macro' });
  await apply.getByLabel('Macro').selectOption({ label: title });
  await apply.getByRole('button', { name: 'Apply macro' }).click();
  await expect(agent.getByRole('list', { name: 'Timeline' }).getByText(`Hello Casey Customer, could you send a photo of the item for #${target}? Alex Agent`)).toBeVisible();
  await expect(agent.getByRole('group', { name: 'Request state' }).getByText('Waiting on customer')).toBeVisible();

  // Tags.
  const tags = agent.getByRole('form', { name: 'Add tags' });
  await tags.getByLabel('New tags').fill('Wrong-Item, returns');
  await tags.getByRole('button', { name: 'Add tags' }).click();
  await expect(agent.getByRole('list', { name: 'Tags' })).toContainText('wrong-item');
  await agent.getByRole('button', { name: 'Remove tag returns' }).click();
  await expect(agent.getByRole('list', { name: 'Tags' })).not.toContainText('returns');

  // Merge the duplicate into this request.
  await agent.goto(`/tickets/${duplicate}`);
  const merge = agent.getByRole('form', { name: 'Merge into another request' });
  await merge.getByLabel('Merge this request into #').fill(target);
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(agent.getByRole('region', { name: 'Details' })).toContainText(`Merged into#${target}`);
  await agent.goto(`/tickets/${target}`);
  await expect(agent.getByRole('region', { name: 'Details' })).toContainText(`Merged from#${duplicate}`);

  // The customer is told in the surviving request.
  await customer.goto(`/portal/requests/${target}`);
  await expect(customer.getByText(`so we merged it into #${target}`)).toBeVisible();
});
