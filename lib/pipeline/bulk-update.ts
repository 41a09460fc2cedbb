import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { teams, ticketColumns, tickets, ticketTags, users, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { attemptSync, fail, type Result } from '@/lib/core/result';
import { categoryForUse } from '@/lib/tickets/categories';
import { tagSchema } from '@/lib/tickets/tags';
import {
  appendEventsMany,
  formatNumber,
  loadMembership,
  nextState,
  planChange,
  refuseIfReadOnly,
  saveTickets,
  stateEvents,
  type EventInput,
  type TicketPatch,
} from '@/lib/tickets/store';
import { closePlan } from './close-ticket';
import { checkMergeable, checkMergeTarget, mergeInto } from './merge-tickets';
import { surveyAtClosure } from '@/lib/surveys/send-survey';
import { resolveLocked } from './resolve-ticket';
import { runUseCase } from '@/lib/core/run-use-case';
import { applyRulesMany } from '@/lib/routing/rules';
import { safeString, text, ticketNumber } from '@/lib/core/fields';

export const MAX_BULK = 500;

const numbers = z
  .array(z.coerce.number().int().positive(), { error: 'Select at least one request.' })
  .min(1, 'Select at least one request.')
  .max(MAX_BULK, `Select at most ${MAX_BULK} requests at a time.`);

export const bulkSchema = z.object({
  numbers,
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('assign'), assigneeId: z.uuid().nullable() }),
    z.object({ kind: z.literal('status'), status: z.enum(['open', 'pending', 'on_hold']) }),
    z.object({ kind: z.literal('resolve'), summary: text('Resolution summary', 5000) }),
    z.object({ kind: z.literal('close') }),
    z.object({
      kind: z.literal('priority'),
      priority: z.coerce.number().int().min(1).max(4),
      reason: safeString().trim().min(5, 'Say why (at least 5 characters).').max(500),
    }),
    z.object({ kind: z.literal('category'), categoryId: z.uuid('Choose a category.') }),
    z.object({ kind: z.literal('team'), teamId: z.uuid('Choose a team.') }),
    z.object({ kind: z.literal('tag'), tag: tagSchema }),
    z.object({ kind: z.literal('merge'), into: ticketNumber }),
  ]),
});
export type BulkInput = z.input<typeof bulkSchema>;

export interface BulkOutcome {
  changed: number[];
  unchanged: number[];
  refused: { number: number; reason: string }[];
}

const STATUS_ACTION = { open: 'resume', pending: 'wait_on_customer', on_hold: 'hold' } as const;

/**
 * One change applied to many requests in one transaction. Each request is checked on its own
 * (closed ones are read-only, the state machine applies): those that cannot take the change are
 * reported with the reason and left as they were; the others change, each with its events. The
 * writes are set-based (one UPDATE per set of changed columns, one INSERT of events, one NOTIFY
 * statement), so a change of 500 requests is a handful of statements.
 */
export function bulkUpdate(db: Db, actor: Actor, raw: unknown): Promise<Result<BulkOutcome>> {
  return runUseCase(db, bulkSchema, raw, async (tx, { numbers, change }) => {
    requirePermission(actor, 'ticket.work');
    const wanted = [...new Set(numbers)];
    // Lock in one order (by id) so two bulk changes over overlapping sets cannot deadlock.
    const rows = await tx
      .select(ticketColumns)
      .from(tickets)
      .where(inArray(tickets.number, change.kind === 'merge' ? [...wanted, change.into] : wanted))
      .orderBy(asc(tickets.id))
      .for('update');
    const outcome: BulkOutcome = { changed: [], unchanged: [], refused: [] };
    const found = new Set(rows.map((t) => t.number));
    for (const n of wanted)
      if (!found.has(n)) outcome.refused.push({ number: n, reason: `Request ${formatNumber(n)} was not found.` });
    const selected = rows.filter((t) => wanted.includes(t.number));
    if (change.kind === 'merge')
      return bulkMerge(
        tx,
        actor,
        selected,
        rows.find((t) => t.number === change.into),
        change.into,
        outcome,
      );
    if (change.kind === 'resolve') return bulkResolve(tx, actor, selected, change.summary, outcome);

    const check = await checker(tx, change, selected);
    const proposed: { ticket: Ticket; patch: TicketPatch; events: EventInput[] }[] = [];
    for (const ticket of selected) {
      const plan = attemptSync(() => {
        // Tags are not fields, so the save path does not see them: the read-only rule is asked here too.
        refuseIfReadOnly(ticket);
        return check(ticket);
      });
      if (!plan.ok) outcome.refused.push({ number: ticket.number, reason: plan.message });
      else if (plan.data === null) outcome.unchanged.push(ticket.number);
      else proposed.push({ ticket, ...plan.data });
    }
    // The save path's rules (assignee in the team, …) refuse request by request here, not all at once.
    const membership = await loadMembership(tx, proposed);
    const now = new Date();
    const planned = proposed.filter(({ ticket, patch }) => {
      const rules = attemptSync(() => planChange(ticket, patch, membership, now));
      if (!rules.ok) outcome.refused.push({ number: ticket.number, reason: rules.message });
      return rules.ok;
    });
    if (planned.length === 0) return outcome;

    const saved = await saveTickets(tx, planned, actor.userId);
    if (change.kind === 'tag')
      await tx
        .insert(ticketTags)
        .values(planned.map(({ ticket }) => ({ ticketId: ticket.id, tag: change.tag })))
        .onConflictDoNothing();
    await appendEventsMany(tx, actor.userId, planned);
    // Routing rules for updates, set-based over the changed requests (closed ones are skipped).
    if (change.kind !== 'close') await applyRulesMany(tx, saved, 'updated');
    await surveyAtClosure(
      tx,
      planned.filter(({ patch }) => patch.status === 'closed').map(({ ticket }) => ticket),
    );
    outcome.changed.push(...planned.map(({ ticket }) => ticket.number));
    return outcome;
  });
}

