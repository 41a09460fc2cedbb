import { z } from 'zod';
import { and, asc, count, eq, gt, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, organizations } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { attempt, fail, type Result } from '@/lib/core/result';

export interface OrganizationRow {
  id: string;
  name: string;
  domain: string | null;
  createdAt: Date;
}
export interface OrganizationDetail extends OrganizationRow {
  customerCount: number;
}

const columns = {
  id: organizations.id,
  name: organizations.name,
  domain: organizations.domain,
  createdAt: organizations.createdAt,
};

/** The cursor of a page: the last row's (name, id), so the next page starts after it. */
const cursorOf = (row: OrganizationRow): string =>
  Buffer.from(JSON.stringify([row.name, row.id])).toString('base64url');

function parseCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      z.uuid().safeParse(value[1]).success &&
      !value[0].includes('\u0000')
    )
      return [value[0], value[1]];
  } catch {
    // fall through
  }
  fail('invalid', 'The cursor is not one this API gave you.', { after: ['Pass the `next` of the previous page.'] });
}

/**
 * Organizations by name, a page at a time (keyset on the unique name, then id): staff who read
 * customers read their organizations.
 */
export function listOrganizations(
  db: Db,
  actor: Actor,
  input: { after?: string; limit: number },
): Promise<Result<{ rows: OrganizationRow[]; next: string | null }>> {
  return attempt(async () => {
    requirePermission(actor, 'customer.read');
    const after = input.after ? parseCursor(input.after) : null;
    const rows = await db
      .select(columns)
      .from(organizations)
      .where(
        after
          ? or(gt(organizations.name, after[0]), and(eq(organizations.name, after[0]), gt(organizations.id, after[1])))
          : undefined,
      )
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return { rows: page, next: rows.length > input.limit && last ? cursorOf(last) : null };
  });
}

export function getOrganization(db: Db, actor: Actor, id: string): Promise<Result<OrganizationDetail>> {
  return attempt(async () => {
    requirePermission(actor, 'customer.read');
    const [row] = await db.select(columns).from(organizations).where(eq(organizations.id, id));
    if (!row) fail('not_found', 'Organization not found.');
    const [counted] = await db.select({ n: count() }).from(customers).where(eq(customers.organizationId, id));
    return { ...row, customerCount: Number(counted?.n ?? 0) };
  });
}
