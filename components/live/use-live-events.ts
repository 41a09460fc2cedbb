'use client';

import { useCallback, useEffect, useRef } from 'react';

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

/**
 * Runs `action` once per burst: the first call starts a `ms` timer, calls during it are folded in.
 * The action still runs within `ms` of the first change, so the page stays "live within a second".
 */
export function useCoalesced(action: () => void, ms: number): () => void {
  const latest = useRef(action);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  }, [ms]);
}
