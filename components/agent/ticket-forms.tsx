'use client';

import { useActionState, useState, startTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { MenuButton } from '@/components/ui/menu';
import type { ReferenceData } from '@/lib/tickets/reference-data';
import { nextTierOf } from '@/lib/escalation/next-tier';
import type { PipelineAction } from '@/lib/tickets/transitions';
import type { ActionState } from '@/lib/core/action-state';
import { ActionForm, isConflict, type FormActionFn } from './action-form';
import { CreateMacroForm, LinkForm, MergeForm } from './tool-forms';
import type { TicketActionSet } from './ticket-actions';

type Ids = { number: number; version: number };

/** One click, no fields: "Assign to me", "Waiting on customer", "On hold", "Resume". */
function QuickAction({
  action,
  hidden,
  label,
  variant = 'secondary',
  onSuccess,
}: {
  action: FormActionFn;
  hidden: Record<string, string | number>;
  label: string;
  variant?: 'primary' | 'secondary';
  onSuccess: (message: string | undefined) => void;
}) {
  const [state, dispatch, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const next = await action(prev, data);
    if (next?.ok) onSuccess(next.message);
    return next;
  }, null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
      }}
      aria-label={label}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending}>
        {label}
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="mt-1 max-w-xs text-sm text-red-700">
          {state.error}{' '}
          {isConflict(state) ? (
            <button type="button" className="underline" onClick={() => window.location.reload()}>
              Reload the request
            </button>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}

type DialogName = 'resolve' | 'close' | 'escalate' | 'exception' | 'merge' | 'link' | 'macro';

/**
 * The ticket's header actions: the frequent ones as buttons (only those the state machine allows
 * now), the rare ones in a "More" menu, each opening a dialog. Dialogs stay mounted, so a result
 * is still shown after the page re-renders.
 */
export function TicketHeaderActions({
  ids,
  allowed,
  canTake,
  hasCern,
  actions,
  teams,
  currentTeamId,
  reference,
  canShareMacros,
}: {
  ids: Ids;
  allowed: PipelineAction[];
  canTake: boolean;
  hasCern: boolean;
  actions: TicketActionSet;
  teams: ReferenceData['teams'];
  currentTeamId: string | null;
  reference: ReferenceData;
  canShareMacros: boolean;
}) {
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const nextTier = nextTierOf(teams, currentTeamId);
  const close = () => setDialog(null);
  const done = (message: string | undefined) => {
    setDialog(null);
    setFlash(message ?? null);
  };
  const has = (a: PipelineAction) => allowed.includes(a);
  const more = [
    ...(has('identify') && !hasCern ? [{ label: 'Raise exception…', onSelect: () => setDialog('exception') }] : []),
    ...(has('escalate') ? [{ label: 'Merge into…', onSelect: () => setDialog('merge') }] : []),
    ...(has('note') ? [{ label: 'Link a related request…', onSelect: () => setDialog('link') }] : []),
    ...(has('note') ? [{ label: 'Create a macro…', onSelect: () => setDialog('macro') }] : []),
  ];

  return (
    <div role="group" aria-label="Request actions" className="flex flex-wrap items-start gap-2">
      {canTake ? (
        <QuickAction action={actions.take} hidden={ids} label="Assign to me" variant="primary" onSuccess={done} />
      ) : null}
      {has('resolve') ? <Button onClick={() => setDialog('resolve')}>Resolve…</Button> : null}
      {has('close') ? (
        <Button variant="secondary" onClick={() => setDialog('close')}>
          Close…
        </Button>
      ) : null}
      {has('wait_on_customer') ? (
        <QuickAction
          action={actions.setWaiting}
          hidden={{ ...ids, status: 'pending' }}
          label="Waiting on customer"
          onSuccess={done}
        />
      ) : null}
      {has('hold') ? (
        <QuickAction
          action={actions.setWaiting}
          hidden={{ ...ids, status: 'on_hold' }}
          label="On hold"
          onSuccess={done}
        />
      ) : null}
      {has('resume') ? (
        <QuickAction action={actions.setWaiting} hidden={{ ...ids, status: 'open' }} label="Resume" onSuccess={done} />
      ) : null}
      {has('escalate') ? (
        <Button variant="secondary" onClick={() => setDialog('escalate')}>
          Escalate…
        </Button>
      ) : null}
      {more.length > 0 ? <MenuButton label="More" items={more} /> : null}
      {flash ? (
        <p role="status" className="basis-full text-sm text-emerald-800">
          {flash}
        </p>
      ) : null}

      <Dialog title="Resolve the request" open={dialog === 'resolve'} onClose={close}>
        <ActionForm action={actions.resolve} hidden={ids} submitLabel="Resolve" label="Resolve" onSuccess={done}>
          {(failed) => (
            <TextArea
              label="Resolution summary"
              name="summary"
              rows={4}
              hint="The customer receives it and is asked to confirm and rate."
              defaultValue={failed?.values?.summary}
              error={failed?.fieldErrors?.summary}
            />
          )}
        </ActionForm>
      </Dialog>
      <Dialog title="Close the request" open={dialog === 'close'} onClose={close}>
        <ActionForm action={actions.close} hidden={ids} submitLabel="Close the request" label="Close" onSuccess={done}>
          {() => (
            <p className="text-sm text-slate-700">
              Close it now, without waiting for the customer to confirm (for example, they confirmed by phone). A closed
              request is read-only; if the customer writes again, a linked follow-up request opens.
            </p>
          )}
        </ActionForm>
      </Dialog>
      <Dialog title="Escalate" open={dialog === 'escalate'} onClose={close}>
        <ActionForm action={actions.escalate} hidden={ids} submitLabel="Escalate" label="Escalate" onSuccess={done}>
          {(failed) => (
            <>
              <SelectField
                label="Escalate to team"
                name="teamId"
                id="escalate-teamId"
                defaultValue={failed?.values?.teamId ?? nextTier?.id ?? ''}
                error={failed?.fieldErrors?.teamId}
                hint={nextTier ? `The next tier is ${nextTier.name}; you may choose another team.` : undefined}
              >
                <option value="">Choose…</option>
                {teams
                  .filter((t) => t.id !== currentTeamId)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name} (tier {t.tier}){t.id === nextTier?.id ? ' · next tier' : ''}
                    </option>
                  ))}
              </SelectField>
              <TextField
                label="Reason for escalation"
                name="reason"
                defaultValue={failed?.values?.reason}
                error={failed?.fieldErrors?.reason}
                required
              />
            </>
          )}
        </ActionForm>
      </Dialog>
      <Dialog title="Raise an exception" open={dialog === 'exception'} onClose={close}>
        <p className="text-sm text-slate-600">
          Raise a CERN when this issue needs special attention. It needs identification first.
        </p>
        <ExceptionForm {...ids} action={actions.raiseException} onSuccess={done} />
      </Dialog>
      <Dialog title="Merge into another request" open={dialog === 'merge'} onClose={close}>
        <MergeForm number={ids.number} action={actions.merge} onSuccess={done} />
      </Dialog>
      <Dialog title="Link a related request" open={dialog === 'link'} onClose={close}>
        <LinkForm number={ids.number} action={actions.link} onSuccess={done} />
      </Dialog>
      <Dialog title="Create a macro" open={dialog === 'macro'} onClose={close}>
        <CreateMacroForm
          number={ids.number}
          action={actions.createMacro}
          reference={reference}
          canShare={canShareMacros}
          onSuccess={done}
        />
      </Dialog>
    </div>
  );
}

