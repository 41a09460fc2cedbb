'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { createSharedMacro, deleteMacro, updateMacro } from '@/lib/macros/manage-macros';

const path = () => '/admin/macros';

export async function createSharedMacroAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, createSharedMacro, formData, { success: (m) => `Macro ${m.title} created.`, path });
}

export async function updateMacroAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, updateMacro, formData, { success: (m) => `Macro ${m.title} saved.`, path });
}

export async function deleteMacroAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, deleteMacro, formData, { success: (m) => `Macro ${m.title} deleted.`, path });
}
