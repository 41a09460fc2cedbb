'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useLiveEvents } from '@/components/live/use-live-events';
import { TimeAgo } from './time-ago';

interface BellItem {
  id: string;
  summary: string;
  ticketNumber: number | null;
  ticketSubject: string;
  createdAt: string;
  readAt: string | null;
}

interface BellData {
  items: BellItem[];
  unread: number;
}

const BELL_KEY = ['notifications', 'bell'];
const noSubscribe = () => () => {};

async function fetchBell(): Promise<BellData> {
  const response = await fetch('/api/v1/notifications?limit=8', { cache: 'no-store' });
  if (!response.ok) throw new Error(`notifications: ${response.status}`);
  return (await response.json()) as BellData;
}

export const bellLabel = (unread: number): string => `Notifications, ${unread} unread`;

/**
 * The bell in the staff header: the unread count, live (the event stream says when this person's
 * notifications change, from whichever instance), and a panel of the latest. Each entry goes
 * through /notifications/:id, which marks it read and opens the request. Before any script has
 * run it is a plain link to /notifications.
 */
export function NotificationBell() {
  const inBrowser = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const client = useQueryClient();
  const { data, refetch } = useQuery({ queryKey: BELL_KEY, queryFn: fetchBell, enabled: inBrowser });
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useLiveEvents({ onNotification: () => void refetch(), onReconnect: () => void refetch() });

  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const unread = data?.unread ?? 0;
  const badge =
    unread > 0 ? (
      <span
        aria-hidden="true"
        className="absolute -top-1 -right-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs leading-5 font-semibold text-white"
      >
        {unread > 99 ? '99+' : unread}
      </span>
    ) : null;

  if (!inBrowser)
    return (
      <Link
        href="/notifications"
        aria-label="Notifications"
        className="relative rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
      >
        <BellIcon />
      </Link>
    );

  async function markAllRead() {
    await fetch('/api/v1/notifications', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ all: true }),
    });
    await client.invalidateQueries({ queryKey: BELL_KEY });
  }

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        // No count until it is known: "0 unread" while loading would be a claim.
        aria-label={data ? bellLabel(unread) : 'Notifications'}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.preventDefault();
            close();
          }
        }}
        className="relative rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100 focus:ring-2 focus:ring-brand-100 focus:outline-none"
      >
        <BellIcon />
        {badge}
      </button>
      {open ? (
        <div
          id={panelId}
          role="region"
          aria-label="Notifications"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
          className="fixed inset-x-2 top-16 z-30 rounded-md border border-slate-200 bg-white shadow-lg sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <h2 className="text-sm font-semibold text-slate-800">Notifications</h2>
            {unread > 0 ? (
              <button
                type="button"
                onClick={() => void markAllRead()}
                className="rounded px-2 py-1 text-sm text-brand-700 hover:bg-slate-100"
              >
                Mark all read
              </button>
            ) : null}
          </div>
          {data && data.items.length > 0 ? (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {data.items.map((n) => (
                <li key={n.id}>
                  <a
                    href={`/notifications/${n.id}`}
                    className={`block px-3 py-2 text-sm hover:bg-slate-50 ${n.readAt ? 'text-slate-600' : 'bg-brand-50/40 text-slate-900'}`}
                  >
                    <span className="block font-medium">
                      {n.ticketNumber !== null ? `#${n.ticketNumber} ` : null}
                      {n.ticketSubject}
                      {n.readAt ? null : <span className="sr-only"> (unread)</span>}
                    </span>
                    <span className="block">{n.summary}</span>
                    <span className="block text-xs text-slate-600">
                      <TimeAgo value={n.createdAt} />
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="px-3 py-4 text-sm text-slate-600">{data ? 'Nothing new.' : 'Loading…'}</p>
          )}
          <div className="border-t border-slate-100 px-3 py-2">
            <Link href="/notifications" className="text-sm text-brand-700 hover:underline">
              See all notifications
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
