'use server';

import { getDb } from '@/db/client';
import { acceptInvitation } from '@/lib/admin/invitations';
import { formValues, toActionState, type ActionState } from '@/lib/core/action-state';

/** Public by design: the link itself is the permission. The password is never echoed back. */
export async function acceptInvitationAction(
  _prev: ActionState<{ email: string }>,
  formData: FormData,
): Promise<ActionState<{ email: string }>> {
  const values = formValues(formData);
  try {
    return toActionState(await acceptInvitation(getDb(), values), { name: values.name ?? '' }, (r) => ({
      data: { email: r.email },
    }));
  } catch (error) {
    console.error('accepting an invitation failed', error);
    return {
      ok: false,
      error: 'Something went wrong on our side and nothing was saved. Please try again in a moment.',
    };
  }
}
