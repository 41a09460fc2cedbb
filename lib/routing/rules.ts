import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { customers, routingRules, ticketTags, type Ticket } from '@/db/schema';
import { attemptSync } from '@/lib/core/result';
import { jsonValue, readJson, type JsonRead } from '@/lib/core/read-together';
import {
  appendEventsMany,
  loadMembership,
  planChange,
  saveTickets,
  type EventInput,
  type TicketPatch,
} from '@/lib/tickets/store';
import {
  EXCEPTION_CANDIDATE_TAG,
  matchRules,
  type MatchCustomer,
  type MatchOutcome,
  type MatchRule,
  type PlannedChange,
} from './match';

/**
 * Routing rules (issue 14), applied inside the transaction of the change that triggers them:
 * - **on creation** (`routeNewTicket`, before assignment within the team and the acknowledgement);
 * - **on update**: after a customer's message on an open request (its text counts for word
 *   conditions), and after staff change a request's fields — the properties panel
 *   (identification, status, tags), identification on its own, and a bulk change of status,
 *   priority, category, team, tag or assignee — once per request per change.
 * Rules run in one pass, in order; a rule's own change is written through the save path
 * directly, never through a use case, so it does not trigger the rules again (no loops).
 * Closed requests are read-only and skipped. Every change is an event naming the rule.
 * Statements: one for the rules (none when the caller read them with its own reads, `rulesRead`;
 * none more when no active rule runs on this trigger); one each
 * for the customers and tags when a rule needs them; one for the names of what the rules set;
 * then the save path's (one UPDATE), one INSERT of tags and the events' INSERT and NOTIFY.
 */
export async function applyRules(
  tx: Db,
  ticket: Ticket,
  trigger: 'created' | 'updated',
  options: { extraText?: string; now?: Date; rules?: MatchRule[] } = {},
): Promise<Ticket> {
  const [saved] = await applyRulesMany(tx, [ticket], trigger, options);
  return saved ?? ticket;
}

/** applyRules for many requests of one change (a bulk change): the same statements, set-based. */
export async function applyRulesMany(
  tx: Db,
  tickets: Ticket[],
  trigger: 'created' | 'updated',
  /**
   * `now`: the moment of the change (a seed or import acting at a given time); the clock otherwise.
   * `rules`: the rules for this trigger, read already in this transaction (`rulesRead`).
   */
  options: { extraText?: string; now?: Date; rules?: MatchRule[] } = {},
): Promise<Ticket[]> {
  const now = options.now ?? new Date();
  const plans = await planRules(tx, tickets, trigger, { extraText: options.extraText, rules: options.rules });
  const writing = plans.filter((p) => p.applied.length > 0);
  if (writing.length === 0) return tickets;

  // Tags alone are not fields (as for staff tagging): only requests with field changes are saved.
  const fields = writing.filter((p) => Object.keys(p.patch).length > 0);
  const saved = fields.length
    ? await saveTickets(
        tx,
        fields.map((p) => ({ ticket: p.ticket, patch: p.patch })),
        null,
        now,
      )
    : [];
  const tagRows = writing.flatMap((p) => p.tags.map((tag) => ({ ticketId: p.ticket.id, tag })));
  if (tagRows.length > 0) await tx.insert(ticketTags).values(tagRows).onConflictDoNothing();
  await appendEventsMany(
    tx,
    null,
    writing.map((p) => ({ ticket: p.ticket, events: ruleEvents(p.applied, p.labels).map((e) => ({ ...e, at: now })) })),
  );
  const byId = new Map(saved.map((t) => [t.id, t]));
  return tickets.map((t) => byId.get(t.id) ?? t);
}

/** A change as the admin's dry run shows it: names instead of ids, and why one would be skipped. */
export interface DescribedChange extends PlannedChange {
  fromLabel: string | null;
  toLabel: string | null;
  /** Why this change would not be made (a retired category, an assignee outside the team). */
  skipped?: string;
}

export interface RulePlan {
  ticket: Ticket;
  outcome: MatchOutcome;
  /** The changes that will be made, in rule order. */
  applied: PlannedChange[];
  described: DescribedChange[];
  patch: TicketPatch;
  tags: string[];
  labels: Map<string, string>;
}

/**
 * The active rules for a trigger (or all, for the dry run), in evaluation order, as one JSON value:
 * a new request reads them together with its other reads (createTicket), in one statement.
 */
