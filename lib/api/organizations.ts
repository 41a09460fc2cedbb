import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getOrganization, listOrganizations, type OrganizationRow } from '@/lib/organizations/read-organizations';
import { deleteOrganization, mergeOrganizations } from '@/lib/organizations/remove-organization';
import { createOrganization, updateOrganization } from '@/lib/organizations/save-organization';
import { replyOf, type Reply } from './handler';
import type { organizationBody, organizationSchema } from './resources/organizations';

/** Organizations in the public API: lib/organizations' use cases, the API's representation. */

const out = <T extends OrganizationRow>(o: T): z.input<typeof organizationSchema> & Omit<T, keyof OrganizationRow> => ({
  ...o,
  createdAt: o.createdAt.toISOString(),
});

export async function apiListOrganizations(
  db: Db,
  actor: Actor,
  query: { after?: string; limit: number },
): Promise<Reply> {
  return replyOf(await listOrganizations(db, actor, query), 200, (page) => ({
    items: page.rows.map(out),
    next: page.next,
  }));
}

export async function apiGetOrganization(db: Db, actor: Actor, id: string): Promise<Reply> {
  return replyOf(await getOrganization(db, actor, id), 200, (o) => ({ organization: out(o) }));
}

export async function apiCreateOrganization(
  db: Db,
  actor: Actor,
  body: z.output<typeof organizationBody>,
): Promise<Reply> {
  const result = await createOrganization(db, actor, body);
  if (!result.ok) return replyOf(result);
  return {
    status: 201,
    headers: { Location: `/api/v1/organizations/${result.data.id}` },
    body: { organization: out(result.data) },
  };
}

export async function apiUpdateOrganization(
  db: Db,
  actor: Actor,
  id: string,
  body: z.output<typeof organizationBody>,
): Promise<Reply> {
  return replyOf(await updateOrganization(db, actor, { organizationId: id, ...body }), 200, (o) => ({
    organization: out(o),
  }));
}

export async function apiDeleteOrganization(db: Db, actor: Actor, id: string): Promise<Reply | Response> {
  const result = await deleteOrganization(db, actor, { organizationId: id });
  if (!result.ok) return replyOf(result);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}

export async function apiMergeOrganization(db: Db, actor: Actor, id: string, duplicate: string): Promise<Reply> {
  const merged = await mergeOrganizations(db, actor, { organizationId: duplicate, into: id });
  if (!merged.ok) return replyOf(merged);
  return replyOf(await getOrganization(db, actor, id), 200, (o) => ({
    organization: out(o),
    movedCustomers: merged.data.movedCustomers,
  }));
}
