import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appSettings, categories, macros, teams, tickets } from '@/db/schema';
import { defaultSettings } from '@/lib/settings/settings';
import type { People } from './people';

const DAY = 86_400_000;

/** The retired category of the demo: old requests keep it, no form offers it. */
export const RETIRED_DEMO_CATEGORY = 'Fax orders';

/**
 * What /admin shows in the demo (issue 12): settings rows (the defaults, stored as an admin would
 * have saved them), shared macros and an agent's personal one, and a retired category that a few
 * old closed requests still carry. Runs after the tickets exist; draws no random numbers, so the
 * rest of the seed stays as it was.
 */
export async function seedOrg(tx: Db, people: People, now: Date): Promise<void> {
  const admin = people.staffByEmail.get('admin@demo.test');
  const lead = people.staffByEmail.get('lead@demo.test');
  const agent = people.staffByEmail.get('agent@demo.test');
  if (!admin || !lead || !agent) throw new Error('demo staff missing');

  const settings = defaultSettings();
  await tx.insert(appSettings).values(
    (Object.keys(settings) as (keyof typeof settings)[]).map((key) => ({
      key,
      value: settings[key],
      updatedBy: admin.id,
      updatedAt: new Date(now.getTime() - 400 * DAY),
    })),
  );

  const [billing] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, 'Billing'));
  const [retired] = await tx
    .insert(categories)
    .values({
      name: RETIRED_DEMO_CATEGORY,
      description: 'Orders sent by fax, before the web shop took them all.',
      defaultTeamId: billing?.id ?? null,
      retiredAt: new Date(now.getTime() - 30 * DAY),
      createdAt: new Date(now.getTime() - 460 * DAY),
    })
    .returning({ id: categories.id });
  if (!retired) throw new Error('retired category insert returned nothing');
  const old = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.status, 'closed'), lt(tickets.createdAt, new Date(now.getTime() - 60 * DAY))))
    .orderBy(asc(tickets.number))
    .limit(5);
  for (const t of old) await tx.update(tickets).set({ categoryId: retired.id }).where(eq(tickets.id, t.id));

  await tx.insert(macros).values([
    {
      title: 'Refund on its way',
      body: 'Hello {{customer.name}},\n\nWe have issued your refund for {{ticket.number}}. It reaches your account within 5 working days.\n\n{{agent.name}}',
      scope: 'shared',
      ownerId: admin.id,
      setStatus: 'pending',
    },
    {
      title: 'Need more details',
      body: 'Hello {{customer.name}},\n\nTo look into {{ticket.number}} we need a little more: when did it start, and what did you see on screen?\n\n{{agent.name}}',
      scope: 'shared',
      ownerId: lead.id,
      setStatus: 'pending',
    },
    {
      title: 'Escalated to engineering',
      body: 'Hello {{customer.name}},\n\nOur engineers are on {{ticket.number}} now. We will write as soon as we know more.\n\n{{agent.name}}',
      scope: 'shared',
      ownerId: admin.id,
      setStatus: 'on_hold',
      setPriority: 2,
    },
    {
      title: 'My sign-off',
      body: 'Thanks for your patience, {{customer.name}}.\n\n{{agent.name}}',
      scope: 'personal',
      ownerId: agent.id,
    },
  ]);
}