export function rulesRead(
  filter: { trigger?: 'created' | 'updated'; includeInactive?: boolean } = {},
): JsonRead<MatchRule[]> {
  const where = and(
    filter.includeInactive ? undefined : eq(routingRules.active, true),
    filter.trigger ? inArray(routingRules.runOn, [filter.trigger, 'both']) : undefined,
  );
  return {
    sql: sql`(select coalesce(json_agg(json_build_object(
        'id', ${routingRules.id}, 'name', ${routingRules.name}, 'runOn', ${routingRules.runOn},
        'conditions', ${routingRules.conditions}, 'actions', ${routingRules.actions},
        'stopProcessing', ${routingRules.stopProcessing})
        order by ${routingRules.position}, ${routingRules.name}, ${routingRules.id}), '[]')
      from ${routingRules}${where ? sql` where ${where}` : sql``})`,
    parse: (value) => jsonValue<MatchRule[]>(value),
  };
}

/** `rulesRead` on its own: one query. */
export function loadRules(
  tx: Db,
  filter: { trigger?: 'created' | 'updated'; includeInactive?: boolean } = {},
): Promise<MatchRule[]> {
  return readJson(tx, rulesRead(filter));
}

/**
 * What the rules would do to each request, with nothing written: the matcher's outcome, then the
 * changes the save path would refuse taken out (a category retired since the rule was saved, an
 * assignee no longer active or not a member of the request's team), each with its reason.
 */
export async function planRules(
  tx: Db,
  tickets: Ticket[],
  trigger: 'created' | 'updated',
  options: { extraText?: string; rules?: MatchRule[] } = {},
): Promise<RulePlan[]> {
  const open = tickets.filter((t) => t.status !== 'closed');
  if (open.length === 0) return [];
  const rules = options.rules ?? (await loadRules(tx, { trigger }));
  if (rules.length === 0) return [];

  const needsCustomer = rules.some((r) => r.conditions.organizationIds?.length || r.conditions.emailDomains?.length);
  const needsTags = rules.some((r) => r.actions.tags?.length || r.actions.exceptionCandidate);
  const ticketIds = open.map((t) => t.id);
  const [customerRows, tagRows] = await Promise.all([
    needsCustomer
      ? tx
          .select({ id: customers.id, email: customers.email, organizationId: customers.organizationId })
          .from(customers)
          .where(
            inArray(
              customers.id,
              open.map((t) => t.customerId),
            ),
          )
      : [],
    needsTags
      ? tx
          .select({ ticketId: ticketTags.ticketId, tag: ticketTags.tag })
          .from(ticketTags)
          .where(inArray(ticketTags.ticketId, ticketIds))
      : [],
  ]);
  const customerOf = new Map<string, MatchCustomer>(customerRows.map((c) => [c.id, c]));
  const tagsOf = new Map<string, string[]>();
  for (const r of tagRows) tagsOf.set(r.ticketId, [...(tagsOf.get(r.ticketId) ?? []), r.tag]);

  const matched = open
    .map((ticket) => ({
      ticket,
      outcome: matchRules(ticket, customerOf.get(ticket.customerId) ?? { email: null, organizationId: null }, rules, {
        trigger,
        tags: tagsOf.get(ticket.id) ?? [],
        extraText: options.extraText,
      }),
    }))
    .filter((m) => m.outcome.evaluations.length > 0);

  const refs = await loadReferences(
    tx,
    matched.flatMap((m) => m.outcome.changes),
  );
  const labels = new Map([...refs].map(([id, r]) => [id, r.name]));

  const drafts = matched.map(({ ticket, outcome }) => {
    const skipped = new Map<PlannedChange, string>();
    for (const c of outcome.changes) {
      if (c.kind === 'category' && c.to && refs.get(c.to)?.usable !== true)
        skipped.set(c, refs.has(c.to) ? 'the category is retired' : 'the category no longer exists');
      if (c.kind === 'team' && c.to && !refs.has(c.to)) skipped.set(c, 'the team no longer exists');
      if (c.kind === 'assign' && c.to && refs.get(c.to)?.usable !== true)
        skipped.set(c, 'the agent is deactivated or no longer staff');
    }
    return { ticket, outcome, skipped };
  });
  const patchOf = (d: (typeof drafts)[number]): TicketPatch => {
    const patch: TicketPatch = {};
    for (const c of d.outcome.changes) {
      if (d.skipped.has(c) || !c.to) continue;
      if (c.kind === 'team') patch.teamId = c.to;
      if (c.kind === 'category') patch.categoryId = c.to;
      if (c.kind === 'assign') patch.assigneeId = c.to;
      if (c.kind === 'priority') patch.priority = Number(c.to);
    }
    // The matcher's final patch decides what is written (a field set back by a later rule is none).
    for (const key of Object.keys(patch) as (keyof TicketPatch)[]) if (!(key in d.outcome.patch)) delete patch[key];
    return patch;
  };

  // The save path's own rules, asked before anything is written: an assignee outside the
  // request's (new) team is refused there, so the rule's assignment is skipped instead.
  const membership = await loadMembership(
    tx,
    drafts.map((d) => ({ ticket: d.ticket, patch: patchOf(d) })),
  );
  const now = new Date();
  return drafts.map((d) => {
    let patch = patchOf(d);
    if (patch.assigneeId) {
      const check = attemptSync(() => planChange(d.ticket, patch, membership, now));
      if (!check.ok) {
        for (const c of d.outcome.changes)
          if (c.kind === 'assign' && c.to === patch.assigneeId)
            d.skipped.set(c, check.fieldErrors?.assigneeId?.[0] ?? check.message);
        const { assigneeId: _dropped, ...rest } = patch;
        patch = rest;
      }
    }
    const applied = d.outcome.changes.filter((c) => !d.skipped.has(c));
    const described = d.outcome.changes.map((c) => ({
      ...c,
      fromLabel: label(c.kind, c.from, labels),
      toLabel: label(c.kind, c.to, labels),
      ...(d.skipped.has(c) ? { skipped: d.skipped.get(c) } : {}),
    }));
    const tags = applied.filter((c) => c.kind === 'tag' || c.kind === 'exception_candidate').map((c) => c.to!);
    return { ticket: d.ticket, outcome: d.outcome, applied, described, patch, tags, labels };
  });
}

