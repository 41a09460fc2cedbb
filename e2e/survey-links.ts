import postgres from 'postgres';
import { signLink } from '../lib/auth/signed-link';

/** The app server's link secret in the e2e run (playwright.config.ts gives it NEXTAUTH_SECRET). */
const secret = () => process.env.LINK_SECRET || process.env.NEXTAUTH_SECRET || 'e2e-only-secret-not-for-production';

/** The survey link's path in the newest resolution or survey mail to `to` about request `number`. */
export function surveyLinkIn(body: string): string {
  const url = body.match(/https?:\/\/\S+\/survey\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/)?.[0];
  if (!url) throw new Error('no survey link in the mail');
  return new URL(url).pathname;
}

/**
 * A working survey link for one of the demo's unanswered surveys (for the page checks), signed as
 * the app would sign it when mailing; null without DATABASE_URL (PGlite belongs to the server).
 */
export async function demoSurveyLink(): Promise<string | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ token: string }[]>`
      select s.token from surveys s join tickets t on t.id = s.ticket_id
      where s.answered_at is null and t.status = 'resolved' order by t.number desc limit 1`;
    if (!row) return null;
    const expiresAt = new Date(Date.now() + 86_400_000);
    return `/survey/${signLink({ purpose: 'survey', subject: row.token, expiresAt }, secret())}`;
  } finally {
    await sql.end();
  }
}
