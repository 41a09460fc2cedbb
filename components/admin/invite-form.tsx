'use client';

import { useActionState, useEffect, useRef } from 'react';
import type { FormActionFn } from '@/components/agent/action-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

/** Invite a member of staff: e-mail, name, role and teams. The link goes out by mail. */
export function InviteForm({
  action,
  roles,
  teams,
}: {
  action: FormActionFn;
  roles: { value: string; label: string }[];
  teams: { id: string; name: string }[];
}) {
  const [state, submit, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const failed = state && !state.ok ? state : null;
  const teamError = failed?.fieldErrors?.teamIds?.[0];
  return (
    <form ref={form} action={submit} className="space-y-4" noValidate aria-label="Invite staff">
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="E-mail address"
          name="email"
          id="invite-email"
          type="email"
          autoComplete="off"
          defaultValue={failed?.values?.email}
          error={failed?.fieldErrors?.email}
          required
        />
        <TextField
          label="Name"
          name="name"
          id="invite-name"
          autoComplete="off"
          defaultValue={failed?.values?.name}
          error={failed?.fieldErrors?.name}
          required
        />
        <SelectField
          label="Role"
          name="role"
          id="invite-role"
          defaultValue={failed?.values?.role ?? 'agent'}
          error={failed?.fieldErrors?.role}
        >
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
      </div>
      {teams.length > 0 ? (
        <fieldset className="space-y-1" aria-describedby={teamError ? 'invite-teams-error' : undefined}>
          <legend className="text-sm font-medium text-slate-700">Teams (optional)</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {teams.map((t) => (
              <label key={t.id} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="teamIds" value={t.id} className="h-4 w-4" />
                {t.name}
              </label>
            ))}
          </div>
          {teamError ? (
            <p id="invite-teams-error" role="alert" className="text-sm text-red-600">
              {teamError}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send invitation'}
      </Button>
    </form>
  );
}
