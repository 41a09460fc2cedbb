import { getTableColumns, sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { slaWatchIndexes, teamEscalationColumns } from './breach-schema';

// Enumerations: the product's own words (docs/design.md §2, §3).
export const roleEnum = pgEnum('role', ['admin', 'lead', 'agent', 'customer']);
export const channelEnum = pgEnum('channel', ['web', 'email', 'phone', 'chat', 'social', 'api']);
export const stageEnum = pgEnum('stage', ['inquiry', 'identification', 'resolution', 'follow_up']);
export const statusEnum = pgEnum('status', ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed']);
export const impactEnum = pgEnum('impact', ['single', 'several', 'many']);
export const visibilityEnum = pgEnum('visibility', ['public', 'internal']);
export const authorKindEnum = pgEnum('author_kind', ['agent', 'customer', 'system']);

/** PostgreSQL's full-text document type; only the database reads it (lib/search). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Full-text documents are generated columns: PostgreSQL keeps them in step with the text on every
 * insert and update, whichever code path (use case, seed, bulk COPY) wrote the row. The config is
 * `english` (stemming: "charged" finds "charge"); weights rank subject (A) over the description
 * and the agent's summaries (B) over the thread (C, on messages).
 */
const TICKET_DOCUMENT = sql`setweight(to_tsvector('english'::regconfig, "subject"), 'A') || setweight(to_tsvector('english'::regconfig, "description" || ' ' || coalesce("exception_details", '') || ' ' || coalesce("resolution_summary", '')), 'B')`;
const MESSAGE_DOCUMENT = sql`setweight(to_tsvector('english'::regconfig, "body"), 'C')`;

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  domain: text('domain'),
  createdAt: createdAt(),
});

/**
 * The name of an organization merged into another, and where it went: naming the old name (the
 * customer form, the API's customers, an import) finds the target instead of creating the
 * duplicate again — also for a save that raced the merge (lib/organizations/organization-by-name.ts).
 * A real organization with the name always wins; the row goes with its target.
 */
export const organizationAliases = pgTable(
  'organization_aliases',
  {
    name: text('name').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  // A merge re-points the source's own aliases and a delete cascades them: both by target.
  (t) => [index('organization_aliases_organization_idx').on(t.organizationId)],
);

/** The person being served, across every channel. May or may not have a portal login. */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    organizationId: uuid('organization_id').references(() => organizations.id),
    preferredChannel: channelEnum('preferred_channel'),
    notes: text('notes').notNull().default(''),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Bumped on every edit: two agents editing one record → the second save is refused, as with tickets. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('customers_email_key').on(t.email),
    uniqueIndex('customers_phone_key').on(t.phone),
    // Search: names with typos, e-mail fragments and phone numbers typed without the country code.
    index('customers_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('customers_email_trgm_idx').using('gin', t.email.op('gin_trgm_ops')),
    index('customers_phone_trgm_idx').using('gin', t.phone.op('gin_trgm_ops')),
    // An organization's customers (its page count, delete refusal, merge): a partial index, most have none.
    index('customers_organization_idx')
      .on(t.organizationId)
      .where(sql`${t.organizationId} is not null`),
    check('customers_email_lower', sql`${t.email} = lower(${t.email})`),
    check('customers_contact', sql`${t.email} is not null or ${t.phone} is not null`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull(),
    active: boolean('active').notNull().default(true),
    /** Set for portal logins: the customer record this login speaks for. */
    customerId: uuid('customer_id').references(() => customers.id),
    /** Staff: appended to their e-mailed replies (plain text). */
    signature: text('signature').notNull().default(''),
    /** Staff: also e-mail me my notifications (the bell always shows them). */
    notifyByEmail: boolean('notify_by_email').notNull().default(false),
    /** Portal logins: set once the address is proven (issue 12); staff are verified by their invitation. */
    emailVerifiedAt: ts('email_verified_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_customer_key').on(t.customerId),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_customer_role', sql`(${t.role} = 'customer') = (${t.customerId} is not null)`),
  ],
);

/**
 * One row per sign-in. The session cookie (a next-auth JWT) names its row, and every request
 * checks it, so signing out, "sign out everywhere", a password change and deactivation end a
 * session at once instead of when its JWT expires.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Fixed-window counters for rate limits (lib/rate-limit), one row per limit and subject, in the
 * database so every app instance counts against the same numbers.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
});

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  leadId: uuid('lead_id').references(() => users.id),
  createdAt: createdAt(),
  ...teamEscalationColumns(),
});

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

export const categories = pgTable('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  defaultTeamId: uuid('default_team_id').references(() => teams.id),
  /** A retired category stays on old tickets and leaves every form. */
  retiredAt: ts('retired_at'),
  createdAt: createdAt(),
});

