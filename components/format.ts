import type { SlaDue } from '@/lib/sla/due';

/**
 * One owner for how the UI writes times and numbers. Instants are shown in the viewer's time zone:
 * 'local' is the runtime's own zone (the browser's); 'UTC' is what the server renders before the
 * browser takes over (components/ui/local-time.tsx).
 */
export type Zone = 'local' | (string & {});

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  zone: Zone,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', zone === 'local' ? options : { ...options, timeZone: zone });
    cache.set(zone, format);
  }
  return format;
}

export const formatDateTime = (d: Date | string, zone: Zone = 'UTC'): string =>
  cached(dateTimeFormats, zone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(d));
export const formatDate = (d: Date | string, zone: Zone = 'UTC'): string =>
  cached(dateFormats, zone, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(d));

/** "3d 4h", "5h 10m", "12m": how long something has waited. */
export function formatAge(from: Date | string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** "2 h 10 m", "35 m", "3 d 4 h": a span of minutes for SLA times. */
export function formatSpan(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return `${m} m`;
  const hours = Math.floor(m / 60);
  if (hours < 24) return m % 60 ? `${hours} h ${m % 60} m` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
}

/** "due in 2 h 10 m", "overdue 35 m", "paused (pending)", "—". */
export function formatSlaDue(due: SlaDue): string {
  switch (due.kind) {
    case 'none':
      return '—';
    case 'paused':
      return 'paused (pending)';
    case 'due':
      return `due in ${formatSpan(due.minutes)}`;
    case 'overdue':
      return `overdue ${formatSpan(due.minutes)}`;
  }
}

export { formatNumber } from '@/lib/tickets/request-number';
