'use client';

import { useState } from 'react';
import {
  escalateAction,
  identifyAction,
  raiseExceptionAction,
  replyAction,
  resolveAction,
  setWaitingAction,
  takeAction,
} from '@/app/(agent)/tickets/[number]/actions';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { IMPACT_LABELS, PRIORITY_LABELS, PRIORITY_MATRIX, SEVERITY_LABELS, type Severity } from '@/lib/priority/priority';
import type { ReferenceData } from '@/lib/tickets/reference-data';
import { signalTyping } from '@/components/live/typing-signal';
import { ActionForm } from './action-form';

type Ids = { number: number; version: number };

export function TakeForm({ number, version }: Ids) {
  return <ActionForm action={takeAction} hidden={{ number, version }} submitLabel="Assign to me" variant="secondary" label="Take request" />;
}

export function IdentifyForm({
  number,
  version,
  reference,
  current,
}: Ids & { reference: ReferenceData; current: { categoryId: string | null; severity: number | null; impact: string | null; teamId: string | null; assigneeId: string | null } }) {
  const [categoryId, setCategoryId] = useState(current.categoryId ?? '');
  const [teamId, setTeamId] = useState(current.teamId ?? '');
  const [severity, setSeverity] = useState(String(current.severity ?? ''));
  const [impact, setImpact] = useState(current.impact ?? '');
  const matrix = severity && impact ? PRIORITY_MATRIX[Number(severity) as Severity]?.[impact as keyof typeof IMPACT_LABELS] : undefined;
  const effectiveTeam = teamId || reference.categories.find((c) => c.id === categoryId)?.defaultTeamId || '';
  const members = reference.agents.filter((a) => a.teamId === effectiveTeam);

  return (
    <ActionForm action={identifyAction} hidden={{ number, version }} submitLabel="Save identification" label="Identification">
      {(failed) => (
        <>
          <SelectField label="Category" name="categoryId" value={categoryId} onChange={(e) => setCategoryId(e.target.value)} error={failed?.fieldErrors?.categoryId}>
            <option value="">Choose…</option>
            {reference.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <div className="grid grid-cols-2 gap-3">
            <SelectField label="Severity" name="severity" value={severity} onChange={(e) => setSeverity(e.target.value)} error={failed?.fieldErrors?.severity}>
              <option value="">Choose…</option>
              {([1, 2, 3, 4] as const).map((s) => (
                <option key={s} value={s}>
                  {s} — {SEVERITY_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <SelectField label="Impact" name="impact" value={impact} onChange={(e) => setImpact(e.target.value)} error={failed?.fieldErrors?.impact}>
              <option value="">Choose…</option>
              {Object.entries(IMPACT_LABELS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </SelectField>
          </div>
          <p className="text-sm text-slate-600" aria-live="polite">
            Priority from the matrix: <strong>{matrix ? PRIORITY_LABELS[matrix] : '—'}</strong>
          </p>
          <SelectField label="Team" name="teamId" value={teamId} onChange={(e) => setTeamId(e.target.value)} error={failed?.fieldErrors?.teamId} hint="Empty: the category's team.">
            <option value="">Category default</option>
            {reference.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Assignee" name="assigneeId" defaultValue={current.assigneeId ?? ''} error={failed?.fieldErrors?.assigneeId}>
            <option value="">Unassigned</option>
            {members.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">Override priority</summary>
            <div className="mt-3 space-y-3">
              <SelectField label="Priority override" name="priorityOverride" defaultValue="" error={failed?.fieldErrors?.priorityOverride}>
                <option value="">Use the matrix</option>
                {([1, 2, 3, 4] as const).map((p) => (
                  <option key={p} value={p}>
                    {PRIORITY_LABELS[p]}
                  </option>
                ))}
              </SelectField>
              <TextField label="Reason for override" name="overrideReason" error={failed?.fieldErrors?.overrideReason} />
            </div>
          </details>
        </>
      )}
    </ActionForm>
  );
}

/** `datetime-local` has no zone: send the instant as the agent's browser means it. */
function toInstant(local: string): string {
  const d = new Date(local);
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

export function ExceptionForm({ number, version }: Ids) {
  const [incidentAt, setIncidentAt] = useState('');
  return (
    <ActionForm action={raiseExceptionAction} hidden={{ number, version, incidentAt }} submitLabel="Raise exception" variant="danger" label="Raise exception">
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
          {failed?.fieldErrors?.teamId ? <p className="text-sm text-red-600">{failed.fieldErrors.teamId[0]}</p> : null}
        </>
      )}
    </ActionForm>
  );
}

export function ReplyBox({ number }: { number: number }) {
  return (
    <ActionForm action={replyAction} hidden={{ number }} submitLabel="Send" label="Reply">
      {(failed) => (
        <>
          <fieldset className="flex gap-4 text-sm">
            <legend className="sr-only">Visibility</legend>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="visibility" value="public" defaultChecked={failed?.values?.visibility !== 'internal'} /> Public reply
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="visibility" value="internal" defaultChecked={failed?.values?.visibility === 'internal'} /> Internal note
            </label>
          </fieldset>
          <TextArea label="Message" name="body" rows={5} defaultValue={failed?.values?.body} error={failed?.fieldErrors?.body} onInput={() => signalTyping()} />
        </>
      )}
    </ActionForm>
  );
}

export function StatusForm({ number, version, status }: Ids & { status: string }) {
  return (
    <ActionForm action={setWaitingAction} hidden={{ number, version }} submitLabel="Change status" variant="secondary" label="Status">
      {(failed) => (
        <SelectField label="Set status" name="status" defaultValue={status === 'pending' || status === 'on_hold' ? 'open' : 'pending'} error={failed?.fieldErrors?.status}>
          <option value="pending">Waiting on customer (pending)</option>
          <option value="on_hold">Waiting on a third party (on hold)</option>
          <option value="open">Open (resume work)</option>
        </SelectField>
      )}
    </ActionForm>
  );
}

export function EscalateForm({ number, version, teams, currentTeamId }: Ids & { teams: ReferenceData['teams']; currentTeamId: string | null }) {
  return (
    <ActionForm action={escalateAction} hidden={{ number, version }} submitLabel="Escalate" variant="secondary" label="Escalate">
      {(failed) => (
        <>
          <SelectField label="Escalate to team" name="teamId" id="escalate-teamId" defaultValue="" error={failed?.fieldErrors?.teamId}>
            <option value="">Choose…</option>
            {teams
              .filter((t) => t.id !== currentTeamId)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </SelectField>
          <TextField label="Reason for escalation" name="reason" defaultValue={failed?.values?.reason} error={failed?.fieldErrors?.reason} />
        </>
      )}
    </ActionForm>
  );
}

export function ResolveForm({ number, version }: Ids) {
  return (
    <ActionForm action={resolveAction} hidden={{ number, version }} submitLabel="Resolve" label="Resolve">
      {(failed) => <TextArea label="Resolution summary" name="summary" rows={3} defaultValue={failed?.values?.summary} error={failed?.fieldErrors?.summary} />}
    </ActionForm>
  );
}
