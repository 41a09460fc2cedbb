import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  categories,
  channelEnum,
  organizations,
  routingRules,
  RULE_TRIGGERS,
  teams,
  ticketColumns,
  tickets,
  users,
  type RoutingRule,
  type RuleActions,
  type RuleConditions,
} from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { safeString, text, ticketNumber } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { formatNumber } from '@/lib/tickets/request-number';
import { tagList } from '@/lib/tickets/tags';
import { loadRules, planRules, type DescribedChange } from './rules';

export const MAX_RULE_NAME = 80;
/** At most this many entries in any one list of a rule (channels, words, organizations, …). */
export const MAX_LIST = 50;

const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** A set of choices: an array (or one value) of allowed ids, at most MAX_LIST. */
const idSet = (message: string) =>
  z
    .union([z.array(z.unknown()), z.string()])
    .optional()
    .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.uuid(message)).max(MAX_LIST, `Choose at most ${MAX_LIST}.`))
    .transform((v) => [...new Set(v)]);

/** Free text split on commas and new lines ("refund, chargeback"), or an array of entries. */
const textList = (entry: z.ZodType<string, string>, what: string) =>
  z
    .union([safeString(), z.array(safeString())], { error: `Enter the ${what} as text.` })
    .optional()
    .transform((v) =>
      (v === undefined ? [] : Array.isArray(v) ? v : v.split(/[,\n]/)).map((s) => s.trim()).filter(Boolean),
    )
    .pipe(z.array(entry).max(MAX_LIST, `At most ${MAX_LIST} ${what}.`))
    .transform((v) => [...new Set(v)]);

const word = safeString()
  .min(1)
  .max(100, 'A word or phrase is at most 100 characters.')
  .transform((w) => w.replace(/\s+/g, ' '));
const domain = safeString()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .max(253, 'A domain is at most 253 characters.')
      .regex(/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u, 'Enter domains like example.com.'),
  );
const priority = z.enum(['1', '2', '3', '4'], { error: 'Choose a priority.' });
const optionalId = (message: string) =>
  z
    .union([z.uuid(message), z.literal('')])
    .optional()
    .transform((v) => v || undefined);

/**
 * A rule as its form sends it: flat fields so each error lands beside its field. Lists are arrays
 * (checkboxes, multi-selects) or comma/line separated text (words, domains, tags).
 */
export const ruleInputSchema = z
  .object({
    name: text('Name', MAX_RULE_NAME),
    runOn: z.enum(RULE_TRIGGERS, { error: 'Choose when the rule runs.' }),
    active: checkbox,
    stopProcessing: checkbox,
    channels: z
      .union([z.array(z.unknown()), z.string()])
      .optional()
      .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(channelEnum.enumValues, { error: 'Choose channels from the list.' })).max(MAX_LIST))
      .transform((v) => [...new Set(v)]),
    categoryIds: idSet('Choose categories from the list.'),
    words: textList(word, 'words'),
    organizationIds: idSet('Choose organizations from the list.'),
    emailDomains: textList(domain, 'domains'),
    priorities: z
      .union([z.array(z.unknown()), z.string()])
      .optional()
      .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(priority).max(4))
      .transform((v) => [...new Set(v)].map(Number)),
    setTeamId: optionalId('Choose a team from the list.'),
    setCategoryId: optionalId('Choose a category from the list.'),
    setPriority: z
      .union([priority, z.literal('')])
      .optional()
      .transform((v) => (v ? Number(v) : undefined)),
    addTags: z
      .unknown()
      .optional()
      .transform((v) => (v === '' || v === undefined ? [] : v))
      .pipe(tagList),
    assigneeId: optionalId('Choose an agent from the list.'),
    exceptionCandidate: checkbox,
  })
  .superRefine((v, ctx) => {
    const any =
      v.setTeamId || v.setCategoryId || v.setPriority || v.addTags.length || v.assigneeId || v.exceptionCandidate;
    if (!any) ctx.addIssue({ code: 'custom', path: ['actions'], message: 'Choose at least one action.' });
  });

export type RuleInput = z.input<typeof ruleInputSchema>;
type ParsedRule = z.output<typeof ruleInputSchema>;

function stored(v: ParsedRule): { conditions: RuleConditions; actions: RuleActions } {
  const conditions: RuleConditions = {};
  if (v.channels.length) conditions.channels = v.channels;
  if (v.categoryIds.length) conditions.categoryIds = v.categoryIds;
  if (v.words.length) conditions.words = v.words;
  if (v.organizationIds.length) conditions.organizationIds = v.organizationIds;
  if (v.emailDomains.length) conditions.emailDomains = v.emailDomains;
  if (v.priorities.length) conditions.priorities = v.priorities;
  const actions: RuleActions = {};
  if (v.setTeamId) actions.teamId = v.setTeamId;
  if (v.setCategoryId) actions.categoryId = v.setCategoryId;
  if (v.setPriority) actions.priority = v.setPriority;
  if (v.addTags.length) actions.tags = v.addTags;
  if (v.assigneeId) actions.assigneeId = v.assigneeId;
  if (v.exceptionCandidate) actions.exceptionCandidate = true;
  return { conditions, actions };
}

