'use client';

import { useActionState, useState } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormMessage } from '@/components/ui/form-message';

/**
 * "No longer needed": the customer withdraws an open request (lib/pipeline/cancel-request.ts).
 * Asks once more before it closes the request, since a closed request cannot be reopened.
 */
export function CancelCard({
  cancelAction,
  number,
  show,
}: {
  cancelAction: FormActionFn;
  number: number;
  /** Whether the request can still be cancelled (lib/tickets/transitions.ts `cancel`). */
  show: boolean;
}) {
  const [state, action, pending] = useActionState(cancelAction, null);
  const [asking, setAsking] = useState(false);
  // Once cancelled the page re-renders with `show` false: the card stays to say it worked.
  if (state?.ok)
    return (
      <Card title="No longer need help?">
        <FormMessage success={state.message} />
      </Card>
    );
  if (!show) return null;
  return (
    <Card title="No longer need help?">
      <div className="space-y-3">
        <FormMessage error={state && !state.ok ? state.error : null} />
        {asking ? (
          <form action={action} className="space-y-3">
            <input type="hidden" name="number" value={number} />
            <p className="text-sm text-slate-700">
              Cancel this request? It will be closed, and any further message opens a new request.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? 'Cancelling…' : 'Yes, cancel my request'}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
                Keep it open
              </Button>
            </div>
          </form>
        ) : (
          <div className="space-y-2">
            <p className="text-sm text-slate-700">Sorted it out yourself, or no longer need help?</p>
            <Button type="button" variant="secondary" onClick={() => setAsking(true)}>
              No longer needed
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
