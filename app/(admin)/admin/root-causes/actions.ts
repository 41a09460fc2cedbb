'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { createRootCause, renameRootCause, setRootCauseRetired } from '@/lib/follow-up/root-causes';

const path = () => '/admin/root-causes';

export async function createRootCauseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, createRootCause, formData, { success: (c) => `Root cause ${c.name} added.`, path });
}

export async function renameRootCauseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, renameRootCause, formData, { success: (c) => `Root cause ${c.name} saved.`, path });
}

export async function retireRootCauseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, setRootCauseRetired, formData, {
    success: (c) => (c.retiredAt ? `Root cause ${c.name} retired.` : `Root cause ${c.name} is back in use.`),
    path,
  });
}
