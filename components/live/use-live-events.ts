'use client';

import { useEffect, useRef } from 'react';

export interface TicketChangeEvent {
  ticketId: string;
  number: number;
  type: string;
  actorUserId: string | null;
  at: string;
}

export interface PresenceEntry {
  userId: string;
  name: string;
  state: 'viewing' | 'typing';
}

/**
 * Subscribes to the workspace's server-sent events. The browser's EventSource reconnects by itself
 * after a network drop or a server restart; `onReconnect` lets the caller refetch what it missed.
 */
export function useLiveEvents(handlers: {
  ticket?: number;
  onTicket?: (change: TicketChangeEvent) => void;
  onPresence?: (presence: PresenceEntry[]) => void;
  onReconnect?: () => void;
}): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  const watched = handlers.ticket;

  useEffect(() => {
    const source = new EventSource(watched ? `/api/v1/events?ticket=${watched}` : '/api/v1/events');
    let opened = false;
    source.addEventListener('ready', () => {
      if (opened) ref.current.onReconnect?.();
      opened = true;
    });
    source.addEventListener('ticket', (e) => ref.current.onTicket?.(JSON.parse((e as MessageEvent<string>).data) as TicketChangeEvent));
    source.addEventListener('presence', (e) => ref.current.onPresence?.(JSON.parse((e as MessageEvent<string>).data) as PresenceEntry[]));
    return () => source.close();
  }, [watched]);
}
