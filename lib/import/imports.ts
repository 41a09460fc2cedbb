import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { importKeys, importRuns, type ImportRun } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { attempt, fail, type Result } from '@/lib/core/result';
import { runUseCase } from '@/lib/core/run-use-case';
import { enqueue } from '@/lib/jobs/enqueue';
import { parseImportFile } from './parse';
import { buildReport, type ImportReport } from './report';
import type { ImportOutcome } from './run-import';

/** The largest file an import takes (it is kept in import_runs until the import is done). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const tooLargeImport = `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it (customers, then tickets by year).`;

export const sourceField = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v || 'import')
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'Letters, digits, dots, dashes: e.g. "zendesk" (at most 40).'));

const checkSchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, 'Choose a file.')
    .max(200)
    .transform((v) => v.replace(/[^\w.\- ]/g, '_')),
  content: z.string(),
  source: sourceField,
});

/**
 * Dry run: reads the file, reports what an import would do (lib/import/report.ts) and keeps the
 * file for the import that may follow. Creates no organization, customer or ticket.
 */
export async function checkImportFile(
  db: Db,
  /** null: the command line (`npm run import`), as `npm run admin:create` writes. */
  actor: Actor | null,
  raw: unknown,
): Promise<Result<{ runId: string; report: ImportReport }>> {
  return attempt(async () => {
    if (actor) requirePermission(actor, 'admin');
    const parsed = checkSchema.safeParse(raw);
    if (!parsed.success) fail('invalid', 'Choose a file to check.', { file: ['Choose a file.'] });
    const { fileName, content, source } = parsed.data;
    if (Buffer.byteLength(content) > IMPORT_MAX_BYTES) fail('too_large', tooLargeImport, { file: [tooLargeImport] });
    const file = parseImportFile(fileName, content);
    const report = await buildReport(db, file, fileName, source);
    // A file whose text PostgreSQL cannot store (NUL bytes) is kept as nothing: it cannot be imported anyway.
    const stored = file.problems.some((p) => p.message.includes('NUL bytes')) ? '' : content;
    const [run] = await db
      .insert(importRuns)
      .values({
        source,
        fileName,
        format: file.format,
        content: stored,
        report: report as unknown as Record<string, unknown>,
        createdBy: actor?.userId ?? null,
      })
      .returning({ id: importRuns.id });
    return { runId: run!.id, report };
  });
}

/** "Import": queues the job for a checked file. Only once per file; the job is idempotent anyway. */
export async function startImport(db: Db, actor: Actor, raw: unknown): Promise<Result<{ runId: string }>> {
  return runUseCase(db, z.object({ runId: z.uuid('Unknown import.') }), raw, async (tx, { runId }) => {
    requirePermission(actor, 'admin');
    const [run] = await tx.select().from(importRuns).where(eq(importRuns.id, runId)).for('update');
    if (!run) fail('not_found', 'No such import.');
    if (run.status !== 'checked')
      fail('conflict', `This file is already ${run.status === 'done' ? 'imported' : run.status}.`);
    const report = run.report as unknown as ImportReport;
    const work = report.organizations.create + report.customers.create + report.tickets.create;
    if (work === 0) fail('unprocessable', 'Nothing to import: every row is already here or has a problem.');
    await tx.update(importRuns).set({ status: 'queued' }).where(eq(importRuns.id, runId));
    await enqueue(tx, 'import.run', { runId });
    await recordAudit(tx, actor, {
      action: 'import.started',
      entityType: 'import',
      entityId: runId,
      entityLabel: `${run.fileName} (${run.source})`,
      after: { tickets: report.tickets.create, customers: report.customers.create },
    });
    return { runId };
  });
}

export type ImportRunView = Omit<ImportRun, 'content' | 'report' | 'outcome'> & {
  report: ImportReport;
  outcome: ImportOutcome | null;
};

const viewColumns = {
  id: importRuns.id,
  source: importRuns.source,
  fileName: importRuns.fileName,
  format: importRuns.format,
  status: importRuns.status,
  report: importRuns.report,
  outcome: importRuns.outcome,
  total: importRuns.total,
  processed: importRuns.processed,
  error: importRuns.error,
  createdBy: importRuns.createdBy,
  createdAt: importRuns.createdAt,
  startedAt: importRuns.startedAt,
  finishedAt: importRuns.finishedAt,
};

/** One import with its report and progress (pages read it; a wrong id is "not found"). */
export async function getImportRun(db: Db, actor: Actor, id: string): Promise<ImportRunView> {
  requirePermission(actor, 'admin');
  if (!z.uuid().safeParse(id).success) fail('not_found', 'No such import.');
  const [run] = await db.select(viewColumns).from(importRuns).where(eq(importRuns.id, id));
  if (!run) fail('not_found', 'No such import.');
  return run as unknown as ImportRunView;
}

/** The 20 newest imports. */
export async function listImportRuns(db: Db, actor: Actor): Promise<ImportRunView[]> {
  requirePermission(actor, 'admin');
  const rows = await db.select(viewColumns).from(importRuns).orderBy(desc(importRuns.createdAt)).limit(20);
  return rows as unknown as ImportRunView[];
}

/** Where an imported request came from, for its page: `zendesk #1042`, or null. */
export async function externalReferenceOf(
  db: Db,
  ticketId: string,
): Promise<{ source: string; externalId: string } | null> {
  const [ref] = await db
    .select({ source: importKeys.source, externalId: importKeys.externalId })
    .from(importKeys)
    .where(and(eq(importKeys.entityId, ticketId), eq(importKeys.kind, 'ticket')))
    .limit(1);
  return ref ?? null;
}
