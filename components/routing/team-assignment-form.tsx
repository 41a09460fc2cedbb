'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { SelectField, TextField } from '@/components/ui/field';
import type { AssignmentMode } from '@/db/schema';

const MODES: { value: AssignmentMode; label: string }[] = [
  { value: 'manual', label: 'Manual: agents take requests from the queue' },
  { value: 'round_robin', label: 'Round-robin: available agents in turn' },
  { value: 'least_loaded', label: 'Least-loaded: fewest open requests, weighted by priority' },
];

/** How the team's new requests are assigned, and the cap of open requests per agent (admins). */
export function TeamAssignmentForm({
  action,
  teamId,
  mode,
  maxOpenPerAgent,
}: {
  action: FormActionFn;
  teamId: string;
  mode: AssignmentMode;
  maxOpenPerAgent: number;
}) {
  return (
    <ActionForm action={action} hidden={{ teamId }} submitLabel="Save assignment" label="Assignment">
      {(failed) => (
        <>
          <SelectField
            label="Assign new requests"
            name="mode"
            id="assignment-mode"
            defaultValue={failed?.values?.mode ?? mode}
            error={failed?.fieldErrors?.mode}
          >
            {MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Most open requests per agent"
            name="maxOpenPerAgent"
            id="assignment-cap"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            hint="An agent holding this many open requests (in any team) gets no new ones until some are resolved."
            defaultValue={failed?.values?.maxOpenPerAgent ?? String(maxOpenPerAgent)}
            error={failed?.fieldErrors?.maxOpenPerAgent}
            required
          />
        </>
      )}
    </ActionForm>
  );
}
