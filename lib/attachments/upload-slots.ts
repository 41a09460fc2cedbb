import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rowsOf } from '@/db/client';
import { uploadSlots } from '@/db/schema';

/**
 * How many uploads one user may have in progress at once, on all app instances together. An
 * upload is held in memory while it is read and checked (about three times its size at the
 * peak), so 20 concurrent 10 MB uploads by one customer took a server from 351 MB to 909 MB.
 */
export const UPLOADS_PER_USER = 2;
/** A slot left by a process that died mid-upload frees itself after this. */
export const SLOT_TTL_SECONDS = 120;

export interface UploadSlot {
  release(): Promise<void>;
}

/**
 * Takes one of the user's upload slots, or null when all are in use. A slot is a row keyed by
 * (user, slot number): taking it is one upsert that succeeds only on a free or expired row, so
 * two instances can never hold the same slot.
 */
export async function claimUploadSlot(
  db: Db,
  userId: string,
  { slots = UPLOADS_PER_USER, ttlSeconds = SLOT_TTL_SECONDS } = {},
): Promise<UploadSlot | null> {
  const token = randomUUID();
  for (let slot = 0; slot < slots; slot++) {
    const taken = rowsOf<{ slot: number }>(
      await db.execute(sql`
        insert into upload_slots (user_id, slot, token, expires_at)
        values (${userId}, ${slot}, ${token}, now() + make_interval(secs => ${ttlSeconds}))
        on conflict (user_id, slot) do update set token = excluded.token, expires_at = excluded.expires_at
          where upload_slots.expires_at < now()
        returning slot`),
    );
    if (taken.length > 0) {
      return {
        release: async () => {
          await db
            .delete(uploadSlots)
            .where(and(eq(uploadSlots.userId, userId), eq(uploadSlots.slot, slot), eq(uploadSlots.token, token)));
        },
      };
    }
  }
  return null;
}
