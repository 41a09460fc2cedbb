'use server';

import { withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { toActionState, type ActionState } from '@/lib/core/action-state';
import { bulkUpdate, type BulkInput, type BulkOutcome } from '@/lib/pipeline/bulk-update';

/** Bulk change from the queue's toolbar. Live queues refresh from the change events. */
export async function bulkUpdateAction(input: BulkInput): Promise<ActionState<BulkOutcome>> {
  return withActor(STAFF, async (actor) =>
    toActionState(await bulkUpdate(getDb(), actor, input), {}, (outcome) => ({
      message: `${outcome.changed.length} changed, ${outcome.unchanged.length} already so, ${outcome.refused.length} refused.`,
      data: outcome,
    })),
  );
}
