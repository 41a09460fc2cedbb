import { expect, test } from '@playwright/test';
import { personAs, SECOND_INSTANCE } from './helpers';

test('two agents on one ticket: each sees the other, typing shows, and the stale save is refused with a way to reload', async ({
  browser,
}) => {
  const alex = await personAs(browser, 'agent@demo.test');
  await alex.goto('/tickets?view=open');
  const number = (await alex
    .getByRole('table', { name: 'All open' })
    .getByRole('row')
    .nth(1)
    .getByRole('link')
    .first()
    .textContent())!
    .replace('#', '')
    .trim();
  await alex.goto(`/tickets/${number}`);

  const sam = await personAs(browser, 'agent2@demo.test', SECOND_INSTANCE);
  await sam.goto(`/tickets/${number}`);
  const samIdentified = sam.getByRole('list', { name: 'Timeline' }).getByText(/^Identified: /);
  const identifiedBefore = await samIdentified.count();

  const others = alex.getByRole('status', { name: 'Others on this request' });
  await expect(others).toContainText('Also viewing: Sam Second');
  await expect(sam.getByRole('status', { name: 'Others on this request' })).toContainText('Also viewing: Alex Agent');

  await sam.getByRole('form', { name: 'Reply' }).getByLabel('Message').fill('Drafting an answer…');
  await expect(others).toContainText('Sam Second is typing a reply…');

  // Alex saves first; Sam is told at once, and Sam's save from the old version is refused.
  const alexForm = alex.getByRole('form', { name: 'Properties' });
  await alexForm.getByLabel('Severity').selectOption('1');
  await alexForm.getByLabel('Impact').selectOption('many');
  if (!(await alexForm.getByLabel('Category').inputValue()))
    await alexForm.getByLabel('Category').selectOption({ index: 1 });
  await alexForm.getByRole('button', { name: 'Save properties' }).click();
  await expect(alex.getByText('Properties saved.')).toBeVisible();

  await expect(sam.getByRole('alert').filter({ hasText: 'Someone else changed this request just now' })).toBeVisible({
    timeout: 5_000,
  });
  // Sam's timeline, on the other instance, shows Alex's change without a reload.
  await expect(samIdentified).toHaveCount(identifiedBefore + 1, { timeout: 5_000 });
  const samForm = sam.getByRole('form', { name: 'Properties' });
  await samForm.getByLabel('Severity').selectOption('4');
  await samForm.getByLabel('Impact').selectOption('single');
  if (!(await samForm.getByLabel('Category').inputValue()))
    await samForm.getByLabel('Category').selectOption({ index: 1 });
  await samForm.getByRole('button', { name: 'Save properties' }).click();
  await expect(samForm.getByText(/was changed by someone else while you were editing it/)).toBeVisible();

  await samForm.getByRole('button', { name: 'Reload the request' }).click();
  await expect(sam.getByRole('form', { name: 'Properties' }).getByLabel('Severity')).toHaveValue('1');
});
