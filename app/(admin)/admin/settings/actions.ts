'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { SETTING_LABELS, updateSettings } from '@/lib/settings/update-settings';

export async function updateSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, updateSettings, formData, {
    success: ({ key, changed }) => (changed ? `${SETTING_LABELS[key]} saved.` : 'Nothing changed.'),
    path: () => '/admin/settings',
  });
}
