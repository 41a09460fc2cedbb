import { expect, type Browser, type Page } from '@playwright/test';

export const PASSWORD = 'cairn-demo';

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

/** A fresh browser context per person, as if each sat at their own computer. */
export async function personAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

export const unique = (label: string): string => `${label} ${Date.now().toString(36)}`;
