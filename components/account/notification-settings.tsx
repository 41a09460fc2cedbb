'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * "Notifications: also e-mail me" (staff). The bell always shows them; ticked, each one is also
 * mailed (one mail per change, however many requests it touched).
 */
export function NotificationSettings({ notifyByEmail, action }: { notifyByEmail: boolean; action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="space-y-4">
      <FormMessage error={state && !state.ok ? state.error : null} success={state?.ok ? state.message : null} />
      <div className="flex items-start gap-3">
        <input
          id="notify-by-email"
          type="checkbox"
          name="notifyByEmail"
          defaultChecked={notifyByEmail}
          aria-describedby="notify-by-email-hint"
          className="mt-1 h-4 w-4 rounded border-slate-300"
        />
        <div className="text-sm">
          <label htmlFor="notify-by-email" className="font-medium text-slate-800">
            Also e-mail me my notifications
          </label>
          <p id="notify-by-email-hint" className="text-slate-600">
            You are notified when a request is assigned to you, its customer replies, a CERN you own changes, or someone
            @mentions you in an internal note (by name, like @Ada Lovelace, or by the first part of your e-mail address,
            like @ada).
          </p>
        </div>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Saving…' : 'Save notification settings'}
      </Button>
    </form>
  );
}
