'use client';

import { signOut } from 'next-auth/react';
import { useActionState, useEffect } from 'react';
import { formatDateTime } from '@/components/format';
import { Button } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import type { SessionSummary } from '@/lib/auth/sessions';
import type { ActionState } from '@/lib/core/action-state';

type EndAction = (
  prev: ActionState<{ current: boolean }>,
  formData: FormData,
) => Promise<ActionState<{ current: boolean }>>;

/** A rough device name from the user agent ("Firefox on Linux"); the full string is in the title. */
function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'A browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'an unknown system';
  return `${browser} on ${system}`;
}

export function SessionList({ sessions, endAction }: { sessions: SessionSummary[]; endAction: EndAction }) {
  if (sessions.length === 0) return <p className="text-sm text-slate-600">No open sessions.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {sessions.map((s) => (
        <SessionRow key={s.id} session={s} endAction={endAction} />
      ))}
    </ul>
  );
}

function SessionRow({ session, endAction }: { session: SessionSummary; endAction: EndAction }) {
  const [state, submit, pending] = useActionState(endAction, null);
  useEffect(() => {
    if (state?.ok && state.data?.current) void signOut({ callbackUrl: '/signin' });
  }, [state]);
  const name = deviceName(session.userAgent);
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      <div className="text-sm">
        <p className="font-medium text-slate-800" title={session.userAgent ?? undefined}>
          {name}
          {session.current ? (
            <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800">
              This session
            </span>
          ) : null}
        </p>
        <p className="text-slate-600">
          Signed in <LocalTime value={session.createdAt} /> · last active <LocalTime value={session.lastSeenAt} />
        </p>
        {state && !state.ok ? (
          <p role="alert" className="text-red-700">
            {state.error}
          </p>
        ) : null}
      </div>
      <form action={submit}>
        <input type="hidden" name="sessionId" value={session.id} />
        <Button
          type="submit"
          variant="secondary"
          disabled={pending}
          aria-label={`End session: ${name}, signed in ${formatDateTime(session.createdAt)}`}
        >
          End
        </Button>
      </form>
    </li>
  );
}
