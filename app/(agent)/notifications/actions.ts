'use server';

import { revalidatePath } from 'next/cache';
import { withActor } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { toActionState, type ActionState } from '@/lib/core/action-state';
import { markNotificationsRead } from '@/lib/notifications/inbox';

/** "Mark all read" on /notifications (works without script). */
export async function markAllReadAction(_prev: ActionState): Promise<ActionState> {
  const state = await withActor(STAFF, async (actor) =>
    toActionState(await markNotificationsRead(getDb(), actor, { all: true }), {}, () => ({
      message: 'All notifications marked read.',
    })),
  );
  revalidatePath('/notifications');
  return state;
}
