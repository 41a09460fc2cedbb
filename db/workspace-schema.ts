import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { categories, messages, teams, tickets, users } from './schema';

/** The tools agents use all day (issue 4): macros, tags, links and merges, attachments, saved views. */

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const macroScopeEnum = pgEnum('macro_scope', ['personal', 'shared']);
export const linkKindEnum = pgEnum('link_kind', ['related', 'merged_into']);

/** Canned replies and resolution steps with {{placeholders}}; may also set fields. */
export const macros = pgTable(
  'macros',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    scope: macroScopeEnum('scope').notNull().default('personal'),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    setStatus: text('set_status'),
    setPriority: smallint('set_priority'),
    setCategoryId: uuid('set_category_id').references(() => categories.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('macros_owner_idx').on(t.ownerId),
    check('macros_set_status', sql`${t.setStatus} in ('open', 'pending', 'on_hold')`),
    check('macros_set_priority', sql`${t.setPriority} between 1 and 4`),
  ],
);

export const ticketTags = pgTable(
  'ticket_tags',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.tag] }),
    index('ticket_tags_tag_idx').on(t.tag, t.ticketId),
    check('ticket_tags_format', sql`${t.tag} ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`),
  ],
);

/** Related requests, and the pointer from a merged duplicate to the request it was merged into. */
export const ticketLinks = pgTable(
  'ticket_links',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    linkedTicketId: uuid('linked_ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: linkKindEnum('kind').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.linkedTicketId] }),
    index('ticket_links_linked_idx').on(t.linkedTicketId),
    check('ticket_links_not_self', sql`${t.ticketId} <> ${t.linkedTicketId}`),
  ],
);

/** Files on a request, kept in the database (size and type limits in lib/attachments). */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_ticket_idx').on(t.ticketId, t.createdAt)],
);

/** Saved queue views: personal (owner) or for a team; filters as validated JSON (lib/tickets/views). */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('saved_views_owner_idx').on(t.ownerId),
    index('saved_views_team_idx').on(t.teamId),
    check('saved_views_scope', sql`(${t.ownerId} is null) <> (${t.teamId} is null)`),
  ],
);

export type Macro = typeof macros.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type SavedView = typeof savedViews.$inferSelect;

/**
 * Uploads in progress, a few slots per user (lib/attachments/upload-slots.ts): a file is read into
 * memory while it is checked, so one user's concurrent uploads are capped across every app
 * instance. A slot whose upload died with its process frees itself when it expires.
 */
export const uploadSlots = pgTable(
  'upload_slots',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    slot: smallint('slot').notNull(),
    token: uuid('token').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.slot] })],
);
