import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { users } from './schema';

/**
 * Public REST API (issue 15). A token is shown once and stored as the SHA-256 of its secret (the
 * secret is 32 random bytes, so a fast hash is enough: nothing to brute-force). It acts as its
 * owner with the owner's *current* role, never more; its scope caps what it may do on top of that.
 * lib/api/tokens.ts owns the rules.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** read < write < admin (lib/api/scopes.ts). */
    scope: text('scope').notNull(),
    /** hex SHA-256 of the whole token ("cairn_…"). */
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, so a person can tell tokens apart in lists. */
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
    check('api_tokens_scope', sql`${t.scope} in ('read', 'write', 'admin')`),
  ],
);
export type ApiToken = typeof apiTokens.$inferSelect;

/**
 * One row per (token or session user, Idempotency-Key) on a POST: the request's fingerprint and,
 * once done, the stored answer. The primary key makes a concurrent duplicate wait/lose instead of
 * running twice. Rows older than 24 hours are swept (the `retention.sweep` job).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** "token:<id>" or "user:<id>". */
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    /** Null while the first request is still running. */
    status: integer('status'),
    body: jsonb('body'),
    /**
     * The answer's headers worth replaying (ETag, Location, Content-Type …; lib/api/idempotency.ts
     * chooses them, never Set-Cookie). Null for rows stored before they were kept.
     */
    headers: jsonb('headers').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_pkey_idx').on(t.principal, t.key),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
