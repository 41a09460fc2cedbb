'use client';

import { useViewerZone } from '@/components/ui/local-time';
import type { TimelineEvent } from '@/lib/tickets/get-ticket';
import { eventText } from './event-text';

/** An event's words with the times it names (an SLA due time) in the viewer's zone, as LocalTime does. */
export function EventLine({ event }: { event: TimelineEvent }) {
  return <span>{eventText(event, useViewerZone())}</span>;
}
