import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { messages, tickets, users } from './schema';

/** Running the helpdesk (issue 12): account tokens, settings, the admin audit log. */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const accountTokenKindEnum = pgEnum('account_token_kind', [
  'invitation',
  'password_reset',
  'email_verification',
]);

/**
 * Single-use, expiring links sent by e-mail (lib/auth/tokens.ts). Only a SHA-256 of the token is
 * stored, so a database reader cannot use a link; a tampered token matches no row.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: accountTokenKindEnum('kind').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Lower-case address the link was sent to. */
    email: text('email').notNull(),
    /** The login it acts on, when one exists (password reset). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** What the link carries: the invited role and teams, a pending sign-up's name and hash, … */
    data: jsonb('data')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** Withdrawn before use (an invitation cancelled, a newer reset link sent). */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('account_tokens_hash_key').on(t.tokenHash),
    index('account_tokens_email_idx').on(t.kind, t.email),
    // The retention job's long-expired links (lib/auth/tokens.ts pruneAccountTokens).
    index('account_tokens_expires_idx').on(t.expiresAt),
  ],
);

/** Settings an admin changes in /admin/settings; one row per key, read through lib/settings. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every change made in /admin: who, when, what, before → after (lib/admin/audit.ts). Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Dotted verb, e.g. `user.invited`, `user.role_changed`, `team.renamed`, `setting.changed`. */
    action: text('action').notNull(),
    /** What was changed: `user`, `team`, `category`, `setting`, `macro`, `job`, … */
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** A human label kept with the row, so the log reads well after the entity is renamed or gone. */
    entityLabel: text('entity_label').notNull().default(''),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_entity_idx').on(t.entityType, t.entityId, t.createdAt),
    index('audit_log_actor_idx').on(t.actorUserId, t.createdAt),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const inboundStatusEnum = pgEnum('inbound_status', ['accepted', 'ignored', 'bounce', 'rejected']);

/**
 * Every message that reached POST /api/inbound/email or `npm run mail:ingest` (lib/mail/inbound),
 * raw bytes kept so the agent can read the original. `message_id` dedupes a second delivery and
 * threads later replies (with outbox.message_id). `status`: accepted (became a message on a
 * ticket), ignored (auto-reply, loop), bounce (of our own mail), rejected (kept for the admin).
 */
export const inboundEmails = pgTable(
  'inbound_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Without angle brackets; null when the message had none. */
    messageId: text('message_id'),
    fromAddress: text('from_address'),
    subject: text('subject'),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    /** The message on the timeline it became. */
    ticketMessageId: uuid('ticket_message_id').references(() => messages.id, { onDelete: 'set null' }),
    status: inboundStatusEnum('status').notNull(),
    /** Why it was ignored, or what was dropped (an attachment over the limit). */
    reason: text('reason'),
    sizeBytes: integer('size_bytes').notNull(),
    raw: bytea('raw').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbound_emails_message_id_key').on(t.messageId),
    index('inbound_emails_ticket_idx').on(t.ticketId, t.receivedAt),
  ],
);

export type InboundEmail = typeof inboundEmails.$inferSelect;
export type AccountToken = typeof accountTokens.$inferSelect;
export type AccountTokenKind = (typeof accountTokenKindEnum.enumValues)[number];
export type AuditEntry = typeof auditLog.$inferSelect;
