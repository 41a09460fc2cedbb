import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { seedDemo, seedNow } from '@/lib/seed/demo';
import { formatCern } from '@/lib/cern/format';
import { buildRollups } from '@/lib/metrics/rollup';
import { refreshStageSpans } from '@/lib/metrics/refresh-stage-spans';
import { loadCatalog } from './bulk/catalog';
import { insertCustomersSql, insertOrganizationsSql, organizationCount } from './bulk/customers';
import { ticketModel } from './bulk/model';
import { insertEventsSql, insertMessagesSql, insertSurveysSql } from './bulk/threads';
import { ticketStatements, type TicketPlan } from './bulk/tickets';

export const DEFAULT_BULK_TICKETS = 1_000_000;
/** Tickets per INSERT … SELECT; their messages (~5 each) go in one statement too. */
const DEFAULT_BATCH = 100_000;
/** Three years of history before `now`. */
const HISTORY_DAYS = 3 * 365;

export interface BulkOptions {
  /** Tickets in all, the demo's included. */
  tickets?: number;
  now?: Date;
  batch?: number;
  /** More connections to the same database (one each): batches run on all of them at once. */
  helpers?: Db[];
  log?: (line: string) => void;
}

export interface BulkSummary {
  tickets: number;
  customers: number;
  organizations: number;
  messages: number;
  events: number;
  surveys: number;
  exceptions: number;
  seconds: number;
}

