'use client';

import { signOut } from 'next-auth/react';
import { useActionState, useEffect } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/core/action-state';

type Action = (prev: ActionState) => Promise<ActionState>;

/** Ends every session on the server, then clears this browser's cookie. */
export function SignOutEverywhereButton({ action }: { action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) void signOut({ callbackUrl: '/signin' });
  }, [state]);
  return (
    <form action={submit} className="flex items-center gap-2">
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : null}
      <Button type="submit" variant="secondary" disabled={pending || state?.ok === true}>
        Sign out everywhere
      </Button>
    </form>
  );
}
