'use server';

import { requestClient } from '@/app/_auth/client';
import { withoutActor } from '@/app/_auth/public-action';
import { getActor } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';
import { voteOnArticle } from '@/lib/help/vote-article';
import { ensureVoterId } from './voter';

/** "Was this helpful?": public by design (signed out too); one vote per person or browser. */
export async function voteAction(
  _prev: ActionState<{ helpful: boolean }>,
  formData: FormData,
): Promise<ActionState<{ helpful: boolean }>> {
  const values = formValues(formData);
  return withoutActor(async () => {
    const actor = await getActor();
    const anonymousId = actor ? null : await ensureVoterId();
    const { ip } = await requestClient();
    const result = await voteOnArticle(getDb(), { actor, anonymousId, ip }, values);
    return toActionState(result, values, (vote) => ({
      message: vote.helpful ? 'Thanks, glad it helped.' : 'Thanks for telling us. We will improve this article.',
      data: { helpful: vote.helpful },
    }));
  });
}
