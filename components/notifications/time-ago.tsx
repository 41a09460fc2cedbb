'use client';

import { useSyncExternalStore } from 'react';
import { formatAge, formatDateTime } from '@/components/format';

const noSubscribe = () => () => {};

/**
 * "12m ago" counted in the browser, the exact time in the viewer's zone as its title. The server
 * (and hydration) show the exact UTC time, as LocalTime does, so the two renders agree.
 */
export function TimeAgo({ value }: { value: Date | string }) {
  const inBrowser = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={inBrowser ? formatDateTime(value, 'local') : undefined}>
      {inBrowser ? `${formatAge(value)} ago` : formatDateTime(value, 'UTC')}
    </time>
  );
}
