import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  customers,
  importKeys,
  importRuns,
  messages,
  organizations,
  ticketEvents,
  tickets,
  type ImportRun,
  type Stage,
} from '@/db/schema';
import { organizationIdsByNames } from '@/lib/organizations/organization-by-name';
import { DEFAULT_FOLLOW_UP_DAYS } from '@/lib/pipeline/auto-close';
import {
  customerExists,
  decideTickets,
  duplicateProblems,
  existingCustomers,
  existingOrganizations,
  staffByEmail,
  uniqueTickets,
} from './decide';
import { parseImportFile, type Located, type Problem } from './parse';
import { organizationNames, REPORT_PROBLEMS } from './report';
import type { TicketRow } from './rows';

/** Tickets per transaction: a batch is imported whole or not at all. */
export const TICKET_BATCH = 50;
const CUSTOMER_BATCH = 200;
/** Messages per INSERT (8 parameters a row, well under PostgreSQL's 65,535). */
const MESSAGE_ROWS = 1000;

export interface ImportOutcome {
  organizations: number;
  customers: number;
  tickets: number;
  messages: number;
  skippedTickets: number;
  problems: Problem[];
  problemCount: number;
  /** Cairn numbers of the first tickets created. */
  numbers: number[];
}

/**
 * The import job (`import.run`): writes what the dry run reported, organizations first, then
 * customers, then tickets in batches of TICKET_BATCH, each batch in one transaction that asks
 * again what exists (lib/import/decide.ts) under an advisory lock per source, so a retried job or
 * the same file imported twice creates nothing twice. A batch the database refuses is rolled back
 * whole and reported; the rest go on. Progress (`processed` of `total`) is saved after each batch.
 */
export async function runImport(db: Db, runId: string): Promise<ImportOutcome | null> {
  const [run] = await db.select().from(importRuns).where(eq(importRuns.id, runId));
  if (!run) return null;
  if (run.status === 'done') return run.outcome as unknown as ImportOutcome;
  const parsed = parseImportFile(run.fileName, run.content);
  const ticketRows = uniqueTickets(parsed);
  const outcome: ImportOutcome = {
    organizations: 0,
    customers: 0,
    tickets: 0,
    messages: 0,
    skippedTickets: 0,
    problems: [...parsed.problems, ...duplicateProblems(parsed)],
    problemCount: 0,
    numbers: [],
  };
  const total = parsed.customers.length + ticketRows.length;
  await db
    .update(importRuns)
    .set({ status: 'running', startedAt: new Date(), total, processed: 0, error: null })
    .where(eq(importRuns.id, runId));
  try {
    outcome.organizations = await db.transaction((tx) => importOrganizations(tx as unknown as Db, run, parsed));
    let processed = 0;
    for (let i = 0; i < parsed.customers.length; i += CUSTOMER_BATCH) {
      const batch = parsed.customers.slice(i, i + CUSTOMER_BATCH);
      try {
        outcome.customers += await db.transaction((tx) => importCustomers(tx as unknown as Db, run, batch));
      } catch (error) {
        for (const c of batch) outcome.problems.push({ at: c.at, message: `Not imported: ${reason(error)}` });
      }
      processed += batch.length;
      await progress(db, runId, processed);
    }
    for (let i = 0; i < ticketRows.length; i += TICKET_BATCH) {
      const batch = ticketRows.slice(i, i + TICKET_BATCH);
      try {
        const done = await db.transaction((tx) => importTickets(tx as unknown as Db, run, batch));
        outcome.tickets += done.created;
        outcome.messages += done.messages;
        outcome.skippedTickets += done.skipped;
        outcome.problems.push(...done.problems);
        if (outcome.numbers.length < 20) outcome.numbers.push(...done.numbers.slice(0, 20 - outcome.numbers.length));
      } catch (error) {
        for (const t of batch)
          outcome.problems.push({ at: t.at, message: `Not imported (its batch was refused): ${reason(error)}` });
      }
      processed += batch.length;
      await progress(db, runId, processed);
    }
  } catch (error) {
    await db
      .update(importRuns)
      .set({ status: 'failed', error: reason(error), finishedAt: new Date() })
      .where(eq(importRuns.id, runId));
    throw error;
  }
  outcome.problemCount = outcome.problems.length;
  outcome.problems = outcome.problems.slice(0, REPORT_PROBLEMS);
  await db
    .update(importRuns)
    .set({ status: 'done', outcome: outcome as unknown as Record<string, unknown>, finishedAt: new Date() })
    .where(eq(importRuns.id, runId));
  return outcome;
}

const reason = (error: unknown) => (error instanceof Error ? error.message.slice(0, 300) : 'unknown error');

async function progress(db: Db, runId: string, processed: number): Promise<void> {
  await db.update(importRuns).set({ processed }).where(eq(importRuns.id, runId));
}

