import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { apiTokens, users, type ApiToken } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { isStaff, type Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { text } from '@/lib/core/fields';
import { fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { effectiveScope, maxScopeFor, SCOPES, scopeAllows, type Scope } from './scopes';

/** Every token starts so; secret scanners (and people) recognise a leaked one. */
export const TOKEN_PREFIX = 'cairn_';
/** The longest a token may live; the form offers shorter. */
export const MAX_TOKEN_DAYS = 365;
/** How stale `last_used_at` may get before a request writes it again (one write a minute, not one per request). */
const LAST_USED_EVERY_MS = 60_000;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new secret: 32 random bytes (256 bits) after the prefix, base64url. */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export const createTokenSchema = z.object({
  /** Whose token; absent: the actor's own. Only admins create tokens for someone else. */
  userId: z
    .union([z.uuid('Choose a member of staff.'), z.literal('')])
    .optional()
    .transform((v) => (v ? v : undefined)),
  name: text('Name', 100),
  scope: z.enum(SCOPES, { error: 'Choose a scope.' }),
  expiresInDays: z.coerce
    .number({ error: `Choose a lifetime of 1 to ${MAX_TOKEN_DAYS} days.` })
    .int(`Choose a lifetime of 1 to ${MAX_TOKEN_DAYS} days.`)
    .min(1, `Choose a lifetime of 1 to ${MAX_TOKEN_DAYS} days.`)
    .max(MAX_TOKEN_DAYS, `Choose a lifetime of 1 to ${MAX_TOKEN_DAYS} days.`)
    .default(90),
});

export type TokenRow = Pick<
  ApiToken,
  'id' | 'userId' | 'name' | 'scope' | 'prefix' | 'createdAt' | 'expiresAt' | 'lastUsedAt' | 'revokedAt'
> & { ownerName: string; ownerEmail: string };

/**
 * A new token, shown once: the result carries the secret, the database only its hash. Staff make
 * their own within their role; admins make them for any active member of staff. Audited.
 */
export function createApiToken(db: Db, actor: Actor, raw: unknown): Promise<Result<{ token: string; row: TokenRow }>> {
  return runUseCase(db, createTokenSchema, raw, async (tx, input) => {
    if (!isStaff(actor)) fail('forbidden', 'You do not have permission to do that.');
    const ownerId = input.userId ?? actor.userId;
    if (ownerId !== actor.userId && !can(actor, 'admin'))
      fail('forbidden', 'Only an admin can create a token for someone else.');
    const [owner] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.id, ownerId));
    if (!owner || !owner.active || owner.role === 'customer')
      fail('invalid', 'Choose an active member of staff.', { userId: ['Choose an active member of staff.'] });
    const max = maxScopeFor(owner.role);
    if (!max || !scopeAllows(max, input.scope)) {
      const message = `A ${owner.role}'s token can have at most the ${max ?? 'no'} scope.`;
      fail('invalid', message, { scope: [message] });
    }
    const token = generateToken();
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: owner.id,
        name: input.name,
        scope: input.scope,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdBy: actor.userId,
        expiresAt: sql`now() + make_interval(days => ${input.expiresInDays})`,
      })
      .returning();
    if (!row) throw new Error('token insert returned nothing');
    await recordAudit(tx, actor, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row.id,
      entityLabel: `${row.name} (${owner.email})`,
      after: { scope: row.scope, owner: owner.email, expiresAt: row.expiresAt?.toISOString() ?? null },
    });
    return { token, row: { ...pick(row), ownerName: owner.name, ownerEmail: owner.email } };
  });
}

const revokeSchema = z.object({ id: z.uuid('Unknown token.') });

/** Ends a token at once: its owner or an admin. Audited; revoking a revoked token changes nothing. */
export function revokeApiToken(db: Db, actor: Actor, raw: unknown): Promise<Result<{ revoked: boolean }>> {
  return runUseCase(db, revokeSchema, raw, async (tx, { id }) => {
    if (!isStaff(actor)) fail('not_found', 'That token was not found.');
    const [row] = await tx
      .select({ id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, id))
      .for('update');
    // Someone else's token is "not found" to a non-admin, so ids cannot be probed.
    if (!row || (row.userId !== actor.userId && !can(actor, 'admin'))) fail('not_found', 'That token was not found.');
    if (row.revokedAt) return { revoked: false };
    await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiTokens.id, id));
    await recordAudit(tx, actor, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: row.id,
      entityLabel: row.name,
    });
    return { revoked: true };
  });
}

/** The actor's own tokens, or (admins, `all`) everyone's; newest first, secrets never. */
export async function listApiTokens(db: Db, actor: Actor, { all = false } = {}): Promise<TokenRow[]> {
  if (!isStaff(actor)) return [];
  if (all && !can(actor, 'admin')) fail('forbidden', 'You do not have permission to do that.');
  const rows = await db
    .select({ token: apiTokens, ownerName: users.name, ownerEmail: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(all ? undefined : eq(apiTokens.userId, actor.userId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...pick(r.token), ownerName: r.ownerName, ownerEmail: r.ownerEmail }));
}

function pick(t: ApiToken): Omit<TokenRow, 'ownerName' | 'ownerEmail'> {
  return {
    id: t.id,
    userId: t.userId,
    name: t.name,
    scope: t.scope,
    prefix: t.prefix,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  };
}

export interface TokenPrincipal {
  actor: Actor;
  tokenId: string;
  /** The token's scope as it counts today (capped by the owner's current role). */
  scope: Scope;
}

/**
 * The actor behind a bearer token, checked on every request: known hash, not revoked, not expired,
 * owner active and still staff. Anything else is null (401). The token acts with its owner's role
 * as it is now; `last_used_at` is written at most once a minute.
 */
export async function authenticateToken(db: Db, bearer: string): Promise<TokenPrincipal | null> {
  if (!bearer.startsWith(TOKEN_PREFIX) || bearer.length > 200) return null;
  const [row] = await db
    .select({
      id: apiTokens.id,
      scope: apiTokens.scope,
      lastUsedAt: apiTokens.lastUsedAt,
      userId: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      customerId: users.customerId,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(bearer)),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now())`,
        eq(users.active, true),
      ),
    );
  if (!row) return null;
  const scope = effectiveScope(row.scope as Scope, row.role);
  if (!scope) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiTokens.id, row.id),
          sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`,
        ),
      );
  }
  return {
    actor: { userId: row.userId, role: row.role, name: row.name, email: row.email, customerId: row.customerId },
    tokenId: row.id,
    scope,
  };
}

/** The people an admin may make a token for: active staff, by name. */
export async function tokenOwnerChoices(db: Db, actor: Actor): Promise<{ id: string; label: string }[]> {
  if (!can(actor, 'admin')) fail('forbidden', 'You do not have permission to do that.');
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), ne(users.role, 'customer')))
    .orderBy(asc(users.name))
    .limit(1000);
  return rows.map((r) => ({ id: r.id, label: `${r.name} <${r.email}> · ${r.role}` }));
}
