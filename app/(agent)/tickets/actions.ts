'use server';

import { withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/action-state';
import { bulkUpdate, type BulkInput, type BulkOutcome } from '@/lib/pipeline/bulk-update';

/** Bulk change from the queue's toolbar. Live queues refresh from the change events. */
export async function bulkUpdateAction(input: BulkInput): Promise<ActionState<BulkOutcome>> {
  return withActor(STAFF, async (actor) => {
    const result = await bulkUpdate(getDb(), actor, input);
    if (!result.ok) return { ok: false, error: result.message, fieldErrors: result.fieldErrors };
    const { changed, unchanged, refused } = result.data;
    return { ok: true, message: `${changed.length} changed, ${unchanged.length} already so, ${refused.length} refused.`, data: result.data };
  });
}