/** Serialises imports of one source: two runs of one file never both find a ticket missing. */
const lockSource = (tx: Db, source: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${source}`}))`);

async function importOrganizations(
  tx: Db,
  run: ImportRun,
  parsed: ReturnType<typeof parseImportFile>,
): Promise<number> {
  await lockSource(tx, run.source);
  const domains = new Map(parsed.organizations.map((o) => [o.row.name, o.row.domain]));
  // A name merged into another organization leads there (organization_aliases): never created again.
  const known = await existingOrganizations(
    tx,
    organizationNames(parsed).map((name) => ({ at: '', row: { name, domain: null, external_id: null } })),
  );
  const names = organizationNames(parsed).filter((name) => !known.has(name));
  const created =
    names.length === 0
      ? []
      : await tx
          .insert(organizations)
          .values(names.map((name) => ({ name, domain: domains.get(name) ?? null })))
          .onConflictDoNothing({ target: organizations.name })
          .returning({ id: organizations.id });
  const keyed = parsed.organizations.filter((o) => o.row.external_id !== null);
  if (keyed.length > 0) {
    const byName = await organizationIdsByNames(
      tx,
      keyed.map((o) => o.row.name),
    );
    await tx
      .insert(importKeys)
      .values(
        keyed.flatMap((o) => {
          const id = byName.get(o.row.name);
          return id
            ? [
                {
                  source: run.source,
                  kind: 'organization' as const,
                  externalId: o.row.external_id!,
                  entityId: id,
                  runId: run.id,
                },
              ]
            : [];
        }),
      )
      .onConflictDoNothing();
  }
  return created.length;
}

async function importCustomers(
  tx: Db,
  run: ImportRun,
  batch: ReturnType<typeof parseImportFile>['customers'],
): Promise<number> {
  await lockSource(tx, run.source);
  const here = await existingCustomers(
    tx,
    batch.map((c) => c.row.email).filter((e): e is string => e !== null),
    batch.map((c) => c.row.phone).filter((p): p is string => p !== null),
  );
  const orgNames = [...new Set(batch.map((c) => c.row.organization).filter((o): o is string => o !== null))];
  // Held until the batch commits, so an organization merged or deleted meanwhile is either seen
  // as such (its target, or none) or waits for this batch: never a foreign key violation.
  const orgId = await organizationIdsByNames(tx, orgNames);
  // One INSERT for the new customers and one for the keys (ids made here; a second row of the
  // same person within the batch finds the first through `here`, as it would in the database).
  const fresh: (typeof customers.$inferInsert)[] = [];
  const keys: (typeof importKeys.$inferInsert)[] = [];
  for (const { row } of batch) {
    let id = customerExists(row, here);
    if (!id) {
      id = randomUUID();
      fresh.push({
        id,
        name: row.name,
        email: row.email,
        phone: row.phone,
        organizationId: row.organization ? (orgId.get(row.organization) ?? null) : null,
        ...(row.created_at ? { createdAt: row.created_at } : {}),
      });
      if (row.email) here.byEmail.set(row.email, id);
      if (row.phone) here.byPhone.set(row.phone, id);
    }
    if (row.external_id)
      keys.push({ source: run.source, kind: 'customer', externalId: row.external_id, entityId: id, runId: run.id });
  }
  if (fresh.length > 0) await tx.insert(customers).values(fresh);
  if (keys.length > 0) await tx.insert(importKeys).values(keys).onConflictDoNothing();
  return fresh.length;
}

const stageOf = (status: TicketRow['status']): Stage =>
  status === 'new' ? 'inquiry' : status === 'resolved' || status === 'closed' ? 'follow_up' : 'identification';

/**
 * A ticket's own times from the file. A resolved ticket whose follow-up window has passed comes in
 * closed at the window's end, as auto-close would have closed it, so no closure mail goes out now.
 */
export function ticketTimes(t: TicketRow, now = new Date()) {
  const last = t.messages.reduce((max, m) => (m.created_at > max ? m.created_at : max), t.created_at);
  const done = t.status === 'resolved' || t.status === 'closed';
  const resolvedAt = done ? (t.resolved_at ?? t.closed_at ?? last) : null;
  const windowEnd = resolvedAt ? new Date(resolvedAt.getTime() + DEFAULT_FOLLOW_UP_DAYS * 86_400_000) : null;
  const lapsed = t.status === 'resolved' && windowEnd !== null && windowEnd < now;
  const status = lapsed ? ('closed' as const) : t.status;
  const closedAt = status === 'closed' ? (t.closed_at ?? (lapsed ? windowEnd : resolvedAt)) : null;
  const updatedAt = [t.created_at, last, resolvedAt, closedAt].reduce<Date>(
    (max, d) => (d && d > max ? d : max),
    t.created_at,
  );
  return { status, resolvedAt, closedAt, updatedAt };
}

