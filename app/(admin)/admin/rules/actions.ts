'use server';

import { revalidatePath } from 'next/cache';
import { formAction, withActor } from '@/app/_auth/action';
import { ADMINS } from '@/app/_auth/session';
import { getDb } from '@/db/client';
import { toActionState, type ActionState } from '@/lib/core/action-state';
import {
  createRule,
  deleteRule,
  moveRule,
  setRuleActive,
  tryRules,
  updateRule,
  type RuleTrial,
} from '@/lib/routing/manage-rules';

const path = () => '/admin/rules';

/** The rule form posts its fields as one object (lists are arrays). */
export async function createRuleAction(input: unknown): Promise<ActionState> {
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await createRule(getDb(), actor, input), {}, (r) => ({ message: `Rule ${r.name} created.` })),
  );
  if (state?.ok) revalidatePath(path());
  return state;
}

export async function updateRuleAction(input: unknown): Promise<ActionState> {
  const state = await withActor(ADMINS, async (actor) =>
    toActionState(await updateRule(getDb(), actor, input), {}, (r) => ({ message: `Rule ${r.name} saved.` })),
  );
  if (state?.ok) revalidatePath(path());
  return state;
}

/** A dry run: nothing is saved, so nothing to revalidate. */
export async function tryRulesAction(input: unknown): Promise<ActionState<RuleTrial>> {
  return withActor(ADMINS, async (actor) =>
    toActionState(await tryRules(getDb(), actor, input), {}, (trial) => ({ data: trial })),
  );
}

export async function moveRuleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, moveRule, formData, { success: (r) => `Rule ${r.name} moved.`, path });
}

export async function setRuleActiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, setRuleActive, formData, {
    success: (r) => (r.active ? `Rule ${r.name} is active.` : `Rule ${r.name} is inactive.`),
    path,
  });
}

export async function deleteRuleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(ADMINS, deleteRule, formData, { success: (r) => `Rule ${r.name} deleted.`, path });
}
