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

/** One EventSource per URL for the whole page, shared by every component that listens to it. */
const shared = new Map<string, { source: EventSource; users: number }>();

function acquire(url: string): EventSource {
  const entry = shared.get(url) ?? { source: new EventSource(url), users: 0 };
  entry.users += 1;
  shared.set(url, entry);
  return entry.source;
}

function release(url: string): void {
  const entry = shared.get(url);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  entry.source.close();
  shared.delete(url);
}

/**
 * Subscribes to the workspace's server-sent events (`ticket` narrows them to one ticket and adds
 * its presence). Components on one page share one connection per URL. The browser's EventSource
 * reconnects by itself after a network drop or a server restart; `onReconnect` lets the caller
 * refetch what it missed.
 */
export function useLiveEvents(handlers: {
  ticket?: number;
  onTicket?: (change: TicketChangeEvent) => void;
  onPresence?: (presence: PresenceEntry[]) => void;
  /** The signed-in user's notifications changed (new, or read in another tab): refetch them. */
  onNotification?: () => void;
  onReconnect?: () => void;
}): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  const watched = handlers.ticket;

  useEffect(() => {
    const url = watched ? `/api/v1/events?ticket=${watched}` : '/api/v1/events';
    const source = acquire(url);
    // A source another component opened has already said "ready": the next one is a reconnect.
    let opened = source.readyState === EventSource.OPEN;
    const onReady = () => {
      if (opened) ref.current.onReconnect?.();
      opened = true;
    };
    const onTicket = (e: Event) =>
      ref.current.onTicket?.(JSON.parse((e as MessageEvent<string>).data) as TicketChangeEvent);
    const onPresence = (e: Event) =>
      ref.current.onPresence?.(JSON.parse((e as MessageEvent<string>).data) as PresenceEntry[]);
    source.addEventListener('ready', onReady);
    source.addEventListener('ticket', onTicket);
    const onNotification = () => ref.current.onNotification?.();
    source.addEventListener('presence', onPresence);
    source.addEventListener('notification', onNotification);
    return () => {
      source.removeEventListener('notification', onNotification);
      source.removeEventListener('ready', onReady);
      source.removeEventListener('ticket', onTicket);
      source.removeEventListener('presence', onPresence);
      release(url);
    };
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
      timer.current = null;
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
