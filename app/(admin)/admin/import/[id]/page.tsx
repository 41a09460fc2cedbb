import type { Metadata } from 'next';
import Link from 'next/link';
import { loadOr404 } from '@/app/_auth/load';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { RowActionButton } from '@/components/admin/row-action-button';
import { formatNumber } from '@/components/format';
import { ImportReportView } from '@/components/import/import-report';
import { RefreshWhile } from '@/components/import/refresh-while';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getImportRun } from '@/lib/import/imports';
import { startImportAction } from '../actions';

export const metadata: Metadata = { title: 'Import report' };

type Props = { params: Promise<{ id: string }> };

/** The dry run's report, the Import button, then the job's progress and what it did. */
export default async function ImportRunPage({ params }: Props) {
  const actor = await requireActor(ADMINS);
  const { id } = await params;
  const run = await loadOr404(getImportRun(getDb(), actor, id));
  const working = run.status === 'queued' || run.status === 'running';
  const work = run.report.organizations.create + run.report.customers.create + run.report.tickets.create;
  return (
    <AdminShell actor={actor} current="/admin/import" title={`Import: ${run.fileName}`}>
      <RefreshWhile active={working} />
      <p className="text-sm">
        <Link href="/admin/import" className="text-brand-700 underline">
          All imports
        </Link>
      </p>
      <ImportReportView report={run.report} />
      <Card title="Import">
        {run.status === 'checked' ? (
          work > 0 ? (
            <div className="space-y-2">
              <p className="text-sm text-slate-700">
                Rows with problems are left out; everything else above is created. Importing the same file again later
                creates nothing twice.
              </p>
              <RowActionButton
                action={startImportAction}
                id={run.id}
                label="Import"
                accessibleLabel="Import"
                variant="primary"
              />
            </div>
          ) : (
            <p className="text-sm text-slate-700">Nothing to import: every row is already here or has a problem.</p>
          )
        ) : working ? (
          <div className="space-y-2">
            <p role="status" className="text-sm text-slate-700">
              Importing… {run.processed} of {run.total} rows
            </p>
            <progress
              className="w-full"
              max={Math.max(run.total, 1)}
              value={run.processed}
              aria-label="Import progress"
            />
          </div>
        ) : run.status === 'failed' ? (
          <p role="alert" className="text-sm text-red-700">
            The import stopped: {run.error}. It is retried automatically; what was imported stays and is not imported
            twice.
          </p>
        ) : run.outcome ? (
          <div className="space-y-2 text-sm">
            <p role="status">
              Imported {run.outcome.tickets} tickets ({run.outcome.messages} messages), {run.outcome.customers}{' '}
              customers and {run.outcome.organizations} organizations; {run.outcome.skippedTickets} tickets were already
              here.
            </p>
            {run.outcome.numbers.length > 0 ? (
              <p>
                New requests:{' '}
                {run.outcome.numbers.map((n) => (
                  <Link key={n} href={`/tickets/${n}`} className="mr-2 font-mono text-brand-700 underline">
                    {formatNumber(n)}
                  </Link>
                ))}
              </p>
            ) : null}
            {run.outcome.problemCount > 0 ? (
              <p>{run.outcome.problemCount} rows were left out (see the problems above).</p>
            ) : null}
          </div>
        ) : null}
      </Card>
    </AdminShell>
  );
}
