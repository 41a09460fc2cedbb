import { signLink, verifyLink, type LinkRefusal } from '@/lib/auth/signed-link';

/** How long a mailed survey link works: from the survey mail, and again from the reminder. */
export const SURVEY_LINK_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The survey link is `/survey/<signed token>`: an HMAC-signed claim (lib/auth/signed-link.ts,
 * purpose `survey`) naming the survey's random `surveys.token` and an expiry. The database holds
 * only that random value, never a usable link: without LINK_SECRET no link can be made from it.
 * Single use is the survey's own `answered_at` (lib/pipeline/answer-survey.ts).
 */
export function surveyLinkPath(surveyToken: string, issuedAt: Date): string {
  const expiresAt = new Date(issuedAt.getTime() + SURVEY_LINK_DAYS * DAY_MS);
  return `/survey/${signLink({ purpose: 'survey', subject: surveyToken, expiresAt })}`;
}

export type SurveyLinkCheck = { ok: true; surveyToken: string } | { ok: false; reason: LinkRefusal };

/** The survey a link names, or why it does not open (expired, tampered, malformed). */
export function readSurveyLink(link: string, now = new Date()): SurveyLinkCheck {
  const verdict = verifyLink(link, 'survey', now);
  return verdict.ok ? { ok: true, surveyToken: verdict.subject } : verdict;
}
