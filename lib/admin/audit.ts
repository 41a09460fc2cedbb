import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

export interface AuditInput {
  /** Dotted verb: `user.invited`, `user.role_changed`, `team.created`, `setting.changed`, … */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** A name that reads well in the log after the thing is renamed or gone. */
  entityLabel?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * The one way an admin change is recorded: call it inside the use case's transaction, so the log
 * holds exactly the changes that committed. Only the fields that changed belong in before/after.
 */
export async function recordAudit(tx: Db, actor: Pick<Actor, 'userId'> | null, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: actor?.userId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    entityLabel: entry.entityLabel ?? '',
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** The keys whose values differ, as { before, after } halves for recordAudit. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key];
    a[key] = after[key];
  }
  return Object.keys(a).length > 0 ? { before: b, after: a } : null;
}
