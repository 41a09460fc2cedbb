import { expect, test } from '@playwright/test';
import { personAs, signIn } from './helpers';
import { linkInNewestMail } from './mailbox';

test('a customer cannot open another customer’s request or any staff page', async ({ browser }) => {
  // Find a request that is not Casey's, as an agent sees it.
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=open');
  const rows = agent.getByRole('row').filter({ hasNot: agent.getByText('Casey Customer') });
  const link = rows.nth(1).getByRole('link').first();
  const foreign = (await link.textContent())!.replace('#', '').trim();
  expect(Number(foreign)).toBeGreaterThan(1000);

  const customer = await personAs(browser, 'customer@demo.test');
  const response = await customer.goto(`/portal/requests/${foreign}`);
  expect(response?.status()).toBe(404);
  await expect(customer.getByRole('heading', { name: 'Not found' })).toBeVisible();

  for (const path of ['/tickets', `/tickets/${foreign}`, '/dashboard', '/contacts/new']) {
    const r = await customer.goto(path);
    expect(r?.status(), path).toBe(404);
    await expect(customer.getByRole('heading', { name: 'Not found' })).toBeVisible();
  }
});

test('signed-out visitors are sent to sign in, and a wrong password is refused', async ({ page }) => {
  await page.goto('/tickets');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel('Email').fill('agent@demo.test');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That e-mail and password do not match an account.')).toBeVisible();
});

test('an agent cannot open the lead dashboard', async ({ page }) => {
  await signIn(page, 'agent@demo.test');
  const r = await page.goto('/dashboard');
  expect(r?.status()).toBe(404);
});

test('a new customer signs up, submits a request, and script in it is shown as text', async ({ page }) => {
  test.setTimeout(180_000); // sign-up now goes through the mailed link
  const email = `new-${Date.now()}@example.org`;
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Nina New');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('Check your inbox');
  await page.goto(await linkInNewestMail(email, 'email_verification'));
  await page.getByRole('button', { name: 'Confirm and create my account' }).click();
  await signIn(page, email, 'a-long-password');
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByText('You have no requests yet.')).toBeVisible();

  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto('/portal/new');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByText('Subject is required.')).toBeVisible();
  await page.getByLabel('Subject').fill('<img src=x onerror=alert(1)> broken');
  await page.getByLabel('Description').fill('<script>alert("hi")</script> the page <b>breaks</b>');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<img src=x onerror=alert(1)> broken');
  await expect(page.getByText('<script>alert("hi")</script> the page <b>breaks</b>')).toBeVisible();
  expect(dialogs).toBe(0);
});
