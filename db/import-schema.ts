import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// Re-exported by schema.ts; the references below are thunks, so the import cycle is harmless.
import { customers, users } from './schema';

/**
 * Moving in (issue 15): an uploaded file and what became of it. The file is kept (capped by
 * lib/import/limits.ts) so the import job reads exactly what the dry run checked; `report` is the
 * dry run's report, `outcome` what the import did. Status: checked (dry run only) → queued →
 * running → done | failed.
 */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Names the other system ("zendesk"): external ids are unique per source. */
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').$type<'csv' | 'json'>().notNull(),
    content: text('content').notNull(),
    status: text('status').$type<'checked' | 'queued' | 'running' | 'done' | 'failed'>().notNull().default('checked'),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    outcome: jsonb('outcome').$type<Record<string, unknown>>(),
    /** Tickets (with their messages), customers and organizations to write, and how many are done. */
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('import_runs_created_idx').on(t.createdAt),
    check('import_runs_format', sql`${t.format} in ('csv', 'json')`),
    check('import_runs_status', sql`${t.status} in ('checked', 'queued', 'running', 'done', 'failed')`),
  ],
);

/**
 * What an import created, by the other system's id: re-running a file finds its rows here and
 * creates nothing twice. Kind: organization, customer, ticket. A ticket's external id is its
 * original number, shown on the ticket page and found by the search box.
 */
export const importKeys = pgTable(
  'import_keys',
  {
    source: text('source').notNull(),
    kind: text('kind').$type<'organization' | 'customer' | 'ticket'>().notNull(),
    externalId: text('external_id').notNull(),
    entityId: uuid('entity_id').notNull(),
    runId: uuid('run_id').references(() => importRuns.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.kind, t.externalId] }),
    index('import_keys_external_idx').on(t.kind, t.externalId),
    index('import_keys_entity_idx').on(t.entityId),
  ],
);

/** A customer erased on a data-protection request (lib/customers/anonymize-customer.ts): irreversible. */
export const customerErasures = pgTable('customer_erasures', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id),
  erasedBy: uuid('erased_by').references(() => users.id, { onDelete: 'set null' }),
  erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ImportRun = typeof importRuns.$inferSelect;
