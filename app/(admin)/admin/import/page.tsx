import type { Metadata } from 'next';
import Link from 'next/link';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { ImportUploadForm } from '@/components/import/import-upload-form';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { IMPORT_MAX_BYTES, listImportRuns } from '@/lib/import/imports';

export const metadata: Metadata = { title: 'Import' };

/** Moving in: check a file from another helpdesk (dry run), then import it (docs/import.md). */
export default async function ImportPage() {
  const actor = await requireActor(ADMINS);
  const runs = await listImportRuns(getDb(), actor);
  return (
    <AdminShell actor={actor} current="/admin/import" title="Import">
      <Card title="Check a file">
        <p className="mb-4 text-sm text-slate-600">
          Organizations, customers and tickets with their conversations, from CSV or JSON. The check is a dry run: it
          reports what would be created and every problem, and imports nothing.
        </p>
        <ImportUploadForm maxMb={IMPORT_MAX_BYTES / 1024 / 1024} />
      </Card>
      <Card title="Recent imports">
        {runs.length === 0 ? (
          <p className="text-sm text-slate-600">No file checked yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Recent imports">
            {runs.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3 py-2">
                <Link href={`/admin/import/${r.id}`} className="font-medium text-brand-700 underline">
                  {r.fileName}
                </Link>
                <span className="text-slate-600">source {r.source}</span>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{r.status}</span>
                <span className="text-xs text-slate-500">
                  <LocalTime value={r.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </AdminShell>
  );
}
