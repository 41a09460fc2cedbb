import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { openDb, rowsOf } from '@/db/client';
import { tickets, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { getDashboard } from '@/lib/metrics/dashboard';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { getTicketForStaff } from '@/lib/tickets/get-ticket';
import { listQueue, type QueueView } from '@/lib/tickets/queue';

/**
 * `npm run bench`: times the use cases the pages call, on the database in DATABASE_URL (or the
 * demo PGlite), through lib/ exactly as the app does: 20 warm-up runs, then 200 measured.
 * Prints p50/p95/p99 and writes bench/results.json so runs can be compared. It writes a few
 * tickets and replies (as the demo customer and agent); run it on a demo or bench database.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const handle = openDb({ max: 4 });
const db = handle.db;

async function actorFor(email: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`${email} not found: seed the database first (npm run seed)`);
  return { userId: u.id, role: u.role, name: u.name, email: u.email, customerId: u.customerId };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function measure(name: string, body: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await body(i);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await body(WARMUP + i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const row = { p50_ms: +percentile(times, 50).toFixed(2), p95_ms: +percentile(times, 95).toFixed(2), p99_ms: +percentile(times, 99).toFixed(2) };
  console.log(`${name.padEnd(28)} p50 ${row.p50_ms.toFixed(2).padStart(8)} ms   p95 ${row.p95_ms.toFixed(2).padStart(8)} ms   p99 ${row.p99_ms.toFixed(2).padStart(8)} ms`);
  return row;
}

const agent = await actorFor('agent@demo.test');
const customer = await actorFor('customer@demo.test');
const [counts] = rowsOf<{ tickets: number; messages: number }>(
  await db.execute(sql`select (select count(*) from tickets)::int as tickets, (select count(*) from messages)::int as messages`),
);
const [busy] = await db.select({ number: tickets.number }).from(tickets).where(eq(tickets.status, 'open')).limit(1);
if (!busy) throw new Error('no open ticket to reply to');

console.log(`Cairn bench — ${handle.kind}, ${counts?.tickets} tickets, ${counts?.messages} messages, ${WARMUP} warm-up + ${RUNS} runs each\n`);
const results: Record<string, unknown> = {};
for (const view of ['unassigned', 'mine', 'team', 'pending', 'open'] as QueueView[]) {
  results[`queue_${view}_first_page`] = await measure(`queue ${view}, first page`, () => listQueue(db, agent, { view }));
}
const first = await listQueue(db, agent, { view: 'open' });
if (first.next) results.queue_open_next_page = await measure('queue open, next page', () => listQueue(db, agent, { view: 'open', after: first.next! }));
results.ticket_page = await measure('ticket page', () => getTicketForStaff(db, agent, busy.number));
results.create_ticket = await measure('create ticket (portal)', (i) => submitRequest(db, customer, { subject: `Bench request ${i}`, description: 'Created by npm run bench.' }));
results.reply = await measure('public reply', (i) => replyToTicket(db, agent, { number: busy.number, body: `Bench reply ${i}`, visibility: 'public' }));
const now = new Date();
results.dashboard_30_days = await measure('dashboard, last 30 days', () => getDashboard(db, { from: new Date(now.getTime() - 30 * 86_400_000), to: now }));

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify({ database: handle.kind, tickets: counts?.tickets, messages: counts?.messages, at: new Date().toISOString(), results }, null, 2) + '\n');
console.log('\nwritten to bench/results.json');
await handle.close();
