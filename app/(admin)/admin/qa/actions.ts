'use server';

import { formAction } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import type { ActionState } from '@/lib/core/action-state';
import { createCriterion, updateCriterion, updateSampleSize } from '@/lib/qa/rubric';

const path = () => '/admin/qa';

export async function createCriterionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, createCriterion, formData, { success: (c) => `Criterion ${c.name} added.`, path });
}

export async function updateCriterionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, updateCriterion, formData, { success: (c) => `Criterion ${c.name} saved.`, path });
}

export async function updateSampleSizeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, updateSampleSize, formData, {
    success: (s) => `Sample size set to ${s.sampleSize} per agent per week.`,
    path,
  });
}
