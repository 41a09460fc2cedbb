import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  organizations,
  routingRules,
  teams,
  type RuleActions,
  type RuleConditions,
  type RuleTrigger,
} from '@/db/schema';

/**
 * The demo's routing rules (issue 14). Narrow on purpose, so requests made by hand in the demo
 * (and by the end-to-end tests) stay where their category puts them: billing words route only
 * e-mails, key accounts are two organizations, and the outage rule is inactive. The demo's
 * e-mailed request (lib/seed/inbound.ts, which runs after this) is routed by the first rule for
 * real, so its timeline reads "Rule 'Billing e-mails' set team Billing". Inserts no events itself.
 */
export async function seedRoutingRules(tx: Db, now: Date): Promise<void> {
  const teamRows = await tx.select({ id: teams.id, name: teams.name }).from(teams);
  const orgRows = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(inArray(organizations.name, ['Northwind Traders', 'Meridian Health Clinic']));
  const team = (name: string) => teamRows.find((t) => t.name === name)?.id;
  const rules: {
    name: string;
    runOn: RuleTrigger;
    active?: boolean;
    stopProcessing?: boolean;
    conditions: RuleConditions;
    actions: RuleActions;
  }[] = [
    {
      name: 'Billing e-mails',
      runOn: 'created',
      conditions: { channels: ['email'], words: ['invoice', 'refund', 'charged', 'payment', 'VAT', 'Rechnung'] },
      actions: { teamId: team('Billing'), tags: ['billing'] },
    },
    {
      name: 'Key accounts',
      runOn: 'created',
      conditions: { organizationIds: orgRows.map((o) => o.id) },
      actions: { priority: 2, tags: ['key-account'] },
    },
    { name: 'Phone requests', runOn: 'created', conditions: { channels: ['phone'] }, actions: { tags: ['phone'] } },
    {
      name: 'Possible outage',
      runOn: 'both',
      active: false,
      stopProcessing: true,
      conditions: { words: ['outage', 'data loss', 'down for everyone'] },
      actions: { priority: 1, exceptionCandidate: true },
    },
  ];
  await tx.insert(routingRules).values(
    rules.map((r, i) => ({
      ...r,
      actions: Object.fromEntries(Object.entries(r.actions).filter(([, v]) => v !== undefined)) as RuleActions,
      position: i + 1,
      active: r.active ?? true,
      stopProcessing: r.stopProcessing ?? false,
      createdAt: now,
      updatedAt: now,
    })),
  );
}
