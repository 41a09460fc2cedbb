'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { SelectField, TextField } from '@/components/ui/field';

/** A team's escalation path: its tier and the team its requests escalate to next (a higher tier). */
export function EscalationPathForm({
  action,
  team,
  others,
}: {
  action: FormActionFn;
  team: { id: string; tier: number; escalatesToId: string | null };
  others: { id: string; name: string; tier: number }[];
}) {
  return (
    <ActionForm action={action} hidden={{ teamId: team.id }} submitLabel="Save escalation path" label="Escalation path">
      {(failed) => (
        <>
          <TextField
            label="Tier"
            name="tier"
            id="team-tier"
            type="number"
            inputMode="numeric"
            min={1}
            max={9}
            defaultValue={failed?.values?.tier ?? String(team.tier)}
            error={failed?.fieldErrors?.tier}
            hint="1 is the first line; higher tiers take what the first line cannot."
            required
          />
          <SelectField
            label="Escalates to"
            name="escalatesToId"
            id="team-escalates-to"
            defaultValue={failed?.values?.escalatesToId ?? team.escalatesToId ?? ''}
            error={failed?.fieldErrors?.escalatesToId}
            hint="The next tier: offered first when an agent escalates, and used on an SLA breach when the policy escalates."
          >
            <option value="">Nobody (last tier)</option>
            {others.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} (tier {t.tier})
              </option>
            ))}
          </SelectField>
        </>
      )}
    </ActionForm>
  );
}
