import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDb, type Db } from '@/db/client';
import { DEMO_PASSWORD } from '@/lib/seed/demo';
import type { Actor } from '@/lib/auth/actor';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { QUEUE_VIEWS } from '@/lib/tickets/queue';
import { actorFor } from '@/bench/fixtures';
import { HttpAgent, memoryOf } from '@/bench/http-agent';
import { writeHttpResult } from '@/bench/results-file';

/**
 * `npm run bench:load`: simulated agents against a running Cairn server on this machine, each
 * signed in through next-auth, looping for a bounded time over queue pages, ticket pages and
 * replies. Prints requests/s, p50/p95/p99 and errors per kind, and the server's peak memory.
 *
 *   LOAD_URL       the server (default http://127.0.0.1:3000; only 127.0.0.1/localhost)
 *   LOAD_AGENTS    simulated agents (default 50), signed in as the seeded agents in turn
 *   LOAD_SECONDS   how long to loop (default 60)
 *   LOAD_THINK_MS  pause between one agent's actions (default 0: as fast as the server answers)
 *   SERVER_PID     the server's pid for memory (default: every `next-server` process found)
 *   LOAD_RESULTS_KEY  also write the figures to bench/results.json → http.load.<key>
 *                  (e.g. "one_process", "cluster_2"; npm run bench:http's part of the file)
 *   DATABASE_URL   the server's database: replies go through lib/ replyToTicket directly when
 *                  the server has no POST /api/v1/tickets/N/messages (server actions are awkward
 *                  over raw HTTP); without it, replies are skipped.
 */
const BASE = (process.env.LOAD_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const AGENTS = Number(process.env.LOAD_AGENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 0);
const EMAILS = [
  'agent@demo.test',
  'agent2@demo.test',
  'priya.patel@demo.test',
  'jonas.berg@demo.test',
  'mei.chen@demo.test',
  'tomas.rivera@demo.test',
  'grace.okafor@demo.test',
  'noah.fischer@demo.test',
];
const VIEWS = Object.keys(QUEUE_VIEWS);

if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(BASE).hostname)) {
  console.error(`bench:load only talks to this machine; LOAD_URL=${BASE} is not 127.0.0.1`);
  process.exit(1);
}

