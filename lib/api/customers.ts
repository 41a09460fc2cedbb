import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, organizations, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { fail } from '@/lib/core/result';
import { createCustomer } from '@/lib/customers/create-customer';
import { ERASE_CONFIRMATION, eraseCustomer } from '@/lib/customers/anonymize-customer';
import { getCustomerProfile } from '@/lib/customers/get-profile';
import { mergeCustomers } from '@/lib/customers/merge-customers';
import { updateCustomer } from '@/lib/customers/update-customer';
import { searchTickets } from '@/lib/search/search-tickets';
import { plainText } from '@/lib/search/highlight';
import { errorReply, etagOf, replyOf, type Reply } from './handler';
import { customerOut, type mergeCustomerBody, type searchQuery, type updateCustomerBody } from './resources/customers';
import { apiGetTicket } from './tickets';

/** Customers, search and CERNs in the public API: the browser's use cases, the API's representation. */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function organizationName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  return row?.name ?? null;
}

export async function apiGetCustomer(db: Db, actor: Actor, id: string): Promise<Reply> {
  const profile = await getCustomerProfile(db, actor, id);
  const { organization, ...customer } = profile.customer;
  return {
    status: 200,
    headers: { ETag: etagOf(customer.version) },
    body: {
      customer: customerOut(customer, organization),
      tickets: profile.tickets.map((t) => ({
        ...t,
        createdAt: t.createdAt.toISOString(),
        resolvedAt: iso(t.resolvedAt),
      })),
      surveys: profile.surveys.map((s) => ({ ...s, answeredAt: iso(s.answeredAt) })),
    },
  };
}

export async function apiUpdateCustomer(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  body: z.output<typeof updateCustomerBody>,
): Promise<Reply> {
  const result = await updateCustomer(db, actor, {
    customerId: id,
    version,
    ...body,
    tags: body.tags?.join(','),
  });
  if (!result.ok && result.code === 'conflict' && !result.fieldErrors) {
    const [row] = await db.select({ version: customers.version }).from(customers).where(eq(customers.id, id));
    if (row && row.version !== version)
      return errorReply(
        412,
        'precondition_failed',
        `The customer is at version ${row.version}, not ${version}.`,
        undefined,
        {
          ETag: etagOf(row.version),
        },
      );
  }
  if (!result.ok) return replyOf(result);
  return {
    status: 200,
    headers: { ETag: etagOf(result.data.version) },
    body: { customer: customerOut(result.data, await organizationName(db, result.data.organizationId)) },
  };
}

export async function apiCreateCustomer(
  db: Db,
  actor: Actor,
  body: z.output<typeof updateCustomerBody>,
): Promise<Reply> {
  const result = await createCustomer(db, actor, { ...body, tags: body.tags?.join(',') });
  if (!result.ok) return replyOf(result);
  return {
    status: 201,
    headers: { ETag: etagOf(result.data.version), Location: `/api/v1/customers/${result.data.id}` },
    body: { customer: customerOut(result.data, await organizationName(db, result.data.organizationId)) },
  };
}

/** DELETE is the data-protection erasure (admins): the API call is the typed confirmation. */
export async function apiDeleteCustomer(db: Db, actor: Actor, id: string): Promise<Reply> {
  const result = await eraseCustomer(db, actor, { customerId: id, confirmation: ERASE_CONFIRMATION });
  return replyOf(result, 200, (erased) => ({
    customerId: erased.customerId,
    tickets: erased.tickets,
    attachments: erased.attachmentIds.length,
  }));
}

export async function apiMergeCustomer(
  db: Db,
  actor: Actor,
  id: string,
  body: z.output<typeof mergeCustomerBody>,
): Promise<Reply> {
  const result = await mergeCustomers(db, actor, { customerId: id, duplicate: body.duplicate });
  if (!result.ok) return replyOf(result);
  return {
    status: 200,
    body: {
      customer: customerOut(result.data.customer, await organizationName(db, result.data.customer.organizationId)),
      movedTickets: result.data.movedTickets,
    },
  };
}

export async function apiSearch(db: Db, actor: Actor, query: z.output<typeof searchQuery>): Promise<Reply> {
  const page = await searchTickets(db, actor, query);
  return {
    status: 200,
    body: {
      items: page.rows.map((r) => ({
        number: r.number,
        cern: r.cern,
        subject: r.subject,
        snippet: r.snippet === null ? null : plainText(r.snippet),
        customerName: r.customerName,
        teamName: r.teamName,
        status: r.status,
        priority: r.priority,
        createdAt: r.createdAt.toISOString(),
        matchedOn: r.matchedOn,
      })),
      next: page.next,
      correctedQuery: page.correctedQuery,
    },
  };
}

export async function apiGetCern(db: Db, actor: Actor, cern: string): Promise<Reply> {
  const [row] = await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.cern, cern.toUpperCase()));
  if (!row) fail('not_found', `No request has the CERN ${cern.toUpperCase()}.`);
  return apiGetTicket(db, actor, row.number);
}
