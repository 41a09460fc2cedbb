'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';

type Status = 'available' | 'away';
interface AvailabilityData {
  status: Status;
  changedAt: string | null;
}

const KEY = ['availability'];
const noSubscribe = () => () => {};

async function fetchAvailability(): Promise<AvailabilityData> {
  const response = await fetch('/api/v1/availability', { cache: 'no-store' });
  if (!response.ok) throw new Error(`availability: ${response.status}`);
  return (await response.json()) as AvailabilityData;
}

async function putAvailability(status: Status): Promise<AvailabilityData & { pickedUp: number }> {
  const response = await fetch('/api/v1/availability', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  const body = (await response.json().catch(() => null)) as
    (AvailabilityData & { pickedUp: number }) | { message?: string } | null;
  if (!response.ok || !body || !('status' in body))
    throw new Error((body && 'message' in body && body.message) || 'Could not change your availability. Try again.');
  return body;
}

/**
 * The staff header's availability switch: available (automatic assignment may give you new
 * requests) or away (it skips you). A real button with role switch, so Space and Enter toggle it;
 * the outcome is announced in a polite live region. Shown once the browser knows the state.
 */
export function AvailabilitySwitch() {
  const inBrowser = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const client = useQueryClient();
  const { data } = useQuery({ queryKey: KEY, queryFn: fetchAvailability, enabled: inBrowser });
  const [message, setMessage] = useState('');
  const change = useMutation({
    mutationFn: putAvailability,
    onSuccess: (result) => {
      client.setQueryData(KEY, { status: result.status, changedAt: result.changedAt });
      setMessage(
        result.status === 'away'
          ? 'You are away: no new requests are assigned to you.'
          : `You are available for new requests.${
              result.pickedUp > 0
                ? ` ${result.pickedUp} waiting request${result.pickedUp === 1 ? ' was' : 's were'} assigned.`
                : ''
            }`,
      );
    },
    onError: (error) => setMessage(error.message),
  });

  const available = data?.status === 'available';
  return (
    <div className="flex items-center gap-2">
      {data ? (
        <button
          type="button"
          role="switch"
          aria-checked={available}
          aria-label="Available for new requests"
          disabled={change.isPending}
          onClick={() => change.mutate(available ? 'away' : 'available')}
          className="inline-flex items-center gap-2 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 focus:ring-2 focus:ring-brand-100 focus:outline-none disabled:opacity-60"
        >
          <span
            aria-hidden="true"
            className={`inline-block h-2.5 w-2.5 rounded-full ${available ? 'bg-green-600' : 'bg-slate-400'}`}
          />
          {available ? 'Available' : 'Away'}
        </button>
      ) : null}
      <span aria-live="polite" className={change.isError ? 'text-sm text-red-700' : 'sr-only'}>
        {message}
      </span>
    </div>
  );
}
