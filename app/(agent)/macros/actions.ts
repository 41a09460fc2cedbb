'use server';

import { formAction } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { createMacro } from '@/lib/macros/macros';
import { deleteMacro, updateMacro } from '@/lib/macros/manage-macros';

const path = () => '/macros';

export async function createPersonalMacroAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  formData.set('scope', 'personal');
  return formAction(STAFF, createMacro, formData, { success: (m) => `Macro ${m.title} created.`, path });
}

export async function updatePersonalMacroAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, updateMacro, formData, { success: (m) => `Macro ${m.title} saved.`, path });
}

export async function deletePersonalMacroAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, deleteMacro, formData, { success: (m) => `Macro ${m.title} deleted.`, path });
}