const affected = (result: unknown): number =>
  Number((result as { count?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0);
const fmt = (n: number) => n.toLocaleString('en');

/**
 * Fills a PostgreSQL database to `tickets` tickets with ~5 messages each, one customer per five
 * tickets and three years of history, in minutes: the demo first (so its sign-ins, teams and
 * categories exist; it empties the database), then volume with server-side INSERT … SELECT over
 * generate_series, one statement per batch. Every value derives from hashes of the row's key, so
 * the same `now` and `tickets` give the same data. Needs its own single connection (`max: 1`):
 * it sets session options for the load.
 */
export async function seedBulk(db: Db, options: BulkOptions = {}): Promise<BulkSummary> {
  const started = performance.now();
  const now = options.now ?? seedNow();
  const total = options.tickets ?? DEFAULT_BULK_TICKETS;
  const batch = options.batch ?? DEFAULT_BATCH;
  const log = options.log ?? (() => {});
  const elapsed = () => `[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s]`;
  const connections = [db, ...(options.helpers ?? [])];
  const run = async (text: string, on: Db = db, onRows?: (rows: Record<string, unknown>[]) => void) => {
    const result = await on.execute(sql.raw(text));
    if (!onRows) return affected(result);
    const rows = rowsOf<Record<string, unknown>>(result);
    onRows(rows);
    return rows.length;
  };
  /**
   * Runs `statement(lo, hi)` over 1..count in batches, spread over every connection, logging
   * progress; returns the rows written.
   */
  const inBatches = async (
    label: string,
    count: number,
    size: number,
    statement: (lo: number, hi: number) => string,
    onRows?: (rows: Record<string, unknown>[]) => void,
  ) => {
    const ranges: [number, number][] = [];
    for (let lo = 1; lo <= count; lo += size) ranges.push([lo, Math.min(count, lo + size - 1)]);
    let rows = 0;
    let done = 0;
    const work = async (on: Db) => {
      for (let range = ranges.shift(); range; range = ranges.shift()) {
        const t0 = performance.now();
        const written = await run(statement(...range), on, onRows);
        rows += written;
        done += range[1] - range[0] + 1;
        const s = (performance.now() - t0) / 1000;
        log(
          `${elapsed()} ${label.padEnd(13)} ${fmt(done).padStart(11)} / ${fmt(count)}  +${fmt(written)} rows in ${s.toFixed(1)} s (${fmt(Math.round(written / s))}/s)`,
        );
      }
    };
    await Promise.all(connections.map(work));
    return rows;
  };

  const demo = await seedDemo(db, { now });
  log(`${elapsed()} demo seeded: ${fmt(demo.tickets)} tickets, ${fmt(demo.customers)} customers`);
  if (total < demo.tickets) throw new Error(`--tickets must be at least the demo's ${demo.tickets}`);

  // Session settings for a load, not the schema: nothing is dropped or deferred.
  for (const on of connections) {
    await on.execute(sql`set synchronous_commit = off`);
    await on.execute(sql`set jit = off`);
    await on.execute(sql`set work_mem = '256MB'`);
    await on.execute(sql`set maintenance_work_mem = '1GB'`);
    // Search indexes (GIN) take new entries into a pending list; a larger one is merged less often,
    // in bigger sorted runs, and the final VACUUM merges the rest.
    await on.execute(sql`set gin_pending_list_limit = '256MB'`);
  }

  const catalog = await loadCatalog(db);
  const model = ticketModel(catalog);
  const [maxRow] = rowsOf<{ max: number }>(await db.execute(sql`select max(number)::int as max from tickets`));
  const plan: TicketPlan = {
    firstNumber: (maxRow?.max ?? 1000) + 1,
    total: total - demo.tickets,
    customers: Math.max(1, Math.round(total / 5) - demo.customers),
    now,
    days: HISTORY_DAYS,
  };
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const lastNumber = plan.firstNumber + plan.total - 1;
  // Threads are written per range of ticket numbers, the same ranges as the ticket batches.
  const byNumber = (statement: (lo: number, hi: number) => string) => (lo: number, hi: number) =>
    statement(plan.firstNumber + lo - 1, plan.firstNumber + hi - 1);

  const organizations = organizationCount(plan.customers);
  await run(insertOrganizationsSql(organizations, since));
  log(`${elapsed()} organizations ${fmt(organizations)}`);
  const customers = await inBatches('customers', plan.customers, batch * 2, (lo, hi) =>
    insertCustomersSql(lo - 1, hi - 1, organizations, since),
  );
  const statements = ticketStatements(plan, catalog, model);
  // CERNs are numbered in order of raising across every batch (and the demo's), so when each
  // exception is raised is worked out first, and each batch is inserted with its CERNs in place.
  const raised: { n: number; us: number }[] = [];
  await inBatches(
    'exceptions',
    plan.total,
    batch * 2,
    (lo, hi) => statements.exceptions(lo, hi),
    (rows) => raised.push(...rows.map((r) => ({ n: Number(r.n), us: Number(r.us) }))),
  );
  const cerns = await numberExceptions(db, raised);
  log(`${elapsed()} CERNs numbered gap-free per year in order of raising: ${fmt(cerns.size)}`);
  const tickets = await inBatches('tickets', plan.total, batch, (lo, hi) => {
    const mine = [...cerns].filter(([n]) => n >= plan.firstNumber + lo - 1 && n <= plan.firstNumber + hi - 1);
    return statements.insert(lo, hi, mine);
  });
  await db.execute(sql`select setval('ticket_number_seq', (select max(number) from tickets) + 1, false)`);

  // Different tables: the three run side by side, each spread over every connection.
  const [messages, events] = await Promise.all([
    inBatches(
      'messages',
      plan.total,
      batch,
      byNumber((lo, hi) => insertMessagesSql(lo, hi, model, now)),
    ),
    inBatches(
      'events',
      plan.total,
      batch,
      byNumber((lo, hi) => insertEventsSql(lo, hi, model, now)),
    ),
    inBatches(
      'surveys',
      plan.total,
      batch,
      byNumber((lo, hi) => insertSurveysSql(lo, hi, model, now)),
    ),
  ]);
  log(`${elapsed()} tickets #${plan.firstNumber}–#${lastNumber} written; vacuum and analyze…`);

  // Autovacuum may be off or slow to start: set the visibility map and statistics now, so the
  // first queries plan and run as they will on a settled database.
  await db.execute(
    sql`vacuum (analyze) organizations, customers, tickets, messages, ticket_events, surveys, cern_counters`,
  );
  log(`${elapsed()} vacuum analyze done`);

  // The dashboard's daily rollups (lib/metrics/rollup.ts), built once from every row.
  const rollup = await buildRollups(db, now);
  await db.execute(sql`vacuum (analyze) metric_rollups`);
  log(`${elapsed()} dashboard rollups built: ${fmt(rollup.rows)} rows`);

  // Cycle time per stage: every request's spans (the trigger marked them all as their events went
  // in), worked off as the job does, in bigger batches, then the rollup of the days they touched.
  // One run without a time budget, so each touched day is recomputed once, at the end.
  const spans = await refreshStageSpans(db, 5_000, Number.POSITIVE_INFINITY);
  log(`${elapsed()} stage spans derived for ${fmt(spans.tickets)} requests, cycle-time rollup built`);
  await db.execute(sql`vacuum (analyze) ticket_stage_spans, stage_cycle_rollups`);

  return {
    tickets: demo.tickets + tickets,
    customers: demo.customers + customers,
    organizations: await countRows(db, 'organizations'),
    messages: demo.messages + messages,
    events: demo.events + events,
    surveys: await countRows(db, 'surveys'),
    exceptions: await countRows(db, 'exceptions'),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/**
 * CERNs for every exception, demo and bulk alike, numbered per year in order of raising without
 * gaps (as nextCern would have given them). The demo's tickets and their events are renumbered
 * here and the counters set; the bulk tickets get theirs as they are inserted.
 */
async function numberExceptions(db: Db, bulk: { n: number; us: number }[]): Promise<Map<number, string>> {
  const demo = rowsOf<{ n: number; us: string }>(
    await db.execute(
      sql`select number as n, (extract(epoch from exception_raised_at) * 1000000)::bigint::text as us from tickets where exception_raised_at is not null`,
    ),
  );
  const all = [...bulk, ...demo.map((d) => ({ n: Number(d.n), us: Number(d.us) }))].sort(
    (a, b) => a.us - b.us || a.n - b.n,
  );
  const last = new Map<number, number>();
  const cerns = new Map<number, string>();
  for (const { n, us } of all) {
    const year = new Date(Math.floor(us / 1000)).getUTCFullYear();
    const sequence = (last.get(year) ?? 0) + 1;
    last.set(year, sequence);
    cerns.set(n, formatCern(year, sequence));
  }
  const renumbered = demo.map((d) => [Number(d.n), cerns.get(Number(d.n)) ?? ''] as const);
  await db.execute(sql`update tickets set cern = null where cern is not null`);
  if (renumbered.length > 0) {
    const values = sql.join(
      renumbered.map(([n, cern]) => sql`(${n}::int, ${cern})`),
      sql`, `,
    );
    await db.execute(sql`update tickets t set cern = v.cern from (values ${values}) v(n, cern) where t.number = v.n`);
    await db.execute(
      sql`update ticket_events e set to_value = t.cern from tickets t where t.id = e.ticket_id and e.type = 'exception_raised' and e.to_value is distinct from t.cern`,
    );
  }
  await db.execute(sql`delete from cern_counters`);
  for (const [year, lastValue] of last)
    await db.execute(sql`insert into cern_counters (year, last_value) values (${year}, ${lastValue})`);
  for (const { n } of demo) cerns.delete(Number(n));
  return cerns;
}

const COUNTS = {
  surveys: 'select count(*) from surveys',
  organizations: 'select count(*) from organizations',
  exceptions: 'select count(*) from tickets where cern is not null',
};

async function countRows(db: Db, what: keyof typeof COUNTS): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select (${COUNTS[what]})::int as n`)));
  return row?.n ?? 0;
}
