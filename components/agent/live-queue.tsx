'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useCoalesced, useLiveEvents } from '@/components/live/use-live-events';
import type { QueuePage, QueueView } from '@/lib/tickets/queue';
import type { ReferenceData } from '@/lib/tickets/reference-data';
import { useSelection, type BulkUpdateFn } from './bulk-toolbar';
import { BulkSelectableTable } from './selectable-ticket-table';
import { ShortcutHelp } from './shortcut-help';

type Counts = Record<QueueView, number>;
type QueueData = QueuePage & { counts: Counts };

/** Shortcuts stay off while the agent types; a focused checkbox or link does not count. */
function isTextEntry(el: HTMLElement): boolean {
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((el as HTMLInputElement).type);
}

async function fetchQueue(view: QueueView, after?: string): Promise<QueueData> {
  const params = new URLSearchParams({ view, ...(after ? { after } : {}) });
  const response = await fetch(`/api/v1/queue?${params}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`queue request failed (${response.status})`);
  return (await response.json()) as QueueData;
}

/**
 * The queue, kept live: any ticket change anywhere (server-sent event) refetches the page and the
 * counts. Keyboard: j/k move, Enter opens, / searches, ? shows the shortcuts.
 */
export function LiveQueue({
  view,
  after,
  labels,
  initial,
  reference,
  bulkUpdate,
}: {
  view: QueueView;
  after?: string;
  labels: Record<QueueView, string>;
  initial: QueueData;
  reference: ReferenceData;
  bulkUpdate: BulkUpdateFn;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const key = ['queue', view, after ?? ''];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => fetchQueue(view, after),
    initialData: initial,
    staleTime: 5_000,
  });
  const [selected, setSelected] = useState(0);
  const [help, setHelp] = useState(false);
  const selection = useSelection();
  const { toggle } = selection;
  const rowsRef = useRef<HTMLTableSectionElement>(null);

  // A bulk change of 500 requests is 500 notifications: refetch once for a burst, not 500 times.
  const refresh = useCoalesced(() => void queryClient.invalidateQueries({ queryKey: ['queue'] }), 200);
  useLiveEvents({ onTicket: refresh, onReconnect: refresh });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement;
      if (e.metaKey || e.ctrlKey || e.altKey || isTextEntry(target)) return;
      const count = data.rows.length;
      if (e.key === 'j') setSelected((i) => Math.min(i + 1, count - 1));
      else if (e.key === 'k') setSelected((i) => Math.max(i - 1, 0));
      else if (e.key === 'Enter' && data.rows[selected] && target.tagName !== 'A' && target.tagName !== 'BUTTON')
        router.push(`/tickets/${data.rows[selected].number}`);
      else if (e.key === 'x' && data.rows[selected]) toggle(data.rows[selected].number);
      else if (e.key === '/') document.getElementById('header-search')?.focus();
      else if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'Escape') setHelp(false);
      else return;
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [data.rows, selected, router, toggle]);

  useEffect(() => {
    rowsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <>
      <nav aria-label="Queues" className="mb-4 flex flex-wrap gap-2">
        {(Object.keys(labels) as QueueView[]).map((v) => (
          <Link
            key={v}
            href={`/tickets?view=${v}`}
            aria-current={v === view ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ${v === view ? 'bg-brand-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50'}`}
          >
            {labels[v]} <span>({data.counts[v]})</span>
          </Link>
        ))}
      </nav>

      <ShortcutHelp open={help} onClose={() => setHelp(false)} />

      <BulkSelectableTable
        rows={data.rows}
        label={labels[view]}
        caption={`${labels[view]}: sorted by priority, then oldest first. Press ? for keyboard shortcuts.`}
        empty="Nothing here. Nice work."
        reference={reference}
        bulkUpdate={bulkUpdate}
        selection={selection}
        onChanged={() => void queryClient.invalidateQueries({ queryKey: ['queue'] })}
        active={{ index: selected, onActivate: setSelected, bodyRef: rowsRef }}
      />
      <div className="mt-4 flex gap-3">
        {after ? (
          <Link
            href={`/tickets?view=${view}`}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300"
          >
            First page
          </Link>
        ) : null}
        {data.next ? (
          <Link
            href={`/tickets?view=${view}&after=${data.next}`}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-300"
          >
            Next page
          </Link>
        ) : null}
      </div>
    </>
  );
}
