'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { TICKET_COLUMNS, TicketRowCells } from '@/components/tickets/ticket-table';
import type { BulkOutcome } from '@/lib/pipeline/bulk-update';
import type { QueueRow } from '@/lib/tickets/queue';
import type { ReferenceData } from '@/lib/tickets/reference-data';
import { BulkReport, BulkToolbar, useSelection } from './bulk-toolbar';

/**
 * A list of requests (a filtered or saved view) with the queue's checkboxes and bulk toolbar; after
 * a change the server page is rendered again, so the list shows what now matches.
 */
export function SelectableTicketTable({ rows, label, reference }: { rows: QueueRow[]; label: string; reference: ReferenceData }) {
  const router = useRouter();
  const { picked, setPicked, toggle } = useSelection();
  const [report, setReport] = useState<{ message: string; outcome: BulkOutcome } | null>(null);
  const now = new Date();
  const allPicked = rows.length > 0 && rows.every((r) => picked.has(r.number));

  return (
    <>
      {report ? <BulkReport report={report} /> : null}
      {picked.size > 0 ? (
        <BulkToolbar
          selected={[...picked]}
          reference={reference}
          onDone={(r) => {
            setReport(r);
            setPicked(new Set());
            router.refresh();
          }}
        />
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No request matches.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm" aria-label={label}>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="w-8 px-3 py-2">
                  <input type="checkbox" aria-label="Select all on this page" checked={allPicked} onChange={() => setPicked(allPicked ? new Set() : new Set(rows.map((r) => r.number)))} />
                </th>
                {TICKET_COLUMNS.map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <input type="checkbox" aria-label={`Select #${r.number}`} checked={picked.has(r.number)} onChange={() => toggle(r.number)} />
                  </td>
                  <TicketRowCells row={r} now={now} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
