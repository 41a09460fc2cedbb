import { expect, type Browser, type Page } from '@playwright/test';

export const PASSWORD = 'cairn-demo';

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  // The sign-in form navigates client-side (replace, then refresh): let that settle before the test moves on.
  await page.waitForLoadState('networkidle');
}

/** The second app instance (PostgreSQL runs two; PGlite one, and then this is the first). */
export const SECOND_INSTANCE = process.env.E2E_SECOND_URL;

/** A fresh browser context per person, as if each sat at their own computer; optionally on another app instance. */
export async function personAs(browser: Browser, email: string, baseURL?: string): Promise<Page> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

export const unique = (label: string): string => `${label} ${Date.now().toString(36)}`;

/**
 * Waits until a staff page has hydrated (its scripts run): the header's notification bell is a
 * plain link before and a button after. Keyboard shortcuts pressed earlier go nowhere.
 */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /^Notifications/ })).toBeVisible();
}
