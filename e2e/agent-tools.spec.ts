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

  // A personal macro with placeholders: it fills the reply box for review, then is sent.
  const title = unique('Ask for a photo');
  await agent.getByRole('button', { name: 'More' }).click();
  await agent.getByRole('menuitem', { name: 'Create a macro…' }).click();
  const create = agent.getByRole('dialog', { name: 'Create a macro' }).getByRole('form', { name: 'Create macro' });
  await create.getByLabel('Title').fill(title);
  await create
    .getByLabel('Text')
    .fill('Hello {{customer.name}}, could you send a photo of the item for {{ticket.number}}? {{agent.name}}');
  await create.getByLabel('Then set status').selectOption('pending');
  await create.getByRole('button', { name: 'Save macro' }).click();
  await expect(agent.getByText('Macro saved.')).toBeVisible();
  const reply = agent.getByRole('form', { name: 'Reply' });
  await reply.getByLabel('Macro').selectOption({ label: title });
  await reply.getByRole('button', { name: 'Insert macro' }).click();
  const filled = `Hello Casey Customer, could you send a photo of the item for #${target}? Alex Agent`;
  await expect(reply.getByLabel('Message')).toHaveValue(filled);
  // Nothing is sent until the agent sends it; the macro's status is proposed.
  await expect(agent.getByRole('list', { name: 'Timeline' }).getByText(filled)).toHaveCount(0);
  await expect(reply.getByLabel('After sending')).toHaveValue('pending');
  await reply.getByRole('button', { name: 'Send and wait on customer' }).click();
  await expect(
    agent
      .getByRole('list', { name: 'Timeline' })
      .getByText(`Hello Casey Customer, could you send a photo of the item for #${target}? Alex Agent`),
  ).toBeVisible();
  await expect(agent.getByRole('group', { name: 'Request state' }).getByText('Waiting on customer')).toBeVisible();

  // Tags, in the properties panel.
  const properties = agent.getByRole('form', { name: 'Properties' });
  await properties.getByLabel('Tags').fill('Wrong-Item, returns');
  await properties.getByRole('button', { name: 'Save properties' }).click();
  await expect(properties.getByRole('status')).toHaveText('Properties saved.');
  await expect(properties.getByLabel('Tags')).toHaveValue('returns, wrong-item');
  await properties.getByLabel('Tags').fill('wrong-item');
  await properties.getByRole('button', { name: 'Save properties' }).click();
  // Saved once the timeline shows it (the status line still says so from the first save).
  await expect(agent.getByRole('list', { name: 'Timeline' }).getByText('Tag removed: returns')).toBeVisible();
  await expect(properties.getByLabel('Tags')).toHaveValue('wrong-item');
  await agent.reload();
  await expect(agent.getByRole('form', { name: 'Properties' }).getByLabel('Tags')).toHaveValue('wrong-item');

  // Merge the duplicate into this request (a rare action: in the "More" menu).
  await agent.goto(`/tickets/${duplicate}`);
  await agent.getByRole('button', { name: 'More' }).click();
  await agent.getByRole('menuitem', { name: 'Merge into…' }).click();
  const merge = agent
    .getByRole('dialog', { name: 'Merge into another request' })
    .getByRole('form', { name: 'Merge into another request' });
  await merge.getByLabel('Merge this request into #').fill(target);
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(agent.getByRole('region', { name: 'Details' })).toContainText(`Merged into#${target}`);
  await expect(agent.getByRole('region', { name: 'Details' }).getByRole('link', { name: `#${target}` })).toBeVisible();
  await agent.goto(`/tickets/${target}`);
  await expect(agent.getByRole('region', { name: 'Details' })).toContainText(`Merged from#${duplicate}`);

  // The customer is told in the surviving request.
  await customer.goto(`/portal/requests/${target}`);
  await expect(customer.getByText(`so we merged it into #${target}`)).toBeVisible();
});
