import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * A few notifications for agent@demo.test, so the bell has something to show: three unread (an
 * assignment by the lead, a customer's reply, an @mention by agent2) and one read CERN change,
 * on requests assigned to them. Runs inside the seed's transaction, after the requests.
 */
export async function seedNotifications(tx: Db, now: Date): Promise<void> {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  await tx.execute(sql`
    with agent as (select id from users where email = 'agent@demo.test'),
    lead as (select id, name from users where email = 'lead@demo.test'),
    agent2 as (select id, name from users where email = 'agent2@demo.test'),
    mine as (
      select t.id, t.cern, row_number() over (order by (t.cern is not null) desc, t.number desc) as n
      from tickets t, agent
      where t.assignee_id = agent.id and t.status in ('open', 'pending', 'on_hold', 'new')
    )
    insert into notifications (user_id, ticket_id, kind, actor_user_id, summary, created_at, read_at)
    select agent.id, mine.id, v.kind::notification_kind, v.actor, v.summary, v.created_at::timestamptz, v.read_at::timestamptz
    from agent, lead, agent2, mine
    join lateral (
      values
        (2, 'assigned', lead.id, 'Assigned to you by ' || lead.name, ${at(12)}, null),
        (3, 'customer_replied', null::uuid, 'The customer replied', ${at(47)}, null),
        (4, 'mentioned', agent2.id, agent2.name || ' mentioned you: “@agent could you check the customer''s last order?”', ${at(95)}, null),
        (1, 'cern_changed', lead.id, coalesce(mine.cern, 'The exception') || ' is now pending by ' || lead.name, ${at(300)}, ${at(240)})
    ) as v(n, kind, actor, summary, created_at, read_at) on v.n = mine.n
  `);
}