/** Every id the rule names exists (and can be set): field errors otherwise. One query per kind named. */
async function checkReferences(tx: Db, v: ParsedRule): Promise<void> {
  const errors: Record<string, string[]> = {};
  const missing = async (
    ids: string[],
    table: 'teams' | 'categories' | 'organizations' | 'agents' | 'activeCategories',
  ) => {
    if (ids.length === 0) return false;
    const found =
      table === 'teams'
        ? await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, ids))
        : table === 'organizations'
          ? await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, ids))
          : table === 'agents'
            ? await tx
                .select({ id: users.id })
                .from(users)
                .where(and(inArray(users.id, ids), eq(users.active, true), ne(users.role, 'customer')))
            : await tx
                .select({ id: categories.id })
                .from(categories)
                .where(
                  and(
                    inArray(categories.id, ids),
                    table === 'activeCategories' ? isNull(categories.retiredAt) : undefined,
                  ),
                );
    return found.length !== ids.length;
  };
  if (await missing(v.categoryIds, 'categories')) errors.categoryIds = ['Choose categories from the list.'];
  if (await missing(v.organizationIds, 'organizations'))
    errors.organizationIds = ['Choose organizations from the list.'];
  if (v.setTeamId && (await missing([v.setTeamId], 'teams'))) errors.setTeamId = ['Choose a team from the list.'];
  if (v.setCategoryId && (await missing([v.setCategoryId], 'activeCategories')))
    errors.setCategoryId = ['Choose a category in use (not retired).'];
  if (v.assigneeId && (await missing([v.assigneeId], 'agents'))) errors.assigneeId = ['Choose an active agent.'];
  if (Object.keys(errors).length > 0) fail('invalid', 'Please correct the highlighted fields.', errors);
}

const TAKEN = 'A rule with this name exists already.';

async function checkName(tx: Db, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: routingRules.id })
    .from(routingRules)
    .where(and(sql`lower(${routingRules.name}) = lower(${name})`, except ? ne(routingRules.id, except) : undefined));
  if (taken) fail('invalid', TAKEN, { name: [TAKEN] });
}

/** What the audit log keeps of a rule. */
const auditShape = (
  r: Pick<RoutingRule, 'name' | 'runOn' | 'active' | 'stopProcessing' | 'conditions' | 'actions'>,
) => ({
  name: r.name,
  runOn: r.runOn,
  active: r.active,
  stopProcessing: r.stopProcessing,
  conditions: r.conditions,
  actions: r.actions,
});

/** Admin changes lock every rule first (they are few), so concurrent moves and creates serialise. */
async function lockAll(tx: Db): Promise<RoutingRule[]> {
  return tx
    .select()
    .from(routingRules)
    .orderBy(asc(routingRules.position), asc(routingRules.name), asc(routingRules.id))
    .for('update');
}

/** A new rule, last in the order. */
export function createRule(db: Db, actor: Actor, raw: unknown): Promise<Result<RoutingRule>> {
  return runUseCase(db, ruleInputSchema, raw, async (tx, v) => {
    requirePermission(actor, 'admin');
    const all = await lockAll(tx);
    await checkName(tx, v.name);
    await checkReferences(tx, v);
    const position = all.reduce((max, r) => Math.max(max, r.position), 0) + 1;
    const [rule] = await tx
      .insert(routingRules)
      .values({
        name: v.name,
        runOn: v.runOn,
        active: v.active,
        stopProcessing: v.stopProcessing,
        position,
        ...stored(v),
      })
      .onConflictDoNothing()
      .returning();
    if (!rule) fail('invalid', TAKEN, { name: [TAKEN] });
    await recordAudit(tx, actor, {
      action: 'routing_rule.created',
      entityType: 'routing_rule',
      entityId: rule.id,
      entityLabel: rule.name,
      after: auditShape(rule),
    });
    return rule;
  });
}

const idSchema = z.uuid('Rule not found.');
const updateSchema = z.intersection(
  ruleInputSchema,
  z.object({ id: idSchema, version: z.coerce.number({ error: 'Reload the page.' }).int().positive() }),
);

