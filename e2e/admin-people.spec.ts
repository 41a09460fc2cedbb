import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readMailAsAdmin } from './mailbox';
import { personAs } from './helpers';

test('an admin invites an agent, who joins and works; deactivation ends their session; the audit log shows both', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const email = `new.agent.${Date.now().toString(36)}@demo.test`;
  const admin = await personAs(browser, 'admin@demo.test');

  // Invite.
  await admin.goto('/admin/people');
  const invite = admin.getByRole('form', { name: 'Invite staff' });
  await invite.getByLabel('E-mail address').fill(email);
  await invite.getByLabel('Name').fill('Nia New');
  await invite.getByLabel('Role').selectOption('agent');
  await invite.getByRole('checkbox', { name: 'Technical' }).check();
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.getByRole('status')).toHaveText(`Invitation sent to ${email}.`);
  await expect(admin.getByRole('list', { name: 'Pending invitations' })).toContainText(email);

  // The same address again is a field error once it signs in; an address in use already is one now.
  await invite.getByLabel('E-mail address').fill('agent@demo.test');
  await invite.getByLabel('Name').fill('Someone');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.getByText('Someone already signs in with this e-mail address.').last()).toBeVisible();

  // The invited person opens the link from their mail and chooses a password.
  const mail = await readMailAsAdmin(admin, email, /invit/i);
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail)![0];
  const path = new URL(link).pathname;
  const context = await browser.newContext();
  const agent = await context.newPage();
  await agent.goto(path);
  await expect(agent.getByRole('heading', { name: 'Join the support team' })).toBeVisible();
  await expect(agent.getByText('Ada Admin invited you as')).toBeVisible();
  const { violations } = await new AxeBuilder({ page: agent }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await expect(agent.getByLabel('Name')).toHaveValue('Nia New');
  await agent.getByLabel('Password').fill('short');
  await agent.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(agent.getByText('Use at least 8 characters.')).toBeVisible();
  await agent.getByLabel('Password').fill('nia-new-password');
  await agent.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(agent).toHaveURL(/\/tickets/);
  await expect(agent.getByRole('heading', { level: 1 })).toBeVisible();

  // The link is used up.
  const again = await (await browser.newContext()).newPage();
  await again.goto(path);
  await expect(again.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();

  // The admin finds and deactivates them: their open session ends at once.
  await admin.goto(`/admin/people?q=${encodeURIComponent(email)}`);
  await admin.getByRole('table', { name: 'People' }).getByRole('link', { name: 'Nia New' }).click();
  await expect(admin.getByRole('heading', { name: 'Nia New' })).toBeVisible();
  await admin.getByRole('form', { name: 'Deactivate Nia New' }).getByRole('button', { name: 'Deactivate' }).click();
  await expect(admin.getByRole('status')).toContainText('Nia New was deactivated and signed out of 1 session.');
  await agent.goto('/tickets');
  await expect(agent).toHaveURL(/\/signin/);

  // The audit log shows the invitation and the deactivation.
  await admin.goto(`/admin/audit?entity=${encodeURIComponent(email)}`);
  const entries = admin.getByRole('list', { name: 'Audit entries' });
  await expect(entries.getByRole('listitem').filter({ hasText: 'user.deactivated' })).toContainText('active: yes → no');
  await expect(entries.getByRole('listitem').filter({ hasText: 'invitation.sent' })).toContainText('role: agent');
  await expect(entries.getByRole('listitem').filter({ hasText: 'invitation.accepted' })).toBeVisible();
  await context.close();
});

test('a lead sees the members of their team read-only; the audit log is for admins only', async ({ browser }) => {
  const lead = await personAs(browser, 'lead@demo.test');
  await lead.goto('/admin/people');
  await expect(lead.getByRole('table', { name: 'People' })).toContainText('Alex Agent');
  await expect(lead.getByRole('form', { name: 'Invite staff' })).toHaveCount(0);
  await lead.getByRole('link', { name: 'Alex Agent' }).click();
  await expect(lead.getByRole('heading', { name: 'Alex Agent' })).toBeVisible();
  await expect(lead.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
  const response = await lead.goto('/admin/audit');
  expect(response?.status()).toBe(404);
});