type Kind = 'queue page' | 'ticket page' | 'reply';
const samples: Record<Kind, number[]> = { 'queue page': [], 'ticket page': [], reply: [] };
const errors: Record<Kind, number> = { 'queue page': 0, 'ticket page': 0, reply: 0 };
const errorExamples: string[] = [];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** Times one action; anything but a 2xx (or a thrown error) counts as an error. */
async function timed(kind: Kind, action: () => Promise<{ ok: boolean; detail: string }>): Promise<void> {
  const start = performance.now();
  try {
    const { ok, detail } = await action();
    samples[kind].push(performance.now() - start);
    if (!ok) {
      errors[kind]++;
      if (errorExamples.length < 5) errorExamples.push(`${kind}: ${detail}`);
    }
  } catch (error) {
    errors[kind]++;
    if (errorExamples.length < 5)
      errorExamples.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function page(agent: HttpAgent, path: string): Promise<{ ok: boolean; detail: string; html: string }> {
  const response = await agent.request(path);
  const html = await response.text();
  return {
    ok: response.status === 200,
    detail: `GET ${path} → ${response.status} ${response.headers.get('location') ?? ''}`,
    html,
  };
}

/** Whether the server has a REST reply route: an empty POST is refused as invalid (400/422) if it does. */
async function hasReplyRoute(agent: HttpAgent, number: number): Promise<boolean> {
  const response = await agent.request(`/api/v1/tickets/${number}/messages`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  await response.arrayBuffer();
  return response.status === 400 || response.status === 422;
}

function serverPids(): number[] {
  if (process.env.SERVER_PID) return [Number(process.env.SERVER_PID)];
  try {
    return execFileSync('pgrep', ['-f', 'next-server'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

// Sign in (a few at a time: each is a password hash check on the server).
const agents = Array.from({ length: AGENTS }, (_, i) => new HttpAgent(BASE, EMAILS[i % EMAILS.length] as string));
for (let i = 0; i < agents.length; i += 5)
  await Promise.all(agents.slice(i, i + 5).map((a) => a.signIn(DEMO_PASSWORD)));
console.log(`${AGENTS} agents signed in to ${BASE} (${EMAILS.length} accounts, several sessions each)`);

const first = await page(agents[0] as HttpAgent, '/tickets?view=open');
const seedNumbers = [...first.html.matchAll(/\/tickets\/(\d+)/g)].map((m) => Number(m[1]));
if (!first.ok || seedNumbers.length === 0)
  throw new Error(`the open queue did not load or showed no requests (${first.detail})`);
const viaApi = await hasReplyRoute(agents[0] as HttpAgent, seedNumbers[0] as number);
let db: Db | null = null;
let closeDb = async () => {};
const actors = new Map<string, Actor>();
if (!viaApi && process.env.DATABASE_URL) {
  const handle = openDb({ max: 10 });
  db = handle.db;
  closeDb = handle.close;
  for (const email of EMAILS) actors.set(email, await actorFor(db, email));
}
console.log(
  `replies: ${viaApi ? 'POST /api/v1/tickets/N/messages' : db ? 'lib/ replyToTicket on DATABASE_URL (no REST reply route on the server)' : 'skipped (no REST route, no DATABASE_URL)'}`,
);

const pids = serverPids();
const peak = new Map<number, { rssKb: number; hwmKb: number }>();
const sample = () => {
  for (const pid of pids) {
    const m = memoryOf(pid);
    if (m) peak.set(pid, { rssKb: Math.max(m.rssKb, peak.get(pid)?.rssKb ?? 0), hwmKb: m.hwmKb });
  }
};
sample();
const sampler = setInterval(sample, 250);

async function work(agent: HttpAgent, deadline: number): Promise<void> {
  const seen = new Set<number>(seedNumbers);
  while (performance.now() < deadline) {
    const roll = Math.random();
    if (roll < 0.45) {
      await timed('queue page', async () => {
        const result = await page(agent, `/tickets?view=${pick(VIEWS)}`);
        for (const m of result.html.matchAll(/\/tickets\/(\d+)/g)) if (seen.size < 500) seen.add(Number(m[1]));
        return result;
      });
    } else if (roll < 0.85 || (!viaApi && !db)) {
      await timed('ticket page', () => page(agent, `/tickets/${pick([...seen])}`));
    } else {
      const number = pick([...seen]);
      const body = `Load test reply at ${new Date().toISOString()}.`;
      await timed('reply', async () => {
        if (viaApi) {
          const response = await agent.request(`/api/v1/tickets/${number}/messages`, {
            method: 'POST',
            body: JSON.stringify({ body, visibility: 'public' }),
            headers: { 'content-type': 'application/json' },
          });
          await response.arrayBuffer();
          return { ok: response.ok, detail: `POST reply #${number} → ${response.status}` };
        }
        const result = await replyToTicket(db as Db, actors.get(agent.email) as Actor, {
          number,
          body,
          visibility: 'public',
        });
        return { ok: result.ok, detail: result.ok ? '' : `reply #${number}: ${result.message}` };
      });
    }
    if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * THINK_MS));
  }
}

const started = performance.now();
await Promise.all(agents.map((a) => work(a, started + SECONDS * 1000)));
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
sample();
await closeDb();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const total = Object.values(samples).reduce((n, s) => n + s.length, 0);
const totalErrors = Object.values(errors).reduce((n, e) => n + e, 0);
console.log(
  `\n${AGENTS} agents, ${seconds.toFixed(1)} s, think time ${THINK_MS} ms: ${total} requests, ${(total / seconds).toFixed(1)} requests/s, ${totalErrors} errors`,
);
console.log(
  `${'kind'.padEnd(14)}${'count'.padStart(8)}${'per s'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}`,
);
for (const kind of Object.keys(samples) as Kind[]) {
  const sorted = [...samples[kind]].sort((a, b) => a - b);
  const ms = (p: number) => percentile(sorted, p).toFixed(1).padStart(9);
  console.log(
    `${kind.padEnd(14)}${String(sorted.length).padStart(8)}${(sorted.length / seconds).toFixed(1).padStart(8)}${ms(50)}${ms(95)}${ms(99)}${String(errors[kind]).padStart(8)}`,
  );
}
for (const example of errorExamples) console.log(`  error: ${example}`);
if (process.env.LOAD_RESULTS_KEY) {
  const figures = Object.fromEntries(
    (Object.keys(samples) as Kind[]).map((kind) => {
      const sorted = [...samples[kind]].sort((a, b) => a - b);
      const ms = (p: number) => Math.round(percentile(sorted, p) * 10) / 10;
      return [
        kind.replace(' ', '_'),
        { count: sorted.length, p50_ms: ms(50), p95_ms: ms(95), p99_ms: ms(99), errors: errors[kind] },
      ];
    }),
  );
  writeHttpResult('load', process.env.LOAD_RESULTS_KEY, {
    agents: AGENTS,
    seconds: Math.round(seconds),
    think_ms: THINK_MS,
    requests_per_s: Math.round((total / seconds) * 10) / 10,
    errors: totalErrors,
    ...figures,
    load_average: loadavg()[0],
    at: new Date().toISOString(),
  });
}
if (peak.size === 0) console.log('server memory: no server process found (set SERVER_PID)');
for (const [pid, m] of peak)
  console.log(
    `server pid ${pid}: peak RSS during the run ${(m.rssKb / 1024).toFixed(0)} MB, VmHWM (since start) ${(m.hwmKb / 1024).toFixed(0)} MB`,
  );
process.exitCode = totalErrors > 0 ? 1 : 0;
