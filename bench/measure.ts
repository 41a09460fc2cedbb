import { performance } from 'node:perf_hooks';

export interface Timing {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
}

export interface Row extends Timing {
  raw_p95_ms: number;
  /** The raw median too: on a 5 ms operation the p95 ratio is mostly the machine's noise. */
  raw_p50_ms: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (ms: number) => Math.round(ms * 100) / 100;

function summarize(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
  };
}

/**
 * `warmup` untimed rounds, then `runs` timed ones. Each round runs the raw replay, then the app
 * (run `i` gets its index: writes use it to vary their input), so both sides see the same
 * moment's machine: on a shared machine, timing one side after the other skews the ratio.
 */
export async function timePair(
  warmup: number,
  runs: number,
  app: (i: number) => Promise<unknown>,
  raw: () => Promise<unknown>,
): Promise<Row> {
  const appTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    await raw();
    const t1 = performance.now();
    await app(i);
    const t2 = performance.now();
    if (i >= warmup) {
      rawTimes.push(t1 - t0);
      appTimes.push(t2 - t1);
    }
  }
  const rawTiming = summarize(rawTimes);
  return { ...summarize(appTimes), raw_p95_ms: rawTiming.p95_ms, raw_p50_ms: rawTiming.p50_ms };
}

/** Issue 4's targets at 1M tickets (p95), by operation name prefix; views: the ~80 ms (count included) lib/tickets/views.ts was reworked to. */
const TARGETS: [prefix: string, p95: number][] = [
  ['queue_', 50],
  ['view_', 80],
  ['search_', 150],
  ['ticket_page', 50],
  ['create_ticket', 25],
  ['reply', 25],
];
const MAX_OVERHEAD = 1.5;

export const header = () =>
  `${'operation'.padEnd(34)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'raw p95'.padStart(10)}${'app/raw'.padStart(9)}${'at p50'.padStart(8)}  target p95`;

export function line(name: string, row: Row): string {
  const ratio = row.raw_p95_ms > 0 ? row.p95_ms / row.raw_p95_ms : NaN;
  const ratio50 = row.raw_p50_ms > 0 ? row.p50_ms / row.raw_p50_ms : NaN;
  const target = TARGETS.find(([prefix]) => name.startsWith(prefix))?.[1];
  const verdict = target === undefined ? '' : `≤ ${target} ms ${row.p95_ms <= target ? 'ok' : 'OVER'}`;
  const overhead = ratio > MAX_OVERHEAD ? ' (overhead > 1.5×)' : '';
  const ms = (v: number, width: number) => v.toFixed(2).padStart(width);
  return `${name.padEnd(34)}${ms(row.p50_ms, 9)}${ms(row.p95_ms, 9)}${ms(row.p99_ms, 9)}${ms(row.raw_p95_ms, 10)}${`${ratio.toFixed(2)}×`.padStart(9)}${`${ratio50.toFixed(2)}×`.padStart(8)}  ${verdict}${overhead}`;
}
