import { expect, test, type Page } from '@playwright/test';
import { personAs, unique } from './helpers';

const form = (page: Page, name: string) => page.getByRole('form', { name });

/** The value beside a label in the ticket page's Details. */
const detail = (page: Page, label: string) =>
  page
    .getByRole('region', { name: 'Details' })
    .locator('dl > div')
    .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) })
    .getByRole('definition');

test('an admin changes an SLA policy and sees a request’s due time change', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await personAs(browser, 'admin@demo.test');
  const category = unique('Warranty SLA');
  const policy = unique('Warranty P3');
  const subject = unique('Phone: warranty repair');

  // A category of its own, so the policy applies to this journey's request only.
  await admin.goto('/admin/categories');
  const newCategory = form(admin, 'New category');
  await newCategory.getByLabel('Name').fill(category);
  await newCategory.getByRole('button', { name: 'Create category' }).click();
  await expect(newCategory.getByRole('status')).toHaveText(`Category ${category} created.`);

  // A P3 policy for it in office hours: bad input is refused beside the field first.
  await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'SLA policies' }).click();
  await expect(admin.getByRole('heading', { name: 'SLA policies', level: 1 })).toBeVisible();
  const create = form(admin, 'New SLA policy');
  await create.getByLabel('Name').fill(policy);
  await create.getByLabel('Category').selectOption({ label: category });
  await create.getByLabel('Business calendar').selectOption({ label: 'Office hours' });
  await create.getByRole('group', { name: 'First response target' }).getByLabel('Hours').fill('0');
  await create.getByRole('group', { name: 'Resolution target' }).getByLabel('Hours').fill('10');
  await create.getByRole('button', { name: 'Create policy' }).click();
  await expect(create.getByText('Give a first-response target.')).toBeVisible();
  await create.getByRole('group', { name: 'First response target' }).getByLabel('Hours').fill('2');
  await create.getByRole('button', { name: 'Create policy' }).click();
  await expect(create.getByRole('status')).toContainText(`Policy ${policy} saved.`);

  // A request in that category gets the policy's due times.
  await admin.goto('/contacts/new');
  await admin.getByLabel('Channel').selectOption('phone');
  await admin.getByLabel('Customer name').fill('Casey C.');
  await admin.getByLabel('Customer e-mail').fill('customer@demo.test');
  await admin.getByLabel('Subject').fill(subject);
  await admin.getByLabel('What the customer said').fill('The repaired kettle is broken again.');
  await admin.getByLabel('Category (optional)').selectOption({ label: category });
  await admin.getByRole('button', { name: 'Log contact' }).click();
  await expect(admin).toHaveURL(/\/tickets\/\d+$/);
  const ticketUrl = admin.url();
  await expect(detail(admin, 'SLA policy')).toHaveText(`${policy} (Office hours)`);
  const before = await detail(admin, 'First response due').locator('time').getAttribute('datetime');
  expect(before).toBeTruthy();

  // The admin gives the first response 20 business hours instead of 2.
  await admin.goto('/admin/sla');
  const item = admin.getByRole('list', { name: 'SLA policies' }).getByRole('listitem').filter({ hasText: policy });
  await expect(item).toContainText('First response 2 h');
  await item.getByText(`Edit ${policy}`).click();
  const edit = form(admin, `Edit ${policy}`);
  await edit.getByRole('group', { name: 'First response target' }).getByLabel('Hours').fill('20');
  await edit.getByRole('button', { name: 'Save policy' }).click();
  await expect(edit.getByRole('status')).toContainText(`Policy ${policy} saved.`);
  await expect(item).toContainText('First response 20 h');

  // The recompute job moves the open request's due time later.
  await expect
    .poll(
      async () => {
        await admin.goto(ticketUrl);
        return detail(admin, 'First response due').locator('time').getAttribute('datetime');
      },
      { timeout: 60_000, intervals: [1_000, 2_000, 3_000] },
    )
    .not.toBe(before);
  const after = await detail(admin, 'First response due').locator('time').getAttribute('datetime');
  expect(new Date(after!).getTime()).toBeGreaterThan(new Date(before!).getTime());
});