function label(kind: PlannedChange['kind'], value: string | null, labels: Map<string, string>): string | null {
  if (value === null) return null;
  if (kind === 'priority') return `P${value}`;
  if (kind === 'tag' || kind === 'exception_candidate') return value;
  return labels.get(value) ?? 'unknown';
}

/**
 * The names of the teams, categories and agents the changes name, and whether each may still be
 * set (a category not retired, an agent active staff): one statement.
 */
async function loadReferences(
  tx: Db,
  changes: PlannedChange[],
): Promise<Map<string, { name: string; usable: boolean }>> {
  const ids = (kinds: PlannedChange['kind'][]) => [
    ...new Set(changes.flatMap((c) => (kinds.includes(c.kind) ? [c.from, c.to] : [])).filter((v): v is string => !!v)),
  ];
  const teamIds = ids(['team']);
  const categoryIds = ids(['category']);
  const userIds = ids(['assign']);
  const uuids = (values: string[]) =>
    sql`array[${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )}]::uuid[]`;
  const parts = [
    teamIds.length ? sql`select id, name, true as usable from teams where id = any(${uuids(teamIds)})` : null,
    categoryIds.length
      ? sql`select id, name, retired_at is null as usable from categories where id = any(${uuids(categoryIds)})`
      : null,
    userIds.length
      ? sql`select id, name, (active and role <> 'customer') as usable from users where id = any(${uuids(userIds)})`
      : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return new Map();
  const rows = rowsOf<{ id: string; name: string; usable: boolean }>(
    await tx.execute(sql.join(parts, sql` union all `)),
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, usable: r.usable === true }]));
}

/** One event per change, each naming the rule; tags of one rule in one `tagged` event. */
function ruleEvents(changes: PlannedChange[], labels: Map<string, string>): EventInput[] {
  const events: EventInput[] = [];
  for (const c of changes) {
    const rule = { rule: c.rule.name, ruleId: c.rule.id };
    switch (c.kind) {
      case 'team':
        events.push({
          type: 'assigned',
          from: c.from,
          to: c.to,
          data: { field: 'team', team: labels.get(c.to!) ?? null, ...rule },
        });
        break;
      case 'assign':
        events.push({
          type: 'assigned',
          from: c.from,
          to: c.to,
          data: { assignee: labels.get(c.to!) ?? null, ...rule },
        });
        break;
      case 'category':
        events.push({
          type: 'rule_applied',
          from: c.from,
          to: c.to,
          data: { action: 'category', category: labels.get(c.to!) ?? null, ...rule },
        });
        break;
      case 'priority':
        events.push({ type: 'rule_applied', from: c.from, to: c.to, data: { action: 'priority', ...rule } });
        break;
      case 'exception_candidate':
        events.push({
          type: 'rule_applied',
          to: EXCEPTION_CANDIDATE_TAG,
          data: { action: 'exception_candidate', ...rule },
        });
        break;
      case 'tag': {
        const last = events[events.length - 1];
        if (last?.type === 'tagged' && last.data?.ruleId === c.rule.id) last.to = `${last.to}, ${c.to}`;
        else events.push({ type: 'tagged', to: c.to, data: { ...rule } });
        break;
      }
    }
  }
  return events;
}