async function lockRule(tx: Db, id: string, expectedVersion?: number): Promise<RoutingRule> {
  const [rule] = await tx.select().from(routingRules).where(eq(routingRules.id, id)).for('update');
  if (!rule) fail('not_found', 'Rule not found.');
  if (expectedVersion !== undefined && rule.version !== expectedVersion)
    fail(
      'conflict',
      `Rule ${rule.name} was changed by someone else. Reload to see the latest version, then try again.`,
    );
  return rule;
}

/** Saves an edited rule (refused when someone saved it since the form was loaded). */
export function updateRule(db: Db, actor: Actor, raw: unknown): Promise<Result<RoutingRule>> {
  return runUseCase(db, updateSchema, raw, async (tx, v) => {
    requirePermission(actor, 'admin');
    const rule = await lockRule(tx, v.id, v.version);
    await checkName(tx, v.name, rule.id);
    await checkReferences(tx, v);
    const next = { name: v.name, runOn: v.runOn, active: v.active, stopProcessing: v.stopProcessing, ...stored(v) };
    const before = auditShape(rule);
    const after = auditShape(next);
    const changedKeys = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    if (changedKeys.length === 0) return rule;
    const [updated] = await tx
      .update(routingRules)
      .set({ ...next, version: sql`${routingRules.version} + 1`, updatedAt: new Date() })
      .where(eq(routingRules.id, rule.id))
      .returning();
    if (!updated) throw new Error('rule update returned nothing');
    await recordAudit(tx, actor, {
      action: 'routing_rule.updated',
      entityType: 'routing_rule',
      entityId: rule.id,
      entityLabel: updated.name,
      before: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
      after: Object.fromEntries(changedKeys.map((k) => [k, after[k]])),
    });
    return updated;
  });
}

const activeSchema = z.object({ id: idSchema, active: checkbox });

/** Turns a rule on or off (an inactive rule is kept, in its place, and never runs). */
export function setRuleActive(db: Db, actor: Actor, raw: unknown): Promise<Result<RoutingRule>> {
  return runUseCase(db, activeSchema, raw, async (tx, v) => {
    requirePermission(actor, 'admin');
    const rule = await lockRule(tx, v.id);
    if (rule.active === v.active) return rule;
    const [updated] = await tx
      .update(routingRules)
      .set({ active: v.active, version: sql`${routingRules.version} + 1`, updatedAt: new Date() })
      .where(eq(routingRules.id, rule.id))
      .returning();
    if (!updated) throw new Error('rule update returned nothing');
    await recordAudit(tx, actor, {
      action: v.active ? 'routing_rule.activated' : 'routing_rule.deactivated',
      entityType: 'routing_rule',
      entityId: rule.id,
      entityLabel: rule.name,
      before: { active: rule.active },
      after: { active: v.active },
    });
    return updated;
  });
}

const moveSchema = z.object({ id: idSchema, direction: z.enum(['up', 'down'], { error: 'Choose up or down.' }) });

/** Moves a rule one place earlier or later (swaps with its neighbour); at either end nothing changes. */
export function moveRule(db: Db, actor: Actor, raw: unknown): Promise<Result<RoutingRule>> {
  return runUseCase(db, moveSchema, raw, async (tx, v) => {
    requirePermission(actor, 'admin');
    const all = await lockAll(tx);
    const at = all.findIndex((r) => r.id === v.id);
    if (at < 0) fail('not_found', 'Rule not found.');
    const other = all[v.direction === 'up' ? at - 1 : at + 1];
    const rule = all[at]!;
    if (!other) return rule;
    // Positions renumbered 1…n in the current order, with the two swapped: ties can never stick.
    const order = all.map((r) => r.id);
    order[at] = other.id;
    order[v.direction === 'up' ? at - 1 : at + 1] = rule.id;
    const moved = order.flatMap((id, i) =>
      all.find((r) => r.id === id)!.position === i + 1 ? [] : [{ id, position: i + 1 }],
    );
    if (moved.length > 0)
      await tx.execute(sql`
        update routing_rules set position = v.position, version = version + 1, updated_at = now()
        from (values ${sql.join(
          moved.map((m) => sql`(${m.id}::uuid, ${m.position}::int)`),
          sql`, `,
        )}) as v(id, position)
        where routing_rules.id = v.id`);
    await recordAudit(tx, actor, {
      action: 'routing_rule.moved',
      entityType: 'routing_rule',
      entityId: rule.id,
      entityLabel: rule.name,
      before: { place: at + 1 },
      after: { place: v.direction === 'up' ? at : at + 2 },
    });
    return rule;
  });
}

const deleteSchema = z.object({ id: idSchema, confirm: z.literal('yes', { error: 'Confirm the deletion.' }) });

