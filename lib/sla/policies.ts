/**
 * Which SLA policy applies to a request, and the targets it gives (issue 14). The most specific
 * active policy for the request's priority wins: organization + category, then organization, then
 * category, then priority only. Without one, the built-in defaults (SLA_TARGETS, round the clock).
 *
 * The save path loads everything it needs in ONE statement per save (`loadSlaContext`: the active
 * policies and those the saved tickets name, every calendar with its holidays, the customers'
 * organizations), then stays pure (`planChange` is synchronous). Policies and calendars are a few
 * dozen rows, so no cache: several app instances run, and a fresh read needs no invalidation.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jsonValue, readJson, type JsonRead } from '@/lib/core/read-together';
import type { OpeningHours } from '@/db/sla-schema';
import type { Priority } from '@/lib/priority/priority';
import type { Calendar } from './business-hours';
import { SLA_TARGETS, type SlaTargets } from './targets';

export interface PolicyRule {
  id: string;
  name: string;
  priority: number;
  categoryId: string | null;
  organizationId: string | null;
  calendarId: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warnAtPercent: number | null;
  escalateOnBreach: boolean;
  active: boolean;
}

export interface CalendarRule extends Calendar {
  id: string;
  name: string;
}

/** What the save path needs to compute due times, loaded once per save. */
export interface SlaContext {
  policies: readonly PolicyRule[];
  calendars: ReadonlyMap<string, CalendarRule>;
  /** The organization of a customer record (null: none, or not loaded). */
  organizationOf(customerId: string | null): string | null;
}

/** No policies: the built-in defaults everywhere (tests, tools that do not load a context). */
export const DEFAULT_SLA_CONTEXT: SlaContext = { policies: [], calendars: new Map(), organizationOf: () => null };

export interface PolicyScope {
  priority: number;
  categoryId: string | null;
  organizationId: string | null;
}

/** How specific a policy is (higher wins); -1 when it does not apply to the scope. */
export function specificity(policy: PolicyRule, scope: PolicyScope): number {
  if (!policy.active || policy.priority !== scope.priority) return -1;
  if (policy.categoryId !== null && policy.categoryId !== scope.categoryId) return -1;
  if (policy.organizationId !== null && policy.organizationId !== scope.organizationId) return -1;
  return (policy.organizationId ? 2 : 0) + (policy.categoryId ? 1 : 0);
}

/** The most specific active policy for the scope, or null (built-in defaults). */
export function choosePolicy(policies: readonly PolicyRule[], scope: PolicyScope): PolicyRule | null {
  let best: PolicyRule | null = null;
  let bestScore = -1;
  for (const p of policies) {
    const score = specificity(p, scope);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

/** The targets of a policy (its calendar from the context), or the defaults for the priority. */
export function targetsOf(ctx: SlaContext, policy: PolicyRule | null, priority: number): SlaTargets {
  if (!policy) {
    const d = SLA_TARGETS[priority as Priority] ?? SLA_TARGETS[3];
    return {
      policyId: null,
      firstResponseMinutes: d.firstResponseHours * 60,
      resolutionMinutes: d.resolutionHours * 60,
      warnAtPercent: null,
      calendar: null,
    };
  }
  return {
    policyId: policy.id,
    firstResponseMinutes: policy.firstResponseMinutes,
    resolutionMinutes: policy.resolutionMinutes,
    warnAtPercent: policy.warnAtPercent,
    calendar: policy.calendarId ? (ctx.calendars.get(policy.calendarId) ?? null) : null,
  };
}

/** The targets for a request in this scope. */
export function targetsFor(ctx: SlaContext, scope: PolicyScope): SlaTargets {
  return targetsOf(ctx, choosePolicy(ctx.policies, scope), scope.priority);
}

/** The calendar a request's clock runs on now: its policy's (null: round the clock). */
export function calendarOfPolicy(ctx: SlaContext, policyId: string | null): Calendar | null {
  if (!policyId) return null;
  const policy = ctx.policies.find((p) => p.id === policyId);
  return policy?.calendarId ? (ctx.calendars.get(policy.calendarId) ?? null) : null;
}

const uuidArray = (ids: Iterable<string>) => `{${[...new Set(ids)].join(',')}}`;

/**
 * Active policies plus those named in `policyIds` (a ticket keeps its clock's calendar after its
 * policy is deactivated), every calendar with its holidays, and the organizations of
 * `customerIds`: one JSON value, for a caller that reads it together with others (lib/core/read-together.ts).
 */
export function slaContextRead({
  policyIds = [],
  customerIds = [],
}: {
  policyIds?: Iterable<string>;
  customerIds?: Iterable<string>;
}): JsonRead<SlaContext> {
  return {
    sql: sql`json_build_object(
      'policies', (select coalesce(json_agg(json_build_object(
          'id', p.id, 'name', p.name, 'priority', p.priority, 'categoryId', p.category_id,
          'organizationId', p.organization_id, 'calendarId', p.calendar_id,
          'firstResponseMinutes', p.first_response_minutes, 'resolutionMinutes', p.resolution_minutes,
          'warnAtPercent', p.warn_at_percent, 'escalateOnBreach', p.escalate_on_breach, 'active', p.active)), '[]')
        from sla_policies p where p.active or p.id = any(${uuidArray(policyIds)}::uuid[])),
      'calendars', (select coalesce(json_agg(json_build_object(
          'id', c.id, 'name', c.name, 'timeZone', c.time_zone, 'hours', c.hours,
          'holidays', (select coalesce(json_agg(h.day::text), '[]') from calendar_holidays h where h.calendar_id = c.id))), '[]')
        from business_calendars c),
      'customers', (select coalesce(json_agg(json_build_array(cu.id, cu.organization_id)), '[]')
        from customers cu where cu.id = any(${uuidArray(customerIds)}::uuid[])))`,
    parse(value) {
      const row = jsonValue<{ policies: unknown; calendars: unknown; customers: unknown }>(value);
      const calendars = jsonValue<
        { id: string; name: string; timeZone: string; hours: OpeningHours; holidays: string[] }[]
      >(row.calendars);
      const orgs = new Map(jsonValue<[string, string | null][]>(row.customers));
      return {
        policies: jsonValue<PolicyRule[]>(row.policies),
        calendars: new Map(calendars.map((c) => [c.id, { ...c, holidays: new Set(c.holidays) }])),
        organizationOf: (id) => (id ? (orgs.get(id) ?? null) : null),
      };
    },
  };
}

/** `slaContextRead` on its own: one statement. */
export function loadSlaContext(
  tx: Db,
  scope: { policyIds?: Iterable<string>; customerIds?: Iterable<string> },
): Promise<SlaContext> {
  return readJson(tx, slaContextRead(scope));
}
