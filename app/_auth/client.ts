import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import type { ActionState } from '@/lib/core/action-state';
import { clientIpFrom } from '@/lib/rate-limit/client-ip';
import { limitSubmission } from '@/lib/rate-limit/rate-limit';

/** Who is on the other end of this request, as far as the headers tell (see lib/rate-limit/client-ip.ts). */
export async function requestClient(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIpFrom(h.get('x-forwarded-for')), userAgent: h.get('user-agent') };
}

/** For the actions that create requests or messages: null when within the limits (staff always are), else the form's message. */
export async function submissionLimited(actor: Actor): Promise<ActionState | null> {
  const result = await limitSubmission(getDb(), actor, (await requestClient()).ip);
  return result.ok ? null : { ok: false, code: result.code, error: result.message };
}
