import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, importKeys, organizationAliases, organizations, users } from '@/db/schema';
import type { Located, ParsedFile, Problem } from './parse';
import type { CustomerRow, OrganizationRow, TicketRow } from './rows';

/**
 * What an import would do with each row, given what the database holds now: the one rule the dry
 * run reports and the import job follows (the job asks again per batch, inside its transaction).
 *
 * - organizations: matched by name (unique; a merged-away name is its target's); new names are created.
 * - customers: matched by e-mail, else phone (as findOrCreateCustomer does); a match is kept as it
 *   is (skipped), a new one created.
 * - tickets: matched by (source, external id) in import_keys: an imported one is skipped whole,
 *   with its messages. Its customer must be in the file or already here, else it is a problem.
 * - message authors: the ticket's customer or another known customer → a customer message; a staff
 *   login → theirs; anyone else → an agent message without a Cairn author (listed in the report).
 */

export interface TicketDecision {
  create: Located<TicketRow>[];
  skip: Located<TicketRow>[];
  problems: Problem[];
  /** Author addresses that are neither staff nor customers. */
  unknownAuthors: string[];
}

/** External ids seen twice in one file: the first row counts, the rest are problems. */
export function duplicateProblems(parsed: ParsedFile): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const t of parsed.tickets) {
    const first = seen.get(t.row.external_id);
    if (first) problems.push({ at: t.at, message: `external_id ${t.row.external_id} is already used at ${first}.` });
    else seen.set(t.row.external_id, t.at);
  }
  return problems;
}

export function uniqueTickets(parsed: ParsedFile): Located<TicketRow>[] {
  const seen = new Set<string>();
  return parsed.tickets.filter((t) => !seen.has(t.row.external_id) && seen.add(t.row.external_id));
}

export async function existingOrganizations(tx: Db, rows: Located<OrganizationRow>[]): Promise<Set<string>> {
  const names = [...new Set(rows.map((r) => r.row.name))];
  if (names.length === 0) return new Set();
  const found = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.name, names));
  // A merged-away name leads to its target (organization_aliases): it is not created again.
  const merged = await tx
    .select({ name: organizationAliases.name })
    .from(organizationAliases)
    .where(inArray(organizationAliases.name, names));
  return new Set([...found, ...merged].map((f) => f.name));
}

/** The customers already here, by e-mail and by phone. */
export async function existingCustomers(
  tx: Db,
  emails: string[],
  phones: string[],
): Promise<{ byEmail: Map<string, string>; byPhone: Map<string, string> }> {
  const byEmail = new Map<string, string>();
  const byPhone = new Map<string, string>();
  const e = [...new Set(emails)];
  const p = [...new Set(phones)];
  if (e.length > 0)
    for (const c of await tx
      .select({ id: customers.id, email: customers.email })
      .from(customers)
      .where(inArray(customers.email, e)))
      if (c.email) byEmail.set(c.email, c.id);
  if (p.length > 0)
    for (const c of await tx
      .select({ id: customers.id, phone: customers.phone })
      .from(customers)
      .where(inArray(customers.phone, p)))
      if (c.phone) byPhone.set(c.phone, c.id);
  return { byEmail, byPhone };
}

export function customerExists(
  row: CustomerRow,
  existing: { byEmail: Map<string, string>; byPhone: Map<string, string> },
): string | undefined {
  return (
    (row.email ? existing.byEmail.get(row.email) : undefined) ??
    (row.phone ? existing.byPhone.get(row.phone) : undefined)
  );
}

export async function importedTickets(tx: Db, source: string, externalIds: string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await tx
    .select({ externalId: importKeys.externalId, entityId: importKeys.entityId })
    .from(importKeys)
    .where(
      and(eq(importKeys.source, source), eq(importKeys.kind, 'ticket'), inArray(importKeys.externalId, externalIds)),
    );
  return new Map(rows.map((r) => [r.externalId, r.entityId]));
}

/** Staff logins by address (customers' own logins are not authors of agent messages). */
export async function staffByEmail(tx: Db, emails: string[]): Promise<Map<string, string>> {
  const e = [...new Set(emails)];
  if (e.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(inArray(users.email, e));
  return new Map(rows.filter((r) => r.role !== 'customer').map((r) => [r.email, r.id]));
}

/**
 * The tickets to create and to skip. `fileCustomers` are the e-mail addresses the file itself
 * brings (created before the tickets), `customerIds` those already here.
 */
export async function decideTickets(
  tx: Db,
  source: string,
  tickets: Located<TicketRow>[],
  fileCustomers: Set<string>,
): Promise<TicketDecision> {
  const imported = await importedTickets(
    tx,
    source,
    tickets.map((t) => t.row.external_id),
  );
  const authorEmails = tickets.flatMap((t) => t.row.messages.map((m) => m.author_email));
  const known = await existingCustomers(tx, [...tickets.map((t) => t.row.customer_email), ...authorEmails], []);
  const staff = await staffByEmail(tx, authorEmails);
  const decision: TicketDecision = { create: [], skip: [], problems: [], unknownAuthors: [] };
  const unknown = new Set<string>();
  for (const t of tickets) {
    if (imported.has(t.row.external_id)) {
      decision.skip.push(t);
      continue;
    }
    if (!fileCustomers.has(t.row.customer_email) && !known.byEmail.has(t.row.customer_email)) {
      decision.problems.push({
        at: t.at,
        message: `customer_email: ${t.row.customer_email} is not a customer in this file or in Cairn.`,
      });
      continue;
    }
    const early = t.row.messages.findIndex((m) => m.created_at < t.row.created_at);
    if (early >= 0) {
      decision.problems.push({ at: t.at, message: `messages[${early}] is dated before the ticket was created.` });
      continue;
    }
    if (!t.row.description && t.row.messages.length === 0) {
      decision.problems.push({ at: t.at, message: 'needs a description or at least one message.' });
      continue;
    }
    for (const m of t.row.messages)
      if (
        m.author_email !== t.row.customer_email &&
        !fileCustomers.has(m.author_email) &&
        !known.byEmail.has(m.author_email) &&
        !staff.has(m.author_email)
      )
        unknown.add(m.author_email);
    decision.create.push(t);
  }
  decision.unknownAuthors = [...unknown].sort();
  return decision;
}
