'use client';

import { startTransition, useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { Impact, Status } from '@/db/schema';
import { IMPACT_LABELS, PRIORITY_LABELS, priorityFor, SEVERITY_LABELS, type Severity } from '@/lib/priority/priority';
import type { ReferenceData } from '@/lib/tickets/reference-data';
import { STATUS_LABELS, type PipelineAction } from '@/lib/tickets/transitions';
import { isConflict, type FormActionFn } from './action-form';

export interface StoredProperties {
  status: Status;
  categoryId: string | null;
  categoryName: string | null;
  severity: number | null;
  impact: Impact | null;
  teamId: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  priority: number;
  /** The logged reason of a priority override; null when the priority comes from the matrix. */
  overrideReason: string | null;
  tags: string[];
}

/** The statuses the panel offers: the current one and those a waiting action reaches from it now. */
const WAITING: { action: PipelineAction; status: Status }[] = [
  { action: 'resume', status: 'open' },
  { action: 'wait_on_customer', status: 'pending' },
  { action: 'hold', status: 'on_hold' },
];

const splitTags = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  ),
];

/**
 * One compact panel for the request's properties, saved together. It posts only what changed:
 * identification (category, severity, impact, team, priority, assignee — the assignee only when
 * the agent picked another, so an untouched one is kept), the status, and the tags. After a save
 * the page renders the stored values and the panel starts again from them (keyed by version).
 */
export function PropertiesPanel(props: {
  number: number;
  version: number;
  stored: StoredProperties;
  allowed: PipelineAction[];
  reference: ReferenceData;
  action: FormActionFn;
}) {
  const [state, dispatch, pending] = useActionState(props.action, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form
      aria-label="Properties"
      noValidate
      className="space-y-3"
      // Dispatched by hand, not as <form action>: React's automatic reset after an action put the
      // selects back on "Choose…" while the page showed the saved values.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
      }}
    >
      <input type="hidden" name="number" value={props.number} />
      <input type="hidden" name="version" value={props.version} />
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      {isConflict(state) ? (
        <Button variant="secondary" onClick={() => window.location.reload()}>
          Reload the request
        </Button>
      ) : null}
      <PropertyFields
        key={`${props.version}-${props.stored.tags.join(',')}-${failed ? 'failed' : 'ok'}`}
        {...props}
        failed={failed}
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save properties'}
      </Button>
    </form>
  );
}