/** `datetime-local` has no zone: send the instant as the agent's browser means it. */
function toInstant(local: string): string {
  const d = new Date(local);
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

export function ExceptionForm({
  number,
  version,
  action,
  onSuccess,
}: Ids & { action: FormActionFn; onSuccess?: (message: string | undefined) => void }) {
  const [incidentAt, setIncidentAt] = useState('');
  return (
    <ActionForm
      action={action}
      hidden={{ number, version, incidentAt }}
      submitLabel="Raise exception"
      variant="danger"
      label="Raise exception"
      onSuccess={onSuccess}
    >
      {(failed) => (
        <>
          <TextField
            label="Incident date and time"
            name="incidentAtLocal"
            id="incidentAt"
            type="datetime-local"
            defaultValue={failed?.values?.incidentAtLocal}
            onChange={(e) => setIncidentAt(toInstant(e.target.value))}
            hint="In your local time."
            error={failed?.fieldErrors?.incidentAt}
          />
          <TextArea
            label="Exception details"
            name="details"
            rows={4}
            hint="What happened, to whom, and why it needs special handling (at least 30 characters)."
            defaultValue={failed?.values?.details}
            error={failed?.fieldErrors?.details}
          />
          {failed?.fieldErrors?.teamId ? <FormMessage error={failed.fieldErrors.teamId[0]} /> : null}
        </>
      )}
    </ActionForm>
  );
}
