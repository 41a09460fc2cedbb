import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

test('SLA breaches reach the lead and the assignee; a breach escalates with its reason; an agent escalates to the next tier', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // The demo's SLA watch ran at seeding: the lead of Technical and Tier 2 support has the escalation on the bell.
  const lead = await personAs(browser, 'lead@demo.test');
  await lead.goto('/notifications');
  const escalations = lead
    .getByRole('list', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'escalated to Tier 2 support' });
  await expect(escalations.first()).toContainText(/target breached/);
  // Other journeys running beside this one may change one of these requests (a bulk priority
  // change moves its due time and clears the breach): the first still breached is the one to open.
  const hrefs = await escalations.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  let opened = false;
  for (const href of hrefs) {
    await lead.goto(href!);
    if ((await lead.getByRole('group', { name: 'Request state' }).getByText('SLA breached').count()) > 0) {
      opened = true;
      break;
    }
  }
  expect(opened).toBe(true);
  const timeline = lead.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByText(/target breached \(due .+\); escalated to Tier 2 support$/)).toBeVisible();
  await expect(
    timeline.getByText(/^Escalated to Tier 2 support: SLA breached: .+ target breached/).first(),
  ).toBeVisible();

  // The assignee of a late request is told too; the escalate dialog offers the team's next tier first.
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/notifications');
  const breached = agent
    .getByRole('list', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'target breached' })
    .filter({ hasNotText: 'escalated' })
    .first();
  await breached.getByRole('link').click();
  await expect(agent.getByRole('group', { name: 'Request state' }).getByText('SLA breached')).toBeVisible();
  await agent.getByRole('group', { name: 'Request actions' }).getByRole('button', { name: 'Escalate' }).click();
  const dialog = agent.getByRole('dialog', { name: 'Escalate' });
  await expect(dialog.getByLabel('Escalate to team').locator('option:checked')).toHaveText(
    'Tier 2 support (tier 2) · next tier',
  );
  await dialog.getByLabel('Reason for escalation').fill('Needs the second line: a server log is required');
  await dialog.getByRole('button', { name: 'Escalate' }).click();
  await expect(
    agent
      .getByRole('list', { name: 'Timeline' })
      .getByText('Escalated to Tier 2 support: Needs the second line: a server log is required')
      .first(),
  ).toBeVisible();

  // Admins keep paths climbing: Tier 2 support cannot drop to tier 1 while tier 1 teams escalate to it.
  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/teams');
  await expect(
    admin
      .getByRole('list', { name: 'Teams' })
      .getByRole('listitem')
      .filter({ has: admin.getByRole('link', { name: 'Tier 2 support', exact: true }) }),
  ).toContainText('tier 2 → Platform specialists');
  await admin.getByRole('list', { name: 'Teams' }).getByRole('link', { name: 'Tier 2 support', exact: true }).click();
  const path = admin.getByRole('form', { name: 'Escalation path' });
  await expect(path.getByLabel('Escalates to').locator('option:checked')).toHaveText('Platform specialists (tier 3)');
  await path.getByLabel('Tier').fill('1');
  await path.getByRole('button', { name: 'Save escalation path' }).click();
  await expect(path.getByText(/\(tier 1\) escalates to this team: its tier must stay above 1\./).first()).toBeVisible();
  await path.getByLabel('Tier').fill('2');
  await path.getByRole('button', { name: 'Save escalation path' }).click();
  await expect(path.getByRole('status')).toHaveText('Escalation path saved.');
});
