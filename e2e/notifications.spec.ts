import { expect, test, type Page } from '@playwright/test';
import { personAs, SECOND_INSTANCE, unique } from './helpers';

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
const unreadOf = async (page: Page) => Number((await bell(page).getAttribute('aria-label'))!.match(/(\d+) unread/)![1]);

test('an agent assigned a request on another instance sees the bell count rise live, opens it, and it drops', async ({
  browser,
}) => {
  test.slow(); // three people, two app instances
  const subject = unique('Refund never arrived');
  const customer = await personAs(browser, 'customer@demo.test');
  await customer.goto('/portal/new');
  await customer.getByLabel('Subject').fill(subject);
  await customer.getByLabel('Description').fill('I was promised a refund two weeks ago and nothing has arrived.');
  await customer.getByRole('button', { name: 'Submit request' }).click();
  const number = (await customer.getByText(/^Request #\d+$/).textContent())!.replace('Request #', '').trim();

  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=open');
  await expect(bell(agent)).toBeVisible();
  const before = await unreadOf(agent);

  // A colleague on the other app instance assigns the request to Alex.
  const other = await personAs(browser, 'agent2@demo.test', SECOND_INSTANCE);
  await other.goto(`/tickets/${number}`);
  const properties = other.getByRole('form', { name: 'Properties' });
  await properties.getByLabel('Category').selectOption({ label: 'Invoice question' });
  await properties.getByLabel('Severity').selectOption('3');
  await properties.getByLabel('Impact').selectOption('single');
  await properties.getByLabel('Assignee').selectOption({ label: 'Alex Agent' });
  await properties.getByRole('button', { name: 'Save properties' }).click();
  await expect(properties.getByRole('status')).toHaveText('Properties saved.');

  // No reload: the count arrives over the event stream.
  await expect(agent.getByRole('button', { name: `Notifications, ${before + 1} unread` })).toBeVisible({
    timeout: 5_000,
  });

  // The panel opens from the keyboard and closes with Escape, back on the bell.
  await bell(agent).focus();
  await agent.keyboard.press('Enter');
  const panel = agent.getByRole('region', { name: 'Notifications' });
  await expect(panel).toBeVisible();
  await agent.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(bell(agent)).toBeFocused();

  await bell(agent).click();
  const entry = panel.getByRole('link', { name: new RegExp(`#${number} ${subject}`) });
  await expect(entry).toContainText('Assigned to you by Sam Second');
  await entry.click();
  await expect(agent).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(agent.getByRole('button', { name: `Notifications, ${before} unread` })).toBeVisible();

  // The full list shows it, read.
  await agent.goto('/notifications');
  const item = agent.getByRole('list', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: subject });
  await expect(item).toContainText('Assigned to you by Sam Second');
  await expect(item).not.toContainText('Unread');
});

test('an agent chooses to also get notifications by e-mail on the account page', async ({ browser }) => {
  const agent = await personAs(browser, 'agent2@demo.test');
  await agent.goto('/account');
  const settings = agent.getByRole('region', { name: 'Notifications' });
  const box = settings.getByLabel('Also e-mail me my notifications');
  await expect(box).not.toBeChecked();
  await box.check();
  await settings.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(settings.getByRole('status')).toContainText('also be e-mailed');
  await agent.reload();
  await expect(
    agent.getByRole('region', { name: 'Notifications' }).getByLabel('Also e-mail me my notifications'),
  ).toBeChecked();
});
