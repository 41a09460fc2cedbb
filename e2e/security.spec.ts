import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signIn } from './helpers';
import { signUpAndVerify } from './mailbox';

/** Collects CSP violations the page reports, so a test can assert there were none. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('every page and route carries the security headers, and pages hydrate under the nonce policy', async ({
  page,
  request,
}) => {
  const violations = await watchCsp(page);
  const response = await page.goto('/signin');
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');

  // A fresh nonce per response.
  const again = await request.get('/signin');
  expect(again.headers()['content-security-policy']).not.toBe(csp);

  // The API and a signed-out redirect target carry them too.
  const api = await request.get('/api/v1/tickets');
  expect(api.status()).toBe(401);
  expect(api.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(api.headers()['x-frame-options']).toBe('DENY');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');

  // Scripts run under the policy: the form validates on the client and signing in works.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your e-mail address.')).toBeVisible();
  await expect(page.getByText('Enter your password.')).toBeVisible();
  await expect(page.getByText('do not match')).toHaveCount(0);
  await signIn(page, 'lead@demo.test');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test('a copied session cookie stops working when its owner signs out', async ({ browser }) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, 'agent@demo.test');
  await ownerPage.goto('/tickets');

  // Someone copies the cookie into another browser: it works, for now.
  const thief = await browser.newContext();
  await thief.addCookies(await owner.cookies());
  const thiefPage = await thief.newPage();
  await thiefPage.goto('/tickets');
  await expect(thiefPage).toHaveURL(/\/tickets/);
  expect((await thiefPage.request.get('/api/v1/tickets')).status()).toBe(200);
  expect(await (await thiefPage.request.get('/api/auth/session')).json()).toMatchObject({
    user: { email: 'agent@demo.test' },
  });

  await ownerPage.getByRole('button', { name: 'Sign out' }).click();
  await expect(ownerPage).toHaveURL(/\/signin/);

  await thiefPage.goto('/tickets');
  await expect(thiefPage).toHaveURL(/\/signin/);
  expect((await thiefPage.request.get('/api/v1/tickets')).status()).toBe(401);
  // next-auth's own endpoint gives the copy no profile and, instead of a fresh cookie, clears it.
  const session = await thiefPage.request.get('/api/auth/session');
  expect(await session.json()).toEqual({});
  const refreshed = session
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie' && /session-token=[^;]/.test(h.value));
  expect(refreshed).toEqual([]);
  await owner.close();
  await thief.close();
});

test('the account page changes the password, ends other sessions, and signs out everywhere', async ({ browser }) => {
  test.setTimeout(180_000); // sign-up now goes through the mailed link
  // A fresh customer, so the demo accounts keep their password.
  const email = `account-${Date.now()}@example.org`;
  const laptop = await (await browser.newContext()).newPage();
  await signUpAndVerify(laptop, { name: 'Ada Account', email, password: PASSWORD });

  const phone = await (await browser.newContext()).newPage();
  await signIn(phone, email);

  await laptop.getByRole('link', { name: 'Account' }).click();
  await expect(laptop.getByRole('heading', { name: 'Your account' })).toBeVisible();
  const sessions = laptop.getByRole('region', { name: 'Where you are signed in' });
  await expect(sessions.getByRole('button', { name: /^End session/ })).toHaveCount(2);
  await expect(sessions.getByText('This session')).toHaveCount(1);

  await laptop.getByLabel('Current password').fill('not the password');
  await laptop.getByLabel('New password').fill('a brand new password');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByText('That is not your current password.')).toBeVisible();
  await laptop.getByLabel('Current password').fill(PASSWORD);
  await laptop.getByLabel('New password').fill('a brand new password');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByText('Password changed. Signed out 1 other session.')).toBeVisible();

  // The phone's session ended with the password change; the laptop's did not.
  await phone.goto('/portal');
  await expect(phone).toHaveURL(/\/signin/);
  await laptop.reload();
  await expect(sessions.getByRole('button', { name: /^End session/ })).toHaveCount(1);

  await signIn(phone, email, 'a brand new password');
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop).toHaveURL(/\/signin/);
  await phone.goto('/portal');
  await expect(phone).toHaveURL(/\/signin/);
});

test('repeated wrong passwords lock the account from that address with a clear message, not the owner elsewhere', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // sign-up now goes through the mailed link
  const email = `locked-${Date.now()}@example.org`;
  await signUpAndVerify(page, { name: 'Lou Locked', email, password: PASSWORD });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);

  for (let i = 0; i < 10; i++) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`wrong-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/Too many failed sign-ins for this account\. Try again in \d+ minutes?\./)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  // The owner, from another address (the app trusts no proxy here, so the header is the address), still signs in.
  const elsewhere = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.23' } });
  await signIn(await elsewhere.newPage(), email);
  await elsewhere.close();
});
