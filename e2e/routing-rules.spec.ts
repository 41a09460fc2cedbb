import { expect, test, type Page } from '@playwright/test';
import { personAs } from './helpers';

async function submit(customer: Page, subject: string): Promise<string> {
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('The screen stays blank after signing in.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect(customer.getByRole('status')).toContainText(/We have received your request #\d+/);
  return (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();
}

test('an admin creates a routing rule, tries it against a request, and a new request is routed by it', async ({
  browser,
}) => {
  const word = `zebra${Date.now().toString(36)}`;
  const name = `Zebra requests ${word}`;
  const customer = await personAs(browser, 'customer@demo.test');
  const before = await submit(customer, `Blank screen (${word})`);

  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/rules');
  await expect(
    admin.getByRole('list', { name: 'Rules' }).getByRole('listitem', { name: 'Billing e-mails' }),
  ).toBeVisible();

  // A refused rule: no action chosen gets its message, nothing is created.
  const form = admin.getByRole('form', { name: 'New rule' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Subject or text has any of these words').fill(`${word}, another phrase`);
  await form.getByRole('button', { name: 'Create rule' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Choose at least one action.' })).toBeVisible();

  await form.getByLabel('Set team').selectOption({ label: 'Billing' });
  await form.getByLabel('Set priority').selectOption({ label: 'P2 High' });
  await form.getByLabel('Add tags').fill('zebra');
  await form.getByRole('button', { name: 'Create rule' }).click();
  await expect(form.getByRole('status')).toContainText(`Rule ${name} created.`);
  const rule = admin.getByRole('list', { name: 'Rules' }).getByRole('listitem', { name });
  await expect(rule).toContainText(`Subject or text has “${word}” or “another phrase”`);
  await expect(rule).toContainText('Set priority P2');

  // The dry run on the request sent before the rule existed: it would match; nothing is saved.
  const trial = admin.getByRole('form', { name: 'Try the rules against a request' });
  await trial.getByLabel('Request number').fill('not a number');
  await trial.getByRole('button', { name: 'Try rules' }).click();
  await expect(trial.getByText('Unknown request number.')).toBeVisible();
  await trial.getByLabel('Request number').fill(`#${before}`);
  await trial.getByRole('button', { name: 'Try rules' }).click();
  const result = admin.getByRole('region', { name: `Result for #${before}` });
  await expect(result).toContainText(`${name}: matches`);
  await expect(result).toContainText('Set team Billing');
  await expect(result).toContainText('Set priority P2 (was P3)');
  await expect(result).toContainText('Add tag zebra');
  await admin.goto(`/tickets/${before}`);
  await expect(admin.getByRole('group', { name: 'Request state' }).getByText('P3 Normal')).toBeVisible();

  // A new request with the word is routed on arrival: each change an event naming the rule.
  const routed = await submit(customer, `Blank screen again (${word.toUpperCase()})`);
  await admin.goto(`/tickets/${routed}`);
  await expect(admin.getByRole('group', { name: 'Request state' }).getByText('P2 High')).toBeVisible();
  const timeline = admin.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText(`Rule '${name}' set priority P2`);
  await expect(timeline).toContainText(`Rule '${name}' set team Billing`);
  await expect(timeline).toContainText(`Rule '${name}' added tag zebra`);

  // Deactivated, it no longer routes.
  await admin.goto('/admin/rules');
  await rule.getByRole('button', { name: `Deactivate ${name}` }).click();
  await expect(rule).toContainText('inactive');
  const unrouted = await submit(customer, `Blank screen once more (${word})`);
  await admin.goto(`/tickets/${unrouted}`);
  await expect(admin.getByRole('group', { name: 'Request state' }).getByText('P3 Normal')).toBeVisible();
});
