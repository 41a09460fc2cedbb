'use client';

/**
 * Text offered to the reply box from elsewhere on the ticket page (a suggested article's link):
 * a tiny bus like typing-signal.ts, since the two live in different components. The reply box
 * adds the text as a macro fills it — for review, nothing is sent. Answers whether a reply box took it.
 */
const listeners = new Set<(text: string) => void>();

export function insertIntoReply(text: string): boolean {
  for (const fn of listeners) fn(text);
  return listeners.size > 0;
}

export function onInsertIntoReply(fn: (text: string) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
