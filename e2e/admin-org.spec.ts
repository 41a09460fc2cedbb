import { expect, test, type Page } from '@playwright/test';
import { personAs, unique } from './helpers';

/** The form a server action result belongs to, by its accessible name. */
const form = (page: Page, name: string) => page.getByRole('form', { name });

test('an admin sets up a team, categories, the follow-up window and shared macros', async ({ browser }) => {
  test.setTimeout(300_000);
  const admin = await personAs(browser, 'admin@demo.test');
  const team = unique('Warranty team');
  const category = unique('Warranty claim');
  const retiring = unique('Telex orders');
  const macro = unique('Warranty reply');

  // Teams: create one (a duplicate name is refused next to the field), open it, add a member.
  await admin.goto('/admin/teams');
  await expect(admin.getByRole('heading', { name: 'Teams', level: 1 })).toBeVisible();
  const newTeam = form(admin, 'New team');
  await newTeam.getByLabel('Team name').fill('Billing');
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  await expect(newTeam.getByText('A team with this name exists already.').first()).toBeVisible();
  await newTeam.getByLabel('Team name').fill(team);
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  await expect(newTeam.getByRole('status')).toHaveText(`Team ${team} created.`);
  await admin.getByRole('list', { name: 'Teams' }).getByRole('link', { name: team }).click();
  await expect(admin.getByRole('heading', { name: team, level: 1 })).toBeVisible();
  const add = form(admin, 'Add member');
  await add.getByLabel('Person').selectOption({ label: 'Sam Second (agent2@demo.test)' });
  await add.getByRole('button', { name: 'Add member' }).click();
  await expect(add.getByRole('status')).toHaveText('Sam Second added.');
  await expect(admin.getByRole('list', { name: 'Members' }).getByText('Sam Second', { exact: true })).toBeVisible();

  // Categories: one routed to the new team, and one that is then retired.
  await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Categories' }).click();
  const newCategory = form(admin, 'New category');
  await newCategory.getByLabel('Name').fill(category);
  await newCategory.getByLabel('Default team').selectOption({ label: team });
  await newCategory.getByRole('button', { name: 'Create category' }).click();
  await expect(newCategory.getByRole('status')).toHaveText(`Category ${category} created.`);
  const categories = admin.getByRole('list', { name: 'Categories' });
  await expect(categories.getByRole('listitem').filter({ hasText: category })).toContainText(`Team: ${team}`);
  await newCategory.getByLabel('Name').fill(retiring);
  await newCategory.getByRole('button', { name: 'Create category' }).click();
  await expect(newCategory.getByRole('status')).toHaveText(`Category ${retiring} created.`);
  await admin.getByRole('button', { name: `Retire ${retiring}` }).click();
  await expect(categories.getByRole('listitem').filter({ hasText: retiring })).toContainText('retired');

  // The retired category has left the "Log a contact" form; the new one is offered.
  await admin.goto('/contacts/new');
  const choices = admin.getByLabel('Category (optional)');
  await expect(choices.getByRole('option', { name: category })).toHaveCount(1);
  await expect(choices.getByRole('option', { name: retiring })).toHaveCount(0);
  await expect(choices.getByRole('option', { name: 'Fax orders' })).toHaveCount(0);

  // Settings: the follow-up window (a bad value is refused next to its field).
  await admin.goto('/admin/settings');
  const days = admin.getByLabel('Days a resolved request waits for the customer');
  await days.fill('120');
  await admin.getByRole('button', { name: 'Save follow-up window' }).click();
  await expect(admin.getByText('Enter a number of days from 0 to 90.')).toBeVisible();
  await days.fill('10');
  await admin.getByRole('button', { name: 'Save follow-up window' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Follow-up window saved.' })).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel('Days a resolved request waits for the customer')).toHaveValue('10');
  await admin.getByLabel('Days a resolved request waits for the customer').fill('7');
  await admin.getByRole('button', { name: 'Save follow-up window' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Follow-up window saved.' })).toBeVisible();

  // Shared macros: create, edit, delete.
  await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Macros' }).click();
  const newMacro = form(admin, 'New macro');
  await newMacro.getByLabel('Title').fill(macro);
  await newMacro.getByLabel('Text').fill('Hello {{customer.name}}, your claim is registered.');
  await newMacro.getByRole('button', { name: 'Create macro' }).click();
  await expect(newMacro.getByRole('status')).toHaveText(`Macro ${macro} created.`);
  const list = admin.getByRole('list', { name: 'Macros' });
  await list.getByText(`Edit ${macro}`).click();
  const edit = form(admin, `Edit ${macro}`);
  await edit.getByLabel('Title').fill(`${macro} v2`);
  await edit.getByLabel('Then set status').selectOption({ label: 'Waiting on customer' });
  await edit.getByRole('button', { name: 'Save macro' }).click();
  await expect(list.getByText(`${macro} v2`, { exact: true })).toBeVisible();
  await admin.getByRole('button', { name: `Delete ${macro} v2` }).click();
  await expect(list.getByText(`${macro} v2`, { exact: true })).toHaveCount(0);

  // An agent has no way in.
  const agent = await personAs(browser, 'agent@demo.test');
  for (const path of ['/admin/teams', '/admin/categories', '/admin/settings', '/admin/macros']) {
    const response = await agent.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
