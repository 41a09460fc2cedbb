import { expect, test } from '@playwright/test';
import { personAs, signIn, unique } from './helpers';
import { linkInNewestMail, newestMail, signUpAndVerify } from './mailbox';

/**
 * Issue 12, accounts: a forgotten password is reset by a mailed link, and a person support knows
 * from a phone call signs up, proves the address and finds their earlier request in the portal.
 * The links are read from the newest outbox row (e2e/mailbox.ts) until /admin/outbox exists.
 */

// Three people, two mails and a sign-in each: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

test('a customer resets a forgotten password by the mailed link and signs in with the new one', async ({ browser }) => {
  const email = `forgetful-${Date.now()}@example.org`;
  const phone = await (await browser.newContext()).newPage();
  await signUpAndVerify(phone, { name: 'Fern Forgetful', email, password: 'the first password' });

  const page = await (await browser.newContext()).newPage();
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByText('Enter your e-mail address.')).toBeVisible();

  // An address without an account gets the very same answer.
  await page.getByLabel('Email').fill(`nobody-${Date.now()}@example.org`);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  const answer = 'If an account exists for that address, we have sent a link to choose a new password.';
  await expect(page.getByRole('status')).toHaveText(answer);
  await page.getByLabel('Email').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('status')).toHaveText(answer);

  const link = await linkInNewestMail(email, 'password_reset');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await page.getByLabel('New password').fill('the second password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/signin\?reset=done$/);
  await expect(page.getByRole('status')).toContainText('Your password has been changed');

  // The session that was open elsewhere ended with the reset.
  await phone.goto('/portal');
  await expect(phone).toHaveURL(/\/signin/);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('the first password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That e-mail and password do not match an account.')).toBeVisible();
  await signIn(page, email, 'the second password');
  await expect(page).toHaveURL(/\/portal$/);

  // The link worked once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(again.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
});

test('a person known from a phone call signs up, confirms the address, and sees the earlier request', async ({
  browser,
}) => {
  const email = `caller-${Date.now()}@example.org`;
  const subject = unique('Phone: router keeps dropping');
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/contacts/new');
  await agent.getByLabel('Channel').selectOption('phone');
  await agent.getByLabel('Customer name').fill('Carla Caller');
  await agent.getByLabel('Customer e-mail').fill(email);
  await agent.getByLabel('Customer phone').fill(`+44 20 7946 ${String(Date.now()).slice(-4)}`);
  await agent.getByLabel('Subject').fill(subject);
  await agent.getByLabel('What the customer said').fill('Called: the router drops the connection every evening.');
  await agent.getByRole('button', { name: 'Log contact' }).click();
  await expect(agent).toHaveURL(/\/tickets\/\d+$/);

  const page = await (await browser.newContext()).newPage();
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Carla Caller');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('carla-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText(`Check your inbox: we have sent a link to ${email}`);

  await page.goto(await linkInNewestMail(email, 'email_verification'));
  await expect(page.getByRole('heading', { name: 'Confirm your e-mail address' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm and create my account' }).click();
  await expect(page).toHaveURL(/\/signin\?verified=1$/);
  await expect(page.getByRole('status')).toContainText('Your e-mail address is confirmed');
  await signIn(page, email, 'carla-password');
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('list', { name: 'My requests' }).getByText(subject)).toBeVisible();

  // Signing up again with the address makes no second account: the same answer, a notice by mail instead.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto('/signup');
  await stranger.getByLabel('Name').fill('Not Carla');
  await stranger.getByLabel('Email').fill(email);
  await stranger.getByLabel('Password').fill('stranger-password');
  await stranger.getByRole('button', { name: 'Create account' }).click();
  await expect(stranger.getByRole('status')).toContainText(`Check your inbox: we have sent a link to ${email}`);
  expect((await newestMail(email, 'account_exists')).subject).toBe('You already have an account');
  await stranger.goto('/signin');
  await stranger.getByLabel('Email').fill(email);
  await stranger.getByLabel('Password').fill('stranger-password');
  await stranger.getByRole('button', { name: 'Sign in' }).click();
  await expect(stranger.getByText('That e-mail and password do not match an account.')).toBeVisible();
});

test('the profile on /account: a customer renames themselves, an agent sets an e-mail signature', async ({
  browser,
}) => {
  const email = `renamed-${Date.now()}@example.org`;
  const customer = await (await browser.newContext()).newPage();
  await signUpAndVerify(customer, { name: 'Rene Renamed', email, password: 'rene-password' });
  await customer.goto('/account');
  const profile = customer.getByRole('region', { name: 'Profile' });
  await expect(profile.getByLabel('E-mail signature')).toHaveCount(0);
  await profile.getByLabel('Name').fill('');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByText('Enter your name.')).toBeVisible();
  await profile.getByLabel('Name').fill('René Renamed');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByRole('status')).toHaveText('Profile saved.');
  await expect(customer.getByText(`René Renamed · ${email}`)).toBeVisible();

  const agent = await personAs(browser, 'agent2@demo.test');
  await agent.goto('/account');
  const staffProfile = agent.getByRole('region', { name: 'Profile' });
  const seeded = await staffProfile.getByLabel('E-mail signature').inputValue();
  await staffProfile.getByLabel('E-mail signature').fill('Sam Second\nBilling desk');
  await staffProfile.getByRole('button', { name: 'Save profile' }).click();
  await expect(staffProfile.getByRole('status')).toHaveText('Profile saved.');
  await agent.reload();
  await expect(agent.getByRole('region', { name: 'Profile' }).getByLabel('E-mail signature')).toHaveValue(
    'Sam Second\nBilling desk',
  );
  // Put the demo's signature back for the journeys that read agent mail.
  await agent.getByRole('region', { name: 'Profile' }).getByLabel('E-mail signature').fill(seeded);
  await agent.getByRole('region', { name: 'Profile' }).getByRole('button', { name: 'Save profile' }).click();
  await expect(agent.getByRole('region', { name: 'Profile' }).getByRole('status')).toHaveText('Profile saved.');
});
