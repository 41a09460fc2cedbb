'use client';

import { useSyncExternalStore } from 'react';
import { formatDate, formatDateTime, formatSlaDue, type Zone } from '@/components/format';
import { slaDue, type SlaClock } from '@/lib/sla/due';

const noSubscribe = () => () => {};

/**
 * True in the browser after hydration, false on the server and during hydration: the server's
 * HTML (UTC) and the first client render agree, then React re-renders in the viewer's zone.
 */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

/** The zone to write instants in: the viewer's (the browser's) once hydrated, UTC on the server. */
export function useViewerZone(): Zone {
  return useInBrowser() ? 'local' : 'UTC';
}

/** An instant in the viewer's time zone (the browser's), as a machine-readable <time>. */
export function LocalTime({ value, dateOnly = false }: { value: Date | string; dateOnly?: boolean }) {
  const inBrowser = useInBrowser();
  const zone = useViewerZone();
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={inBrowser ? formatDateTime(value, zone) : undefined}>
      {dateOnly ? formatDate(value, zone) : formatDateTime(value, zone)}
    </time>
  );
}

/** "due in 2 h 10 m" / "overdue 35 m" / "paused (pending)", counted in the browser against its clock. */
export function SlaDueText({ clock, withTarget = false }: { clock: SlaClock; withTarget?: boolean }) {
  const inBrowser = useInBrowser();
  // The server renders the same words a moment earlier; the browser's render replaces them.
  const due = slaDue(clock, inBrowser ? new Date() : new Date(0));
  if (!inBrowser && due.kind !== 'none' && due.kind !== 'paused') return <span className="text-slate-600">…</span>;
  const text = formatSlaDue(due);
  const tone =
    due.kind === 'overdue' ? 'font-medium text-red-700' : due.kind === 'paused' ? 'text-amber-800' : 'text-slate-700';
  return (
    <span className={tone}>
      {withTarget && due.kind !== 'none'
        ? `${due.target === 'first response' ? 'First response' : 'Resolution'} `
        : null}
      {due.kind === 'due' || due.kind === 'overdue' ? <time dateTime={due.at.toISOString()}>{text}</time> : text}
    </span>
  );
}
