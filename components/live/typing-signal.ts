'use client';

/** The reply box and the presence bar live in different components: this tiny bus connects them. */
const listeners = new Set<() => void>();

export function signalTyping(): void {
  for (const fn of listeners) fn();
}

export function onTyping(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
