'use server';

import { formAction } from '@/app/_auth/action';
import { STAFF } from '@/app/_auth/session';
import { closeAnnouncement, editAnnouncement, postAnnouncement } from '@/lib/announcements/announcements';
import type { ActionState } from '@/lib/core/action-state';

const path = () => '/announcements';

export async function postAnnouncementAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, postAnnouncement, formData, {
    success: (a) => `Posted: ${a.title}. Customers see it on every portal page.`,
    path,
  });
}

export async function editAnnouncementAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, editAnnouncement, formData, { success: (a) => `Saved: ${a.title}.`, path });
}

export async function closeAnnouncementAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(STAFF, closeAnnouncement, formData, {
    success: (a) => `Closed: ${a.title}. It is no longer shown to customers.`,
    path,
  });
}
