import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { attempt, fromZod, type Result } from '@/lib/core/result';
import { ticketNumber } from '@/lib/core/fields';
import { notifyPresence } from './channels';

export const presenceSchema = z.object({ number: ticketNumber, state: z.enum(['viewing', 'typing', 'left']) });

/** "I am on this ticket / typing / gone": a heartbeat every instance hears. Staff only. */
export async function announcePresence(db: Db, actor: Actor, raw: unknown): Promise<Result<null>> {
  const parsed = presenceSchema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  const { number, state } = parsed.data;
  return attempt(async () => {
    requirePermission(actor, 'ticket.work');
    await notifyPresence(db, { number, userId: actor.userId, name: actor.name, state, at: new Date().toISOString() });
    return null;
  });
}
