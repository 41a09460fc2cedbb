'use client';

import { useRouter } from 'next/navigation';
import { useState, type RefObject } from 'react';
import { STACK, TICKET_COLUMNS, TicketRowCells } from '@/components/tickets/ticket-table';
import type { BulkOutcome } from '@/lib/pipeline/bulk-update';
import type { QueueRow } from '@/lib/tickets/queue';
import type { ReferenceData } from '@/lib/tickets/reference-data';
import { BulkReport, BulkToolbar, useSelection, type BulkUpdateFn } from './bulk-toolbar';

type Selection = ReturnType<typeof useSelection>;

/**
 * A list of requests with checkboxes, the bulk toolbar and its report: one table for the live
 * queue and the views. The caller owns the selection (the queue's `x` key ticks rows too) and
 * says how to refresh after a change; `active` highlights the keyboard's row.
 */
export function BulkSelectableTable({
  rows,
  label,
  caption,
  empty,
  reference,
  bulkUpdate,
  selection: { picked, setPicked, toggle },
  onChanged,
  active,
}: {
  rows: QueueRow[];
  label: string;
  caption?: string;
  empty: string;
  reference: ReferenceData;
  bulkUpdate: BulkUpdateFn;
  selection: Selection;
  onChanged: () => void;
  active?: { index: number; onActivate: (index: number) => void; bodyRef: RefObject<HTMLTableSectionElement | null> };
}) {
  const [report, setReport] = useState<{ message: string; outcome: BulkOutcome } | null>(null);
  const now = new Date();
  const allPicked = rows.length > 0 && rows.every((r) => picked.has(r.number));

  return (
    <>
      {report ? <BulkReport report={report} /> : null}
      {picked.size > 0 ? (
        <BulkToolbar
          selected={[...picked]}
          teamsOfSelected={[
            ...new Set(rows.filter((r) => picked.has(r.number) && r.teamId).map((r) => r.teamId as string)),
          ]}
          reference={reference}
          bulkUpdate={bulkUpdate}
          onDone={(r) => {
            setReport(r);
            setPicked(new Set());
            onChanged();
          }}
        />
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {empty}
        </p>
      ) : (
        // Stacked cards on a phone; from sm up a table that may scroll sideways, in a named region
        // the keyboard can reach (and scroll).
        <div
          role="region"
          aria-label={`${label}, scrolls sideways if narrow`}
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
        >
          <table className={STACK.table} aria-label={label}>
            {caption ? <caption className="sr-only">{caption}</caption> : null}
            <thead className={STACK.head}>
              <tr>
                <th scope="col" className="w-8 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allPicked}
                    onChange={() => setPicked(allPicked ? new Set() : new Set(rows.map((r) => r.number)))}
                  />
                </th>
                {TICKET_COLUMNS.map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody ref={active?.bodyRef} className={STACK.body}>
              {rows.map((r, i) => {
                const isActive = active?.index === i;
                return (
                  <tr
                    key={r.id}
                    aria-selected={active ? isActive : undefined}
                    className={`${STACK.row} ${isActive ? 'bg-brand-50 outline-2 -outline-offset-2 outline-brand-500' : 'hover:bg-slate-50'}`}
                    onClick={active ? () => active.onActivate(i) : undefined}
                  >
                    <td className={`${STACK.cell} max-sm:col-span-2 max-sm:before:content-none`}>
                      <input
                        type="checkbox"
                        aria-label={`Select #${r.number}`}
                        checked={picked.has(r.number)}
                        onChange={() => toggle(r.number)}
                      />
                    </td>
                    <TicketRowCells row={r} now={now} />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A view's matching requests: after a bulk change the server page is rendered again, so the list shows what now matches. */
export function SelectableTicketTable({
  rows,
  label,
  reference,
  bulkUpdate,
}: {
  rows: QueueRow[];
  label: string;
  reference: ReferenceData;
  bulkUpdate: BulkUpdateFn;
}) {
  const router = useRouter();
  const selection = useSelection();
  return (
    <BulkSelectableTable
      rows={rows}
      label={label}
      empty="No request matches."
      reference={reference}
      bulkUpdate={bulkUpdate}
      selection={selection}
      onChanged={() => router.refresh()}
    />
  );
}
