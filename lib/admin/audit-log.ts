import { and, asc, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { searchText } from '@/lib/core/fields';

export const AUDIT_PAGE = 50;
/** The actor filter's value for changes made from the command line (no actor). */
export const COMMAND_LINE = 'command-line';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(DAY)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && v >= '1970-01-01' && v <= '9999-12-30')
  .or(z.literal(''))
  .catch('');

/** Filters kept in the URL; a forged or unknown value falls back to "any". */
export const auditFilterSchema = z.object({
  actor: z.union([z.uuid(), z.literal(COMMAND_LINE), z.literal('')]).catch(''),
  action: searchText(100).catch(''),
  entityType: searchText(100).catch(''),
  /** An entity's id, or part of its label (a name or an e-mail address). */
  entity: searchText(200).catch(''),
  from: day,
  to: day,
  /** Keyset: entries older than this id (ids follow time). */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export interface AuditRow {
  id: number;
  createdAt: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  entityLabel: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The conditions of a filter; dates are whole UTC days, `to` included. */
export function auditConditions(filter: AuditFilter): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (filter.actor === COMMAND_LINE) c.push(isNull(auditLog.actorUserId));
  else if (filter.actor) c.push(eq(auditLog.actorUserId, filter.actor));
  if (filter.action) c.push(eq(auditLog.action, filter.action));
  if (filter.entityType) c.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entity)
    c.push(or(eq(auditLog.entityId, filter.entity), ilike(auditLog.entityLabel, `%${escapeLike(filter.entity)}%`)));
  if (filter.from) c.push(gte(auditLog.createdAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) c.push(lt(auditLog.createdAt, new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000)));
  if (filter.before) c.push(lt(auditLog.id, filter.before));
  return and(...c);
}

/** The audit log, newest first, a page at a time (keyset on id). Admins only. */
export async function listAudit(
  db: Db,
  actor: Actor,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  requirePermission(actor, 'admin');
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      entityLabel: auditLog.entityLabel,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(auditConditions(filter))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE + 1);
  const page = rows.slice(0, AUDIT_PAGE);
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE ? (page.at(-1)?.id ?? null) : null };
}

/** The choices of the filter form: the actions and entity types in the log, and who acted. */
export async function auditFacets(
  db: Db,
  actor: Actor,
): Promise<{ actions: string[]; entityTypes: string[]; actors: { id: string; name: string }[] }> {
  requirePermission(actor, 'admin');
  const [actions, entityTypes, actors] = await Promise.all([
    db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
    db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType)),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(sql`exists (select 1 from ${auditLog} where ${auditLog.actorUserId} = ${users.id})`)
      .orderBy(asc(users.name)),
  ]);
  return { actions: actions.map((r) => r.v), entityTypes: entityTypes.map((r) => r.v), actors };
}
