import { expect, type Page } from '@playwright/test';
import postgres from 'postgres';
import { signIn } from './helpers';

/**
 * The recipient's inbox: the newest mail the app queued to an address, read from the `outbox`
 * table of the e2e database (there is no SMTP server in the e2e run). Journeys where an admin is
 * at hand read mail the way the admin does, through /admin/outbox (`readMailAsAdmin`).
 * PostgreSQL only (DATABASE_URL): PGlite is one process, owned by the app server.
 */
export async function newestMail(to: string, kind: string): Promise<{ subject: string; body: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Reading the outbox needs DATABASE_URL (the e2e database on PostgreSQL).');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    let row: { subject: string; body: string } | undefined;
    await expect
      .poll(
        async () => {
          [row] = await sql<{ subject: string; body: string }[]>`
            select subject, body from outbox where to_address = ${to.toLowerCase()} and kind = ${kind}
            order by created_at desc, id desc limit 1`;
          return row !== undefined;
        },
        { message: `a ${kind} mail to ${to}` },
      )
      .toBe(true);
    return row!;
  } finally {
    await sql.end();
  }
}

/** The path of the app link in the newest mail of that kind (`/reset/…`, `/verify/…`), for this test's server. */
export async function linkInNewestMail(to: string, kind: string): Promise<string> {
  const { body } = await newestMail(to, kind);
  const url = body.match(/https?:\/\/\S+\/(?:reset|verify|portal\/guest)\/[A-Za-z0-9_.-]+/)?.[0];
  if (!url) throw new Error(`no link in the ${kind} mail to ${to}`);
  return new URL(url).pathname;
}

/** A new customer, as a person does it: sign up, follow the mailed link, confirm, sign in; ends on /portal. */
export async function signUpAndVerify(
  page: Page,
  person: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('Check your inbox');
  await page.goto(await linkInNewestMail(person.email, 'email_verification'));
  await page.getByRole('button', { name: 'Confirm and create my account' }).click();
  await expect(page).toHaveURL(/\/signin\?verified=1$/);
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/portal$/);
}

/** An admin opens the newest mail to `to` in /admin/outbox and reads its text part. */
export async function readMailAsAdmin(admin: Page, to: string, subject: string | RegExp): Promise<string> {
  await admin.goto('/admin/outbox');
  await admin.getByLabel('Address or subject').fill(to);
  await admin.getByRole('button', { name: 'Filter' }).click();
  await admin.getByRole('list', { name: 'Mail' }).getByRole('link', { name: subject }).first().click();
  const text = admin.getByRole('region', { name: 'Text part' });
  await expect(text).toBeVisible();
  return (await text.textContent()) ?? '';
}
