'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { createCategory, setCategoryRetired, updateCategory } from '@/lib/admin/categories';

const path = () => '/admin/categories';

export async function createCategoryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, createCategory, formData, { success: (c) => `Category ${c.name} created.`, path });
}

export async function updateCategoryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, updateCategory, formData, { success: (c) => `Category ${c.name} saved.`, path });
}

export async function retireCategoryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, setCategoryRetired, formData, {
    success: (c) => (c.retiredAt ? `Category ${c.name} retired.` : `Category ${c.name} is back in use.`),
    path,
  });
}
