import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { isStaff, type Actor } from '@/lib/auth/actor';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';

/** A checkbox: present ("on") when ticked, absent when not. */
export const notificationSettingsSchema = z.object({
  notifyByEmail: z
    .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true'),
});

/** Whether the staff member also gets their notifications by e-mail (the bell always shows them). */
export async function getNotificationSettings(db: Db, actor: Actor): Promise<{ notifyByEmail: boolean }> {
  const [row] = await db.select({ notifyByEmail: users.notifyByEmail }).from(users).where(eq(users.id, actor.userId));
  return { notifyByEmail: row?.notifyByEmail ?? false };
}

/** "Notifications: also e-mail me" on /account; staff only (customers get no notifications). */
export function saveNotificationSettings(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<{ notifyByEmail: boolean }>> {
  return runUseCase(db, notificationSettingsSchema, raw, async (tx, input) => {
    if (!isStaff(actor)) fail('not_found', 'Page not found.');
    await tx.update(users).set({ notifyByEmail: input.notifyByEmail }).where(eq(users.id, actor.userId));
    return { notifyByEmail: input.notifyByEmail };
  });
}
