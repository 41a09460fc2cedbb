'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/core/action-state';

type SecretAction = (
  prev: ActionState<{ id: string; secret: string }>,
  formData: FormData,
) => Promise<ActionState<{ id: string; secret: string }>>;
type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export interface EventChoice {
  value: string;
  label: string;
}

/** The signing secret, once: a read-only field to copy from. */
function SecretOnce({ secret }: { secret: string }) {
  return (
    <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3">
      <TextField label="Signing secret (shown once)" name="secret" id="webhook-secret" readOnly value={secret} />
      <p className="text-xs text-amber-900">
        Store it with your receiver now; Cairn never shows it again (rotate it to get a new one).
      </p>
    </div>
  );
}

function EventBoxes({ choices, chosen, error }: { choices: EventChoice[]; chosen: string[]; error?: string[] }) {
  return (
    <fieldset className="space-y-1" aria-describedby={error ? 'events-error' : undefined}>
      <legend className="text-sm font-medium text-slate-700">Events</legend>
      {choices.map((c) => (
        <label key={c.value} className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="events"
            value={c.value}
            defaultChecked={chosen.includes(c.value)}
            className="mt-1"
          />
          <span>
            <code className="text-xs">{c.value}</code> — {c.label}
          </span>
        </label>
      ))}
      {error ? (
        <p id="events-error" role="alert" className="text-sm text-red-600">
          {error[0]}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Name, URL and events; on success the secret, once. */
export function CreateWebhookForm({ action, choices }: { action: SecretAction; choices: EventChoice[] }) {
  const [state, submit, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={submit} className="space-y-3" noValidate aria-label="New webhook">
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      {state?.ok && state.data ? (
        <>
          <SecretOnce secret={state.data.secret} />
          <p className="text-sm">
            <Link href={`/admin/webhooks/${state.data.id}`} className="text-brand-700 underline">
              Open the new webhook
            </Link>
          </p>
        </>
      ) : null}
      <TextField
        label="Name"
        name="name"
        id="webhook-name"
        maxLength={100}
        defaultValue={failed?.values?.name}
        error={failed?.fieldErrors?.name}
        required
      />
      <TextField
        label="URL"
        name="url"
        id="webhook-url"
        type="url"
        maxLength={2000}
        placeholder="https://example.com/hooks/cairn"
        defaultValue={failed?.values?.url}
        error={failed?.fieldErrors?.url}
        hint="Cairn POSTs signed JSON here. Public http(s) addresses only."
        required
      />
      <EventBoxes choices={choices} chosen={[]} error={failed?.fieldErrors?.events} />
      <Button type="submit" disabled={pending}>
        Create webhook
      </Button>
    </form>
  );
}

export function EditWebhookForm({
  action,
  choices,
  webhook,
}: {
  action: Action;
  choices: EventChoice[];
  webhook: { id: string; name: string; url: string; events: string[] };
}) {
  const [state, submit, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={submit} className="space-y-3" noValidate aria-label="Edit webhook">
      <input type="hidden" name="id" value={webhook.id} />
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      <TextField
        label="Name"
        name="name"
        id="edit-webhook-name"
        maxLength={100}
        defaultValue={failed?.values?.name ?? webhook.name}
        error={failed?.fieldErrors?.name}
        required
      />
      <TextField
        label="URL"
        name="url"
        id="edit-webhook-url"
        type="url"
        maxLength={2000}
        defaultValue={failed?.values?.url ?? webhook.url}
        error={failed?.fieldErrors?.url}
        required
      />
      <EventBoxes choices={choices} chosen={webhook.events} error={failed?.fieldErrors?.events} />
      <Button type="submit" disabled={pending}>
        Save
      </Button>
    </form>
  );
}

export function RotateSecretForm({ action, id }: { action: SecretAction; id: string }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} className="space-y-3" aria-label="Rotate secret">
      <input type="hidden" name="id" value={id} />
      <FormMessage error={state && !state.ok ? state.error : null} success={state?.ok ? state.message : null} />
      {state?.ok && state.data ? <SecretOnce secret={state.data.secret} /> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        Rotate secret
      </Button>
    </form>
  );
}