/** Request numbers (#1001, #1002, …): a plain sequence, gaps allowed. */
export const ticketNumberSeq = pgSequence('ticket_number_seq', { startWith: 1001 });

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number')
      .notNull()
      .default(sql`nextval('ticket_number_seq')`),
    cern: text('cern'),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    channel: channelEnum('channel').notNull(),
    stage: stageEnum('stage').notNull().default('inquiry'),
    status: statusEnum('status').notNull().default('new'),
    categoryId: uuid('category_id').references(() => categories.id),
    severity: smallint('severity'),
    impact: impactEnum('impact'),
    /** 1 urgent … 4 low. P3 until identification sets it from the matrix. */
    priority: smallint('priority').notNull().default(3),
    priorityOverrideReason: text('priority_override_reason'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    teamId: uuid('team_id').references(() => teams.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    incidentAt: ts('incident_at'),
    acknowledgedAt: ts('acknowledged_at'),
    firstResponseAt: ts('first_response_at'),
    firstResponseDueAt: ts('first_response_due_at'),
    resolutionDueAt: ts('resolution_due_at'),
    /** The SLA policy the due times come from (lib/sla); null: the built-in defaults. */
    slaPolicyId: uuid('sla_policy_id'),
    /** When a warning is due (the policy's share of each target elapsed); null: no warning. */
    firstResponseWarnAt: ts('first_response_warn_at'),
    resolutionWarnAt: ts('resolution_warn_at'),
    /** Stamped by the SLA watch job once it warned / recorded the breach (each happens once). */
    firstResponseWarnedAt: ts('first_response_warned_at'),
    resolutionWarnedAt: ts('resolution_warned_at'),
    firstResponseBreachedAt: ts('first_response_breached_at'),
    resolutionBreachedAt: ts('resolution_breached_at'),
    /** Business time (the policy's calendar, pauses excluded) to the first response / resolution. */
    firstResponseBusinessMs: bigint('first_response_business_ms', { mode: 'number' }),
    resolutionBusinessMs: bigint('resolution_business_ms', { mode: 'number' }),
    /** Set while the request waits on the customer (pending): the SLA clock is paused. */
    slaPausedAt: ts('sla_paused_at'),
    /** Time spent pending so far; due times are pushed back by it. */
    slaPausedMs: bigint('sla_paused_ms', { mode: 'number' }).notNull().default(0),
    /** The same pauses in business time of the policy's calendar (lib/sla/clock.ts). */
    slaPausedBusinessMs: bigint('sla_paused_business_ms', { mode: 'number' }).notNull().default(0),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    /** The detailed account an exception needs (docs/design.md §2), kept apart from the customer's words. */
    exceptionDetails: text('exception_details'),
    exceptionRaisedAt: ts('exception_raised_at'),
    resolutionSummary: text('resolution_summary'),
    publicReplyCount: integer('public_reply_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** A new message on a closed ticket opens a follow-up ticket that points back here. */
    followUpOfId: uuid('follow_up_of_id'),
    idempotencyKey: text('idempotency_key'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(TICKET_DOCUMENT),
  },
  (t) => [
    uniqueIndex('tickets_number_key').on(t.number),
    uniqueIndex('tickets_cern_key').on(t.cern),
    // A retried form or API call from the same customer gives back the same ticket.
    uniqueIndex('tickets_idempotency_key').on(t.customerId, t.idempotencyKey),
    // Queues: status + team, sorted by priority then age.
    index('tickets_queue_idx').on(t.status, t.teamId, t.priority, t.createdAt, t.id),
    index('tickets_open_priority_idx')
      .on(t.priority, t.createdAt, t.id)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    index('tickets_assignee_idx').on(t.assigneeId, t.status, t.priority, t.createdAt),
    // Measured at 1M tickets (npm run bench): queue counts as an index-only scan over active tickets
    // (p95 80 → 13 ms), "New & unassigned" without walking past assigned work, "Mine" in keyset order.
    // The rest rides along so the dashboard's live backlog (every breakdown, age buckets, any
    // filter: lib/metrics/rollup-read.ts readBacklog) is index-only too: at 1M it read 14,000 heap
    // pages for 43,000 active tickets.
    index('tickets_active_counts_idx')
      .on(t.status, t.assigneeId, t.teamId, t.categoryId, t.channel, t.priority, t.customerId, t.createdAt)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    index('tickets_unassigned_idx')
      .on(t.priority, t.createdAt, t.id)
      .where(sql`${t.status} in ('new', 'open') and ${t.assigneeId} is null`),
    index('tickets_mine_idx')
      .on(t.assigneeId, t.priority, t.createdAt, t.id)
      .where(sql`${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    index('tickets_customer_idx').on(t.customerId, t.createdAt),
    // Views (lib/tickets/views.ts) over all tickets, one index per sort: PostgreSQL walks it and
    // filters until a page is full (all tickets by priority: 744 → 11 ms at 1M).
    index('tickets_priority_idx').on(t.priority, t.createdAt, t.id),
    index('tickets_updated_idx').on(t.updatedAt, t.id),
    index('tickets_due_idx').on(sql`coalesce(${t.resolutionDueAt}, 'infinity'::timestamptz)`, t.id),
    // Views' equality filters, any combination, in one index (btree_gin): a rare stage, channel,
    // category or team is found without reading the table (stage = inquiry: 310 → 21 ms at 1M).
    index('tickets_view_filter_idx').using('gin', t.stage, t.channel, t.categoryId, t.teamId, t.priority),
    index('tickets_resolved_at_idx').on(t.resolvedAt),
    // Exception figures (lib/metrics/exceptions.ts) read only exception tickets.
    index('tickets_exception_raised_idx')
      .on(t.exceptionRaisedAt)
      .where(sql`${t.cern} is not null`),
    index('tickets_exception_resolved_idx')
      .on(t.resolvedAt)
      .where(sql`${t.cern} is not null`),
    index('tickets_exception_open_idx')
      .on(t.teamId, t.categoryId)
      .where(sql`${t.cern} is not null and ${t.status} in ('new', 'open', 'pending', 'on_hold')`),
    index('tickets_first_response_at_idx').on(t.firstResponseAt),
    index('tickets_created_at_idx').on(t.createdAt),
    check('tickets_severity_range', sql`${t.severity} between 1 and 4`),
    check('tickets_priority_range', sql`${t.priority} between 1 and 4`),
    check('tickets_cern_format', sql`${t.cern} ~ '^CERN-[0-9]{4}-[0-9]{6}$'`),
    // Search (lib/search): full text, and subjects with typos.
    // btree_gin: status and team beside the words, so a filtered search ("invoice", one team)
    // intersects inside the index instead of reading every ticket with the word (450 → 60 ms at 1M).
    index('tickets_search_idx').using('gin', t.status, t.teamId, t.searchVector),
    index('tickets_subject_trgm_idx').using('gin', t.subject.op('gin_trgm_ops')),
    ...slaWatchIndexes(t),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    authorKind: authorKindEnum('author_kind').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorCustomerId: uuid('author_customer_id').references(() => customers.id),
    body: text('body').notNull(),
    visibility: visibilityEnum('visibility').notNull().default('public'),
    channel: channelEnum('channel').notNull(),
    createdAt: createdAt(),
    searchVector: tsvector('search_vector').notNull().generatedAlwaysAs(MESSAGE_DOCUMENT),
  },
  (t) => [
    index('messages_ticket_idx').on(t.ticketId, t.createdAt),
    // Replies and notes only: the automatic acknowledgements say the same words on every ticket.
    index('messages_search_idx')
      .using('gin', t.searchVector)
      .where(sql`${t.authorKind} <> 'system'`),
    // Search takes the newest matching messages: a common word is found by walking back from now.
    index('messages_search_recency_idx')
      .on(t.createdAt)
      .where(sql`${t.authorKind} <> 'system'`),
  ],
);

/**
 * Every word of every ticket subject, lower-cased and unstemmed (letters only, 3+ long): the
 * vocabulary a misspelt search word is corrected against (lib/search/correct.ts). A statement
 * trigger on tickets adds the words of new subjects (migrations 0014–0015); words are never removed.
 */
export const searchWords = pgTable(
  'search_words',
  {
    word: text('word').primaryKey(),
  },
  (t) => [index('search_words_trgm_idx').using('gin', t.word.op('gin_trgm_ops'))],
);

/** Append-only history of a ticket: the timeline, the metrics and the webhooks read it. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    type: text('type').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('ticket_events_ticket_idx').on(t.ticketId, t.createdAt),
    index('ticket_events_type_idx').on(t.type, t.createdAt),
  ],
);

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    csat: smallint('csat'),
    nps: smallint('nps'),
    confirmed: boolean('confirmed'),
    comment: text('comment'),
    answeredAt: ts('answered_at'),
    /** "Was your issue fixed?" (issue 13): false reopened the request; null when not asked or not answered. */
    fixed: boolean('fixed'),
    /** The one reminder (survey rules, /admin/settings), sent while unanswered. */
    reminderSentAt: ts('reminder_sent_at'),
  },
  (t) => [
    uniqueIndex('surveys_ticket_key').on(t.ticketId),
    // The answer, reminder and "not fixed" ride along: the dashboard's survey response figures over
    // a year are an index-only scan (lib/metrics/survey-response.ts).
    index('surveys_sent_idx').on(t.sentAt, t.answeredAt, t.reminderSentAt, t.fixed),
    uniqueIndex('surveys_token_key').on(t.token),
    index('surveys_answered_idx').on(t.answeredAt),
    check('surveys_csat_range', sql`${t.csat} between 1 and 5`),
    check('surveys_nps_range', sql`${t.nps} between 0 and 10`),
  ],
);

/** One row per year; raising an exception increments it inside the same transaction. */
export const cernCounters = pgTable('cern_counters', {
  year: integer('year').primaryKey(),
  lastValue: integer('last_value').notNull().default(0),
});

export const outboxStatusEnum = pgEnum('outbox_status', ['queued', 'sent', 'failed']);

/**
 * Every mail the app sends, written in the transaction that caused it (lib/mail/queue.ts) and
 * delivered by a job: over SMTP when `SMTP_URL` is set, else it stays here for admins to read at
 * /admin/outbox. `message_id` is ours; inbound replies thread against it.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** The template that wrote it (lib/mail/templates): acknowledgement, reply, invitation, … */
    kind: text('kind').notNull().default('other'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** The plain-text part. */
    body: text('body').notNull(),
    html: text('html'),
    /** Without angle brackets, e.g. `cairn.<uuid>@example.com`. */
    messageId: text('message_id'),
    inReplyTo: text('in_reply_to'),
    references: text('references')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The staff member the mail speaks for (agent replies carry their name and signature). */
    fromUserId: uuid('from_user_id').references(() => users.id, { onDelete: 'set null' }),
    status: outboxStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
    failedAt: ts('failed_at'),
  },
  (t) => [
    index('outbox_unsent_idx')
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null`),
    uniqueIndex('outbox_message_id_key').on(t.messageId),
    index('outbox_ticket_idx').on(t.ticketId, t.createdAt),
  ],
);

/**
 * Every column the app reads, without the generated search vectors: only lib/search reads those, and
 * dragging a tsvector through every lock, save and RETURNING costs bytes on each round trip.
 */
const { searchVector: _ticketVector, ...ticketColumnSet } = getTableColumns(tickets);
const { searchVector: _messageVector, ...messageColumnSet } = getTableColumns(messages);
export const ticketColumns = ticketColumnSet;
export const messageColumns = messageColumnSet;

export type Ticket = Omit<typeof tickets.$inferSelect, 'searchVector'>;
export type Customer = typeof customers.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Message = Omit<typeof messages.$inferSelect, 'searchVector'>;
export type TicketEvent = typeof ticketEvents.$inferSelect;
export type Survey = typeof surveys.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type Channel = (typeof channelEnum.enumValues)[number];
export type Stage = (typeof stageEnum.enumValues)[number];
export type Status = (typeof statusEnum.enumValues)[number];
export type Impact = (typeof impactEnum.enumValues)[number];

export * from './workspace-schema';
export * from './ops-schema';
export * from './notify-schema';
export * from './help-schema';
export * from './guest-schema';
export * from './follow-up-schema';
export * from './progress-schema';
export * from './sla-schema';
export * from './stage-schema';
export * from './cycle-schema';
export * from './assignment-schema';
export * from './breach-schema';
export * from './routing-schema';
export * from './problems-schema';
export * from './qa-schema';
export * from './rollup-schema';
export * from './webhooks-schema';
export * from './api-schema';
export * from './import-schema';
