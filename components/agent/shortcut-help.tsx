'use client';

import { Dialog } from '@/components/ui/dialog';

const KEY = 'rounded border border-slate-300 px-1 font-mono';

/** The keyboard shortcuts of the queue and the ticket page, opened with `?` (Esc closes). */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt>
          <kbd className={KEY}>j</kbd> / <kbd className={KEY}>k</kbd>
        </dt>
        <dd>Next / previous request (queue)</dd>
        <dt>
          <kbd className={KEY}>Enter</kbd>
        </dt>
        <dd>Open the request (queue)</dd>
        <dt>
          <kbd className={KEY}>x</kbd>
        </dt>
        <dd>Select for a bulk change (queue)</dd>
        <dt>
          <kbd className={KEY}>r</kbd>
        </dt>
        <dd>Write a public reply (request)</dd>
        <dt>
          <kbd className={KEY}>n</kbd>
        </dt>
        <dd>Write an internal note (request)</dd>
        <dt>
          <kbd className={KEY}>/</kbd>
        </dt>
        <dd>Search</dd>
        <dt>
          <kbd className={KEY}>?</kbd>
        </dt>
        <dd>This help</dd>
      </dl>
    </Dialog>
  );
}
