import { randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { ANONYMOUS_VOTER_ID } from '@/lib/help/vote-article';
import { servedOverHttps } from '@/lib/security/headers';

/**
 * A signed-out visitor's voter id: a random value in a long-lived httpOnly cookie, so "Was this
 * helpful?" counts one vote per browser and a change of mind replaces it. It identifies nobody
 * and is used for nothing else.
 */
const COOKIE = 'cairn_voter';
const TWO_YEARS = 2 * 365 * 24 * 60 * 60;

export async function readVoterId(): Promise<string | null> {
  const value = (await cookies()).get(COOKIE)?.value ?? null;
  return value && ANONYMOUS_VOTER_ID.test(value) ? value : null;
}

/** The visitor's id, made and set on the first vote (server actions may set cookies). */
export async function ensureVoterId(): Promise<string> {
  const existing = await readVoterId();
  if (existing) return existing;
  const id = randomBytes(24).toString('base64url');
  (await cookies()).set(COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: servedOverHttps(),
    path: '/',
    maxAge: TWO_YEARS,
  });
  return id;
}
