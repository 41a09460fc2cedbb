'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { saveSlaPolicy, setSlaPolicyActive } from '@/lib/admin/sla';

const path = () => '/admin/sla';

export async function savePolicyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, saveSlaPolicy, formData, {
    success: (p) => `Policy ${p.name} saved. Open requests get the new due times in a moment.`,
    path,
  });
}

export async function setPolicyActiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, setSlaPolicyActive, formData, {
    success: (p) => (p.active ? `Policy ${p.name} is active.` : `Policy ${p.name} deactivated.`),
    path,
  });
}
