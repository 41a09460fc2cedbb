'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLiveEvents, type PresenceEntry } from '@/components/live/use-live-events';
import { onTyping } from '@/components/live/typing-signal';
import { Timeline } from '@/components/tickets/timeline';
import { Button } from '@/components/ui/button';
import { ShortcutHelp } from './shortcut-help';
import type { TimelineEntry } from '@/lib/tickets/get-ticket';

const HEARTBEAT_MS = 10_000;
const TYPING_IDLE_MS = 5_000;

function announce(number: number, state: 'viewing' | 'typing' | 'left') {
  const body = JSON.stringify({ state });
  if (state === 'left' && typeof navigator.sendBeacon === 'function') {
    navigator.sendBeacon(`/api/v1/tickets/${number}/presence`, body);
    return;
  }
  void fetch(`/api/v1/tickets/${number}/presence`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
    keepalive: true,
  }).catch(() => {});
}

/**
 * Collision safety on the ticket page: who else is here (and typing), a notice as soon as someone
 * else changes the request, and the r/n shortcuts. Saving over their change is still refused by
 * the version check; this only warns first.
 */
export function LivePresence({ number, me }: { number: number; me: string }) {
  const [others, setOthers] = useState<PresenceEntry[]>([]);
  const [changedBy, setChangedBy] = useState<string | null>(null);
  const [help, setHelp] = useState(false);

  useLiveEvents({
    ticket: number,
    onPresence: (all) => setOthers(all.filter((p) => p.userId !== me)),
    onTicket: (change) => {
      if (change.number !== number || change.actorUserId === me) return;
      setChangedBy(change.type.replace(/_/g, ' '));
    },
  });

  useEffect(() => {
    let typingUntil = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    announce(number, 'viewing');
    const beat = setInterval(() => announce(number, Date.now() < typingUntil ? 'typing' : 'viewing'), HEARTBEAT_MS);
    const offTyping = onTyping(() => {
      const wasTyping = Date.now() < typingUntil;
      typingUntil = Date.now() + TYPING_IDLE_MS;
      if (!wasTyping) announce(number, 'typing');
      clearTimeout(idle);
      idle = setTimeout(() => announce(number, 'viewing'), TYPING_IDLE_MS);
    });
    const leave = () => announce(number, 'left');
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(beat);
      clearTimeout(idle);
      offTyping();
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [number]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement;
      if (
        e.metaKey ||
        e.ctrlKey ||
        e.altKey ||
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
        target.isContentEditable
      )
        return;
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById('header-search')?.focus();
        return;
      }
      if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
        return;
      }
      if (e.key !== 'r' && e.key !== 'n') return;
      const form = document.querySelector<HTMLFormElement>('form[aria-label="Reply"]');
      if (!form) return;
      e.preventDefault();
      // A click, not `checked = true`: the reply box keeps the choice in React state.
      form
        .querySelector<HTMLInputElement>(`input[name="visibility"][value="${e.key === 'r' ? 'public' : 'internal'}"]`)
        ?.click();
      form.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const typing = others.filter((p) => p.state === 'typing');
  const viewing = others.filter((p) => p.state === 'viewing');
  return (
    <>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
      <div className="space-y-2" aria-live="polite">
        {others.length > 0 ? (
          <p
            role="status"
            aria-label="Others on this request"
            className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900"
          >
            {viewing.length > 0 ? <>Also viewing: {viewing.map((p) => p.name).join(', ')}. </> : null}
            {typing.length > 0 ? (
              <>
                {typing.map((p) => p.name).join(', ')} {typing.length === 1 ? 'is' : 'are'} typing a reply…
              </>
            ) : null}
          </p>
        ) : null}
        {changedBy ? (
          <div
            role="alert"
            className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            <span>
              Someone else changed this request just now ({changedBy}). Saving your edits would be refused until you
              reload.
            </span>
            <Button variant="secondary" onClick={() => window.location.reload()}>
              Reload the request
            </Button>
          </div>
        ) : null}
      </div>
    </>
  );
}

/** The timeline, refetched whenever the request changes anywhere. */
export function LiveTimeline({ number, initial }: { number: number; initial: TimelineEntry[] }) {
  const queryClient = useQueryClient();
  const key = ['ticket', number, 'timeline'];
  const { data } = useQuery({
    queryKey: key,
    queryFn: async () => {
      const response = await fetch(`/api/v1/tickets/${number}/timeline`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`timeline request failed (${response.status})`);
      return ((await response.json()) as { timeline: TimelineEntry[] }).timeline;
    },
    initialData: initial,
    staleTime: 5_000,
  });
  useLiveEvents({
    ticket: number,
    onTicket: (change) => {
      if (change.number === number) void queryClient.invalidateQueries({ queryKey: key });
    },
    onReconnect: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return <Timeline entries={data} audience="staff" />;
}