async function importTickets(
  tx: Db,
  run: ImportRun,
  batch: Located<TicketRow>[],
): Promise<{ created: number; skipped: number; messages: number; problems: Problem[]; numbers: number[] }> {
  await lockSource(tx, run.source);
  const decision = await decideTickets(tx, run.source, batch, new Set());
  const emails = decision.create.flatMap((t) => [t.row.customer_email, ...t.row.messages.map((m) => m.author_email)]);
  const people = await existingCustomers(tx, emails, []);
  const staff = await staffByEmail(tx, emails);
  // Multi-row statements per batch (ids made here, so each row finds its ticket): a ticket,
  // its messages, history and key cost no statement of their own.
  const planned = decision.create.map(({ row }) => {
    const customerId = people.byEmail.get(row.customer_email)!;
    const times = ticketTimes(row);
    const authored = row.messages.map((m) => {
      const customer = m.author_email === row.customer_email ? customerId : people.byEmail.get(m.author_email);
      return customer
        ? { m, kind: 'customer' as const, customerId: customer, userId: null }
        : { m, kind: 'agent' as const, customerId: null, userId: staff.get(m.author_email) ?? null };
    });
    const agentReplies = authored.filter((a) => a.kind === 'agent' && !a.m.internal);
    const firstReply = agentReplies.reduce<Date | null>(
      (min, a) => (min === null || a.m.created_at < min ? a.m.created_at : min),
      null,
    );
    return { id: randomUUID(), row, customerId, times, authored, agentReplies, firstReply };
  });
  if (planned.length === 0)
    return { created: 0, skipped: decision.skip.length, messages: 0, problems: decision.problems, numbers: [] };

  const inserted = await tx
    .insert(tickets)
    .values(
      planned.map(({ id, row, customerId, times, agentReplies, firstReply }) => ({
        id,
        subject: row.subject,
        description: row.description ?? row.messages[0]?.body ?? row.subject,
        channel: row.channel,
        stage: stageOf(times.status),
        status: times.status,
        priority: row.priority,
        customerId,
        acknowledgedAt: row.created_at,
        firstResponseAt: firstReply,
        publicReplyCount: agentReplies.length,
        resolvedAt: times.resolvedAt,
        closedAt: times.closedAt,
        createdAt: row.created_at,
        updatedAt: times.updatedAt,
      })),
    )
    .returning({ id: tickets.id, number: tickets.number });
  const numberOf = new Map(inserted.map((t) => [t.id, t.number]));
  const numbers = planned.map((p) => numberOf.get(p.id)!);

  // The customer was on file in the old helpdesk since their first request there at the latest.
  const firstSeen = new Map<string, Date>();
  for (const { customerId, row } of planned) {
    const seen = firstSeen.get(customerId);
    if (!seen || row.created_at < seen) firstSeen.set(customerId, row.created_at);
  }
  await tx.execute(sql`
    update customers c set created_at = v.at
    from jsonb_to_recordset(${JSON.stringify([...firstSeen].map(([id, at]) => ({ id, at })))}::jsonb)
      as v(id uuid, at timestamptz)
    where c.id = v.id and c.created_at > v.at`);

  const messageRows = planned.flatMap(({ id, row, authored }) =>
    authored.map((a) => ({
      ticketId: id,
      authorKind: a.kind,
      authorUserId: a.userId,
      authorCustomerId: a.customerId,
      body: a.m.body,
      visibility: a.m.internal ? ('internal' as const) : ('public' as const),
      channel: row.channel,
      createdAt: a.m.created_at,
    })),
  );
  for (let i = 0; i < messageRows.length; i += MESSAGE_ROWS)
    await tx.insert(messages).values(messageRows.slice(i, i + MESSAGE_ROWS));

  // Written directly, not through appendEvents: an import rings no bells and mails nobody.
  await tx.insert(ticketEvents).values(
    planned.flatMap(({ id, row, times }) => {
      const imported = { source: run.source, externalId: row.external_id };
      return [
        { ticketId: id, type: 'created', toValue: row.channel, data: { imported }, createdAt: row.created_at },
        ...(times.resolvedAt
          ? [{ ticketId: id, type: 'resolved', toValue: 'resolved', createdAt: times.resolvedAt }]
          : []),
        ...(times.closedAt ? [{ ticketId: id, type: 'closed', toValue: 'closed', createdAt: times.closedAt }] : []),
        {
          ticketId: id,
          type: 'imported',
          actorUserId: run.createdBy,
          toValue: row.external_id,
          data: { ...imported, runId: run.id },
        },
      ];
    }),
  );
  await tx.insert(importKeys).values(
    planned.map(({ id, row }) => ({
      source: run.source,
      kind: 'ticket' as const,
      externalId: row.external_id,
      entityId: id,
      runId: run.id,
    })),
  );
  const messageCount = messageRows.length;
  return {
    created: decision.create.length,
    skipped: decision.skip.length,
    messages: messageCount,
    problems: decision.problems,
    numbers,
  };
}
