import { fail } from '@/lib/core/result';

const INT4_MAX = 2_147_483_647;

/** How a request number reads everywhere: `#1042`. */
export const formatNumber = (n: number): string => `#${n}`;

/** A request number from a URL or form: anything that is not one (or too big for the column) is "not found". */
export function requestNumber(raw: unknown): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > INT4_MAX) fail('not_found', 'Request not found.');
  return n;
}