function PropertyFields({
  stored,
  allowed,
  reference,
  failed,
}: {
  stored: StoredProperties;
  allowed: PipelineAction[];
  reference: ReferenceData;
  failed: { fieldErrors?: Record<string, string[] | undefined>; values?: Record<string, string> } | null;
}) {
  const v = failed?.values;
  const [status, setStatus] = useState<string>(v?.status ?? stored.status);
  const [categoryId, setCategoryId] = useState(v?.categoryId ?? stored.categoryId ?? '');
  const [severity, setSeverity] = useState(v?.severity ?? (stored.severity ? String(stored.severity) : ''));
  const [impact, setImpact] = useState(v?.impact ?? stored.impact ?? '');
  const [teamId, setTeamId] = useState(v?.teamId ?? stored.teamId ?? '');
  const [assigneeId, setAssigneeId] = useState(v?.assigneeId ?? stored.assigneeId ?? '');
  const [priority, setPriority] = useState(
    v?.priorityOverride ?? (stored.overrideReason !== null ? String(stored.priority) : ''),
  );
  const [reason, setReason] = useState(v?.overrideReason ?? stored.overrideReason ?? '');
  const [tags, setTags] = useState(v?.tags ?? stored.tags.join(', '));
  const errors = failed?.fieldErrors;

  const matrix = severity && impact ? priorityFor(Number(severity) as Severity, impact as Impact) : null;
  const effectiveTeam = teamId || reference.categories.find((c) => c.id === categoryId)?.defaultTeamId || '';
  const members = reference.agents.filter((a) => a.teamId === effectiveTeam);
  // The current assignee is always a choice, even when not (or no longer) in the team's list.
  const assignees =
    stored.assigneeId && !members.some((m) => m.id === stored.assigneeId)
      ? [{ id: stored.assigneeId, name: `${stored.assigneeName ?? 'Current assignee'} (current)` }, ...members]
      : members;
  const statuses = [
    stored.status,
    ...WAITING.filter((w) => w.status !== stored.status && allowed.includes(w.action)).map((w) => w.status),
  ];

  const identityChanged =
    categoryId !== (stored.categoryId ?? '') ||
    severity !== (stored.severity ? String(stored.severity) : '') ||
    impact !== (stored.impact ?? '') ||
    teamId !== (stored.teamId ?? '') ||
    assigneeId !== (stored.assigneeId ?? '') ||
    priority !== (stored.overrideReason !== null ? String(stored.priority) : '') ||
    (priority !== '' && reason !== (stored.overrideReason ?? ''));
  const tagList = splitTags(tags);

  return (
    <>
      {identityChanged ? <input type="hidden" name="identify" value="1" /> : null}
      {assigneeId !== (stored.assigneeId ?? '') ? <input type="hidden" name="assigneeId" value={assigneeId} /> : null}
      {status !== stored.status ? <input type="hidden" name="status" value={status} /> : null}
      <input type="hidden" name="tagsAdd" value={tagList.filter((t) => !stored.tags.includes(t)).join(',')} />
      <input type="hidden" name="tagsRemove" value={stored.tags.filter((t) => !tagList.includes(t)).join(',')} />

      <SelectField
        label="Status"
        name="statusChoice"
        id="prop-status"
        value={status}
        onChange={(e) => setStatus(e.target.value)}
        error={errors?.status}
        disabled={statuses.length < 2}
      >
        {statuses.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Category"
        name="categoryId"
        id="prop-category"
        value={categoryId}
        onChange={(e) => setCategoryId(e.target.value)}
        error={errors?.categoryId}
      >
        <option value="">Choose…</option>
        {/* A category retired since stays on the request (keeping it is allowed), offered nowhere else. */}
        {stored.categoryId && !reference.categories.some((c) => c.id === stored.categoryId) ? (
          <option value={stored.categoryId}>{stored.categoryName ?? 'Current category'} (retired)</option>
        ) : null}
        {reference.categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Severity"
          name="severity"
          id="prop-severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value)}
          error={errors?.severity}
        >
          <option value="">Choose…</option>
          {([1, 2, 3, 4] as const).map((s) => (
            <option key={s} value={s}>
              {s} — {SEVERITY_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Impact"
          name="impact"
          id="prop-impact"
          value={impact}
          onChange={(e) => setImpact(e.target.value)}
          error={errors?.impact}
        >
          <option value="">Choose…</option>
          {Object.entries(IMPACT_LABELS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        label="Priority"
        name="priorityOverride"
        id="prop-priority"
        value={priority}
        onChange={(e) => setPriority(e.target.value)}
        error={errors?.priorityOverride}
      >
        <option value="">From the matrix{matrix ? `: ${PRIORITY_LABELS[matrix]}` : ''}</option>
        {([1, 2, 3, 4] as const).map((p) => (
          <option key={p} value={p}>
            {PRIORITY_LABELS[p]} (override)
          </option>
        ))}
      </SelectField>
      {priority ? (
        <TextField
          label="Reason for override"
          name="overrideReason"
          id="prop-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors?.overrideReason}
        />
      ) : null}
      <SelectField
        label="Team"
        name="teamId"
        id="prop-team"
        value={teamId}
        onChange={(e) => setTeamId(e.target.value)}
        error={errors?.teamId}
      >
        <option value="">Category default</option>
        {reference.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Assignee"
        name="assigneeChoice"
        id="prop-assignee"
        value={assigneeId}
        onChange={(e) => setAssigneeId(e.target.value)}
        error={errors?.assigneeId}
      >
        <option value="">Unassigned</option>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Tags"
        name="tags"
        id="prop-tags"
        hint="Comma-separated, e.g. vip, refund"
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        error={errors?.tags}
      />
    </>
  );
}
