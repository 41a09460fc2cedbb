/**
 * The delivery rules (one owner; docs/webhooks.md quotes them).
 *
 * - Retries: an attempt that fails (no 2xx within 10 s) is tried again after 1, 2, 4, … minutes
 *   (`WEBHOOKS_RETRY_BASE_SECONDS`, default 60, doubling, at most 6 h apart), 10 attempts in all
 *   (~8.5 h), then the delivery is `failed` (an admin may redeliver it).
 * - Pausing: a subscription whose last PAUSE_AFTER_FAILURES attempts all failed, the first of them
 *   at least PAUSE_AFTER_HOURS ago, is paused and its owner told. Both must hold: a burst of
 *   failures in a short outage does not pause, nor does one slow failure a day.
 */
export const MAX_ATTEMPTS = 10;
export const MAX_RETRY_DELAY_SECONDS = 6 * 3600;
export const PAUSE_AFTER_FAILURES = 15;
export const PAUSE_AFTER_HOURS = 24;

export function retryBaseSeconds(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.WEBHOOKS_RETRY_BASE_SECONDS);
  return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 60;
}

/** Seconds to wait after failed attempt number `attempt` (1-based); null: no retry follows. */
export function retryDelaySeconds(attempt: number, baseSeconds = 60): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return Math.min(baseSeconds * 2 ** (attempt - 1), MAX_RETRY_DELAY_SECONDS);
}

export function shouldPause({
  consecutiveFailures,
  failingSince,
  now,
}: {
  consecutiveFailures: number;
  failingSince: Date | null;
  now: Date;
}): boolean {
  return (
    consecutiveFailures >= PAUSE_AFTER_FAILURES &&
    failingSince !== null &&
    now.getTime() - failingSince.getTime() >= PAUSE_AFTER_HOURS * 3600_000
  );
}
