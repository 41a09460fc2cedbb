import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { agentAvailability, type Availability } from '@/db/schema';
export { AVAILABILITY_LABELS } from './availability-labels';
import type { Actor } from '@/lib/auth/actor';
import { isStaffRole } from '@/lib/auth/permissions';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { pickUpWaiting } from './assignment';

export interface AvailabilityView {
  status: Availability;
  changedAt: string | null;
}

function staffOnly(actor: Actor): void {
  if (!isStaffRole(actor.role)) fail('not_found', 'Not found.');
}

/** The signed-in staff member's availability (no row yet: available). */
export async function getAvailability(db: Db, actor: Actor): Promise<AvailabilityView> {
  staffOnly(actor);
  const [row] = await db
    .select({ status: agentAvailability.status, changedAt: agentAvailability.changedAt })
    .from(agentAvailability)
    .where(eq(agentAvailability.userId, actor.userId));
  return { status: row?.status ?? 'available', changedAt: row?.changedAt.toISOString() ?? null };
}

const schema = z.object({
  status: z.enum(['available', 'away'], { error: 'Choose available or away.' }),
});

/**
 * Each staff member sets themselves available or away (nobody else does): away, automatic
 * assignment skips them; back to available, their automatic teams hand out the requests waiting
 * unassigned (pickUpWaiting), so a backlog that built up while everyone was away is not stranded.
 */
export function setAvailability(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Result<AvailabilityView & { pickedUp: number }>> {
  return runUseCase(db, schema, raw, async (tx, input) => {
    staffOnly(actor);
    const now = new Date();
    const [before] = await tx
      .select({ status: agentAvailability.status })
      .from(agentAvailability)
      .where(eq(agentAvailability.userId, actor.userId))
      .for('update');
    const previous = before?.status ?? 'available';
    await tx
      .insert(agentAvailability)
      .values({ userId: actor.userId, status: input.status, changedAt: now })
      .onConflictDoUpdate({ target: agentAvailability.userId, set: { status: input.status, changedAt: now } });
    const pickedUp =
      input.status === 'available' && previous !== 'available' ? await pickUpWaiting(tx, actor.userId) : 0;
    return { status: input.status, changedAt: now.toISOString(), pickedUp };
  });
}
