'use client';

import { ActionForm, type FormActionFn } from '@/components/agent/action-form';
import { SelectField, TextArea, TextField } from '@/components/ui/field';

export interface ProblemChoice {
  id: string;
  cern: string;
  title: string;
  status: 'open' | 'resolved';
}

const choiceLabel = (p: ProblemChoice) => `${p.cern} — ${p.title}${p.status === 'resolved' ? ' (resolved)' : ''}`;

/**
 * Group requests under a problem: an existing one from the select, or a new one named in the
 * title field. Used on the recurring-issues list (requests prefilled), and on a request's page.
 */
export function GroupForm({
  action,
  idPrefix,
  label,
  problems,
  tickets,
  title,
  submitLabel = 'Group under problem',
  showTickets = true,
  fixedProblemId,
  hidden = {},
}: {
  action: FormActionFn;
  idPrefix: string;
  label: string;
  problems: ProblemChoice[];
  tickets: string;
  title?: string;
  submitLabel?: string;
  showTickets?: boolean;
  /** Link to this problem only (its page): no choice of problem. */
  fixedProblemId?: string;
  hidden?: Record<string, string | number>;
}) {
  const fields = {
    ...hidden,
    ...(showTickets ? {} : { tickets }),
    ...(fixedProblemId ? { problemId: fixedProblemId } : {}),
  };
  return (
    <ActionForm action={action} hidden={fields} submitLabel={submitLabel} label={label}>
      {(failed) => (
        <>
          {fixedProblemId ? null : (
            <>
              <SelectField
                label="Problem"
                name="problemId"
                id={`${idPrefix}-problem`}
                defaultValue={failed?.values?.problemId ?? ''}
                error={failed?.fieldErrors?.problemId}
              >
                <option value="">A new problem…</option>
                {problems.map((p) => (
                  <option key={p.id} value={p.id}>
                    {choiceLabel(p)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="New problem title"
                name="title"
                id={`${idPrefix}-title`}
                maxLength={200}
                defaultValue={failed?.values?.title ?? title}
                error={failed?.fieldErrors?.title}
                hint="Only for a new problem, e.g. “Card payments declined since the 10:00 release”."
              />
            </>
          )}
          {showTickets ? (
            <TextField
              label="Requests"
              name="tickets"
              id={`${idPrefix}-tickets`}
              maxLength={2000}
              defaultValue={failed?.values?.tickets ?? tickets}
              error={failed?.fieldErrors?.tickets}
              hint="Request numbers, e.g. #1042 #1043."
            />
          ) : null}
        </>
      )}
    </ActionForm>
  );
}

/** A new problem, with its description and owner (requests can be listed now or linked later). */
export function NewProblemForm({
  action,
  owners,
  defaultOwnerId,
}: {
  action: FormActionFn;
  owners: { id: string; name: string }[];
  defaultOwnerId: string;
}) {
  return (
    <ActionForm action={action} hidden={{}} submitLabel="Create problem" label="New problem">
      {(failed) => (
        <>
          <TextField
            label="Title"
            name="title"
            id="new-problem-title"
            maxLength={200}
            required
            defaultValue={failed?.values?.title}
            error={failed?.fieldErrors?.title}
          />
          <TextArea
            label="Description (optional)"
            name="description"
            id="new-problem-description"
            rows={3}
            maxLength={5000}
            defaultValue={failed?.values?.description}
            error={failed?.fieldErrors?.description}
            hint="What is known about the cause, for the team (customers do not see it)."
          />
          <SelectField
            label="Owner"
            name="ownerId"
            id="new-problem-owner"
            defaultValue={failed?.values?.ownerId ?? defaultOwnerId}
            error={failed?.fieldErrors?.ownerId}
          >
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Requests (optional)"
            name="tickets"
            id="new-problem-tickets"
            maxLength={2000}
            defaultValue={failed?.values?.tickets}
            error={failed?.fieldErrors?.tickets}
            hint="Request numbers, e.g. #1042 #1043."
          />
        </>
      )}
    </ActionForm>
  );
}

/** Resolve the problem: the summary goes to every linked request still open, and to its customer. */
export function ResolveProblemForm({
  action,
  problemId,
  version,
  open,
}: {
  action: FormActionFn;
  problemId: string;
  version: number;
  open: number;
}) {
  return (
    <ActionForm action={action} hidden={{ problemId, version }} submitLabel="Resolve problem" label="Resolve problem">
      {(failed) => (
        <TextArea
          label="Resolution summary"
          name="summary"
          id="problem-summary"
          rows={4}
          maxLength={5000}
          required
          defaultValue={failed?.values?.summary}
          error={failed?.fieldErrors?.summary}
          hint={`Sent to the customer of each of the ${open} linked request${open === 1 ? '' : 's'} still open, which are resolved with it; requests linked later are resolved with it too.`}
        />
      )}
    </ActionForm>
  );
}

/** Take one request out of the problem. */
export function UnlinkForm({ action, problemId, number }: { action: FormActionFn; problemId: string; number: number }) {
  return (
    <ActionForm
      action={action}
      hidden={{ problemId, number }}
      submitLabel={`Unlink #${number}`}
      variant="secondary"
      label={`Unlink #${number}`}
    />
  );
}