/** Deletes a rule (after the form's confirmation). The events it wrote keep its name. */
export function deleteRule(db: Db, actor: Actor, raw: unknown): Promise<Result<{ name: string }>> {
  return runUseCase(db, deleteSchema, raw, async (tx, v) => {
    requirePermission(actor, 'admin');
    const rule = await lockRule(tx, v.id);
    await tx.delete(routingRules).where(eq(routingRules.id, rule.id));
    await recordAudit(tx, actor, {
      action: 'routing_rule.deleted',
      entityType: 'routing_rule',
      entityId: rule.id,
      entityLabel: rule.name,
      before: auditShape(rule),
    });
    return { name: rule.name };
  });
}

/** A rule with the names of what it refers to, for the list. */
export interface AdminRule extends RoutingRule {
  names: Record<string, string>;
}

export interface RuleChoices {
  teams: { id: string; name: string }[];
  categories: { id: string; name: string; retired: boolean }[];
  organizations: { id: string; name: string }[];
  agents: { id: string; name: string }[];
}

/** The rules in order, with the choices their forms offer (admins). */
export async function listRulesForAdmin(db: Db, actor: Actor): Promise<{ rules: AdminRule[]; choices: RuleChoices }> {
  requirePermission(actor, 'admin');
  const [rules, teamRows, categoryRows, organizationRows, agentRows] = await Promise.all([
    db.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.name), asc(routingRules.id)),
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
    db
      .select({ id: categories.id, name: categories.name, retiredAt: categories.retiredAt })
      .from(categories)
      .orderBy(asc(categories.name)),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.name)),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.active, true), ne(users.role, 'customer')))
      .orderBy(asc(users.name)),
  ]);
  const names: Record<string, string> = {};
  for (const r of [...teamRows, ...categoryRows, ...organizationRows, ...agentRows]) names[r.id] = r.name;
  return {
    rules: rules.map((r) => ({ ...r, names })),
    choices: {
      teams: teamRows,
      categories: categoryRows.map(({ retiredAt, ...c }) => ({ ...c, retired: retiredAt !== null })),
      organizations: organizationRows,
      agents: agentRows,
    },
  };
}

/** How many rules there are, active or not (the admin overview). */
export async function countRules(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(routingRules);
  return row?.n ?? 0;
}

/** "#1042", "1042" or " #1042 " → 1042. */
const requestNumber = z.preprocess((v) => (typeof v === 'string' ? v.trim().replace(/^#/, '') : v), ticketNumber);

const trySchema = z.object({
  number: z
    .preprocess((v) => (v === '' || v === undefined ? undefined : v), requestNumber.optional())
    .refine((v) => v !== undefined, 'Enter a request number, like #1042.'),
  trigger: z.enum(['created', 'updated'], { error: 'Choose creation or update.' }).optional().default('created'),
  includeInactive: checkbox,
});

export interface RuleTrial {
  number: number;
  subject: string;
  trigger: 'created' | 'updated';
  /** Every rule that ran for the trigger, in order, until one stopped the rest. */
  rules: { id: string; name: string; active: boolean; matched: boolean; stops: boolean; changes: DescribedChange[] }[];
  /** Rules after a stopping rule, not evaluated. */
  notReached: string[];
  /** Closed requests are read-only: no rule runs on them. */
  closed?: boolean;
}

/**
 * "Which rule would match #1042, and what would it do?": the rules run through the same matcher
 * and the same checks as for real, inside a transaction that writes nothing.
 */
export function tryRules(db: Db, actor: Actor, raw: unknown): Promise<Result<RuleTrial>> {
  return runUseCase(db, trySchema, raw, async (tx, v) => {
    requirePermission(actor, 'admin');
    const number = v.number!;
    const [ticket] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.number, number));
    if (!ticket)
      fail('not_found', `Request ${formatNumber(number)} was not found.`, {
        number: [`Request ${formatNumber(number)} was not found.`],
      });
    const rules = await loadRules(tx, { trigger: v.trigger, includeInactive: v.includeInactive });
    const activeRows = v.includeInactive
      ? await tx.select({ id: routingRules.id, active: routingRules.active }).from(routingRules)
      : [];
    const active = new Map(activeRows.map((r) => [r.id, r.active]));
    const [plan] = await planRules(tx, [ticket], v.trigger, { rules });
    const evaluations = plan?.outcome.evaluations ?? [];
    const evaluated = new Set(evaluations.map((e) => e.rule.id));
    const closed = ticket.status === 'closed';
    return {
      number: ticket.number,
      subject: ticket.subject,
      trigger: v.trigger,
      rules: evaluations.map((e) => ({
        ...e.rule,
        active: active.get(e.rule.id) ?? true,
        matched: e.matched,
        stops: e.stops,
        changes: plan!.described.filter((c) => c.rule.id === e.rule.id),
      })),
      notReached: closed ? [] : rules.filter((r) => !evaluated.has(r.id)).map((r) => r.name),
      ...(closed ? { closed: true } : {}),
    };
  });
}
