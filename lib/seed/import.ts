import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { importKeys, ticketEvents, users } from '@/db/schema';
import { checkImportFile } from '@/lib/import/imports';
import { runImport } from '@/lib/import/run-import';

const DAY = 86_400_000;

/**
 * Moving in (issue 15): the admin once imported three requests from the old helpdesk ("oldesk"),
 * so /admin/import lists a finished import with its report, and #… of ZD-4711 shows
 * "Imported from oldesk as ZD-4711" and is found by searching ZD-4711.
 */
export async function seedImport(
  db: Db,
  now: Date,
): Promise<{ customers: number; tickets: number; messages: number; events: number }> {
  const at = (days: number, hours = 0) => new Date(now.getTime() - days * DAY + hours * 3_600_000).toISOString();
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@demo.test'));
  const file = {
    organizations: [{ external_id: 'org-7', name: 'Northwind Traders', domain: 'northwind.example' }],
    customers: [
      {
        external_id: 'u-1001',
        name: 'Maria Anders',
        email: 'maria.anders@northwind.example',
        organization: 'Northwind Traders',
      },
    ],
    tickets: [
      {
        external_id: 'ZD-4711',
        subject: 'Invoice shows the wrong VAT rate',
        status: 'solved',
        priority: 'high',
        channel: 'email',
        created_at: at(120),
        resolved_at: at(119),
        customer_email: 'maria.anders@northwind.example',
        messages: [
          {
            author_email: 'maria.anders@northwind.example',
            body: 'Our invoice charges VAT on exempt items.',
            created_at: at(120),
          },
          {
            author_email: 'former.agent@oldesk.example',
            body: 'Finance confirms the rate table was wrong.',
            internal: true,
            created_at: at(120, 2),
          },
          {
            author_email: 'agent@demo.test',
            body: 'Sorry about that. A corrected invoice is on its way.',
            created_at: at(119),
          },
        ],
      },
      {
        external_id: 'ZD-4720',
        subject: 'Bulk discount for 500 units?',
        status: 'pending',
        priority: 'normal',
        channel: 'web',
        created_at: at(100),
        customer_email: 'maria.anders@northwind.example',
        messages: [
          {
            author_email: 'maria.anders@northwind.example',
            body: 'Do you offer a discount for 500 units?',
            created_at: at(100),
          },
          { author_email: 'agent@demo.test', body: 'Which product line is it for?', created_at: at(100, 3) },
        ],
      },
    ],
  };
  const checked = await checkImportFile(
    db,
    admin ? { userId: admin.id, role: 'admin', name: admin.name, email: admin.email, customerId: null } : null,
    {
      fileName: 'oldesk-export.json',
      content: JSON.stringify(file, null, 2),
      source: 'oldesk',
    },
  );
  if (!checked.ok) throw new Error(`seed import: ${checked.message}`);
  const outcome = await runImport(db, checked.data.runId);
  if (!outcome) throw new Error('seed import: the run vanished');
  const ids = (
    await db
      .select({ id: importKeys.entityId })
      .from(importKeys)
      .where(and(eq(importKeys.source, 'oldesk'), eq(importKeys.kind, 'ticket')))
  ).map((k) => k.id);
  const events = ids.length
    ? (await db.select({ id: ticketEvents.id }).from(ticketEvents).where(inArray(ticketEvents.ticketId, ids))).length
    : 0;
  return { customers: outcome.customers, tickets: outcome.tickets, messages: outcome.messages, events };
}
