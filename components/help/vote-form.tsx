'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

export type VoteActionFn = (
  prev: ActionState<{ helpful: boolean }>,
  formData: FormData,
) => Promise<ActionState<{ helpful: boolean }>>;

/**
 * "Was this helpful? Yes / No" under every article, for anyone. The pressed button is the
 * visitor's vote; pressing the other changes it. A plain form: it works before scripts load.
 */
export function VoteForm({
  action,
  articleId,
  previous,
}: {
  action: VoteActionFn;
  articleId: string;
  previous: boolean | null;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const current = state?.ok && state.data ? state.data.helpful : previous;
  const button = (value: 'yes' | 'no', label: string, pressed: boolean) => (
    <button
      type="submit"
      name="helpful"
      value={value}
      aria-pressed={pressed}
      disabled={pending}
      className={`rounded-md px-4 py-2 text-sm font-medium shadow-sm ring-1 disabled:cursor-not-allowed ${
        pressed ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'
      }`}
    >
      {label}
    </button>
  );
  return (
    <form action={formAction} aria-label="Was this helpful?" className="space-y-3">
      <input type="hidden" name="articleId" value={articleId} />
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm font-medium text-slate-800">Was this helpful?</span>
        {button('yes', 'Yes', current === true)}
        {button('no', 'No', current === false)}
      </div>
      <FormMessage error={state && !state.ok ? state.error : null} success={state?.ok ? state.message : null} />
    </form>
  );
}
