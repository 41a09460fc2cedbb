'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { SelectField, TextField } from '@/components/ui/field';

export function CreateTeamForm({ action }: { action: FormActionFn }) {
  return (
    <ActionForm action={action} hidden={{}} submitLabel="Create team" label="New team">
      {(failed) => (
        <TextField
          label="Team name"
          name="name"
          id="new-team-name"
          maxLength={80}
          defaultValue={failed?.values?.name}
          error={failed?.fieldErrors?.name}
          required
        />
      )}
    </ActionForm>
  );
}

export function RenameTeamForm({ action, team }: { action: FormActionFn; team: { id: string; name: string } }) {
  return (
    <ActionForm action={action} hidden={{ teamId: team.id }} submitLabel="Rename" label="Rename team">
      {(failed) => (
        <TextField
          label="Team name"
          name="name"
          maxLength={80}
          defaultValue={failed?.values?.name ?? team.name}
          error={failed?.fieldErrors?.name}
          required
        />
      )}
    </ActionForm>
  );
}

type Person = { id: string; name: string; email: string };

export function AddMemberForm({
  action,
  teamId,
  candidates,
}: {
  action: FormActionFn;
  teamId: string;
  candidates: Person[];
}) {
  return (
    <ActionForm action={action} hidden={{ teamId }} submitLabel="Add member" label="Add member">
      {(failed) => (
        <SelectField
          label="Person"
          name="userId"
          id="add-member"
          defaultValue={failed?.values?.userId ?? ''}
          error={failed?.fieldErrors?.userId}
        >
          <option value="">Choose…</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </SelectField>
      )}
    </ActionForm>
  );
}

export function RemoveMemberForm({
  action,
  teamId,
  member,
}: {
  action: FormActionFn;
  teamId: string;
  member: { id: string; name: string };
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ teamId, userId: member.id }}
      submitLabel={`Remove ${member.name}`}
      variant="secondary"
      label={`Remove ${member.name}`}
    />
  );
}

export function TeamLeadForm({
  action,
  teamId,
  current,
  eligible,
}: {
  action: FormActionFn;
  teamId: string;
  current: { id: string; name: string } | null;
  eligible: { id: string; name: string }[];
}) {
  // A lead set before the rule (or no longer a member) stays shown, so saving does not drop them unseen.
  const options =
    current && !eligible.some((p) => p.id === current.id)
      ? [{ id: current.id, name: `${current.name} (current)` }, ...eligible]
      : eligible;
  return (
    <ActionForm action={action} hidden={{ teamId }} submitLabel="Save lead" label="Team lead">
      {(failed) => (
        <SelectField
          label="Team lead"
          name="leadId"
          id="team-lead"
          defaultValue={failed?.values?.leadId ?? current?.id ?? ''}
          error={failed?.fieldErrors?.leadId}
          hint="A member of the team with the role lead or admin."
        >
          <option value="">No lead</option>
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      )}
    </ActionForm>
  );
}