/** Merges the selected requests into one: each is checked on its own, the rest merge together. */
async function bulkMerge(
  tx: Db,
  actor: Actor,
  selected: Ticket[],
  target: Ticket | undefined,
  into: number,
  outcome: BulkOutcome,
): Promise<BulkOutcome> {
  if (!target)
    fail('invalid', `Request ${formatNumber(into)} was not found.`, {
      into: [`Request ${formatNumber(into)} was not found.`],
    });
  checkMergeTarget(target);
  if (!selected.some((t) => t.id !== target.id))
    fail('invalid', 'Select at least one other request to merge into it.', {
      numbers: ['Select at least one other request to merge into it.'],
    });
  const duplicates: Ticket[] = [];
  for (const ticket of selected) {
    if (ticket.id === target.id) continue;
    const check = attemptSync(() => checkMergeable(ticket, target));
    if (check.ok) duplicates.push(ticket);
    else outcome.refused.push({ number: ticket.number, reason: check.message });
  }
  if (duplicates.length === 0) return outcome;
  await mergeInto(tx, actor, duplicates, target);
  outcome.changed.push(...duplicates.map((d) => d.number), target.number);
  return outcome;
}

/**
 * Resolves each request as the single resolve does (`resolveLocked`: summary, survey, mail,
 * events), one by one since each sends its own survey and mail. The state machine is asked first,
 * before anything is written, so a refused request (not identified yet, …) is reported and skipped.
 */
async function bulkResolve(
  tx: Db,
  actor: Actor,
  selected: Ticket[],
  summary: string,
  outcome: BulkOutcome,
): Promise<BulkOutcome> {
  for (const ticket of selected) {
    if (ticket.status === 'resolved') {
      outcome.unchanged.push(ticket.number);
      continue;
    }
    const check = attemptSync(() => {
      refuseIfReadOnly(ticket);
      return nextState(ticket, 'resolve');
    });
    if (!check.ok) {
      outcome.refused.push({ number: ticket.number, reason: check.message });
      continue;
    }
    await resolveLocked(tx, actor, ticket, summary);
    outcome.changed.push(ticket.number);
  }
  return outcome;
}

type Plan = { patch: TicketPatch; events: EventInput[] } | null;
type Change = Exclude<z.output<typeof bulkSchema>['change'], { kind: 'merge' | 'resolve' }>;

/** Loads what the change needs once (the team's members, the category), then plans per ticket. */
async function checker(tx: Db, change: Change, rows: Ticket[]): Promise<(t: Ticket) => Plan> {
  switch (change.kind) {
    case 'tag': {
      const ids = rows.map((t) => t.id);
      const tagged = new Set(
        ids.length
          ? (
              await tx
                .select({ id: ticketTags.ticketId })
                .from(ticketTags)
                .where(and(eq(ticketTags.tag, change.tag), inArray(ticketTags.ticketId, ids)))
            ).map((r) => r.id)
          : [],
      );
      return (t) =>
        tagged.has(t.id) ? null : { patch: {}, events: [{ type: 'tagged', to: change.tag, data: { bulk: true } }] };
    }
    case 'assign': {
      if (change.assigneeId === null) {
        return (t) =>
          t.assigneeId === null
            ? null
            : {
                patch: { assigneeId: null },
                events: [{ type: 'assigned', from: t.assigneeId, to: null, data: { bulk: true } }],
              };
      }
      const [assignee] = await tx
        .select({ id: users.id, role: users.role })
        .from(users)
        .where(and(eq(users.id, change.assigneeId), eq(users.active, true)));
      if (!assignee || assignee.role === 'customer')
        fail('invalid', 'Choose an active agent.', { assigneeId: ['Choose an active agent.'] });
      return (t) =>
        t.assigneeId === assignee.id
          ? null
          : {
              patch: { assigneeId: assignee.id },
              events: [{ type: 'assigned', from: t.assigneeId, to: assignee.id, data: { bulk: true } }],
            };
    }
    case 'status':
      return (t) => {
        if (t.status === change.status) return null;
        const next = nextState(t, STATUS_ACTION[change.status]);
        return { patch: next, events: stateEvents(t, next) };
      };
    case 'close': {
      // Only resolved requests close (the state machine's `close`); a closed one is read-only above.
      const now = new Date();
      return (t) => closePlan(t, now, { bulk: true });
    }
    case 'priority':
      return (t) =>
        t.priority === change.priority
          ? null
          : {
              patch: { priority: change.priority, priorityOverrideReason: change.reason },
              events: [
                {
                  type: 'priority_overridden',
                  from: String(t.priority),
                  to: String(change.priority),
                  data: { reason: change.reason, bulk: true },
                },
              ],
            };
    case 'category': {
      const category = await categoryForUse(tx, change.categoryId);
      return (t) =>
        t.categoryId === category.id
          ? null
          : {
              patch: { categoryId: category.id },
              events: [
                {
                  type: 'identified',
                  from: t.categoryId,
                  to: category.id,
                  data: { category: category.name, bulk: true },
                },
              ],
            };
    }
    case 'team': {
      const [team] = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, change.teamId));
      if (!team) fail('invalid', 'Choose a team.', { teamId: ['Choose a team.'] });
      // An assignee outside the new team lets go of the request (the save path's rule, with its event).
      return (t) =>
        t.teamId === team.id
          ? null
          : {
              patch: { teamId: team.id },
              events: [
                { type: 'assigned', from: t.teamId, to: team.id, data: { field: 'team', team: team.name, bulk: true } },
              ],
            };
    }
  }
}
