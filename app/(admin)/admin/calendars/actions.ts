'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { addHoliday, removeHoliday, saveCalendar } from '@/lib/admin/sla';

const path = () => '/admin/calendars';

export async function saveCalendarAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, saveCalendar, formData, { success: (c) => `Calendar ${c.name} saved.`, path });
}

export async function addHolidayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, addHoliday, formData, { success: (h) => `Holiday ${h.name} (${h.day}) added.`, path });
}

export async function removeHolidayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, removeHoliday, formData, { success: (h) => `Holiday ${h.name} removed.`, path });
}
