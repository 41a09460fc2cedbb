import { bigint, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Files a portal form carries (issue 13): picked before the form is sent, they wait here until the
 * request or reply they belong to is written (lib/portal/uploads.ts), then move to `attachments`.
 * A form's `form_key` is a random UUID the page rendered into it: only that form can claim its
 * files. Unclaimed files are swept after a day.
 */
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const portalUploads = pgTable(
  'portal_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formKey: uuid('form_key').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('portal_uploads_form_idx').on(t.formKey, t.createdAt), index('portal_uploads_age_idx').on(t.createdAt)],
);

export type PortalUpload = typeof portalUploads.$inferSelect;
