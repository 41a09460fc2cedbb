import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** One handle type for both drivers: services never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export function defaultDataDir(): string {
  return process.env.CAIRN_DATA_DIR ?? path.join(process.cwd(), '.data', 'pglite');
}

/**
 * Connection settings for PostgreSQL. `connect_timeout` is the longest a request waits for a
 * connection that does not come (the driver's default, 30 s, is what every request hung during
 * the restart in issue 11); `idle_timeout` lets a quiet pool shrink, so fewer connections are cut
 * when the server restarts; `max_lifetime` keeps the driver's default of 30–60 min. `backoff`
 * replaces the driver's, which grows with every failed connect of the pool (3^n/100 s, up to
 * 20 s): after a few seconds of outage a pool waited 20 s to try again although the server was
 * back. Half a second at most is enough to keep a down server from being hammered.
 */
export const POSTGRES_TIMEOUTS = {
  connect_timeout: 5,
  idle_timeout: 30,
  backoff: (retries: number) => Math.min(0.05 * retries, 0.5),
} as const;

/**
 * Where each kind of connection goes (docs/scaling.md). All three default to `DATABASE_URL`:
 *
 * - `DATABASE_URL`: the app's pool. It may point at a transaction pooler (PgBouncer
 *   `pool_mode = transaction`); then set `DATABASE_DIRECT_URL` too.
 * - `DATABASE_DIRECT_URL`: PostgreSQL itself, for whatever needs one session for longer than a
 *   transaction: the LISTEN connection of the live hub, migrations (a session advisory lock around
 *   them), pg-boss (its own pool and schema scripts). Set means "DATABASE_URL is pooled", so the
 *   app's pool stops using named prepared statements, which a transaction pooler (PgBouncer before
 *   1.21) would hand to another client's server connection.
 * - `DATABASE_REPLICA_URL`: a read replica for the read-heavy, staleness-tolerant reads
 *   (`getReadDb`: dashboard, search, exports). Nothing else reads it.
 */
export function databaseUrls(env: Record<string, string | undefined> = process.env): {
  app: string | undefined;
  direct: string | undefined;
  replica: string | undefined;
  pooled: boolean;
} {
  const app = env.DATABASE_URL || undefined;
  const direct = env.DATABASE_DIRECT_URL || undefined;
  return { app, direct: direct ?? app, replica: env.DATABASE_REPLICA_URL || undefined, pooled: !!app && !!direct };
}

/**
 * `DATABASE_URL` set → PostgreSQL through `postgres`; unset → embedded PGlite in ./.data.
 * `dataDir: 'memory://'` gives a throw-away PGlite (tests). `direct: true` opens
 * `DATABASE_DIRECT_URL` instead (migrations: their advisory lock is a session's); `prepare: false`
 * is forced behind a pooler (see `databaseUrls`).
 */
export function openDb(
  options: {
    url?: string;
    dataDir?: string;
    max?: number;
    direct?: boolean;
    prepare?: boolean;
    /** Called with the text of every statement the pool sends (tests pin statement counts with it). */
    onStatement?: (statement: string) => void;
  } = {},
): DbHandle {
  const urls = databaseUrls();
  const url = options.url ?? (options.dataDir ? undefined : options.direct ? urls.direct : urls.app);
  if (url) {
    const prepare = options.prepare ?? !(urls.pooled && url === urls.app);
    const pool = renewingPool(
      () =>
        // JIT off for the whole session: every query here is short, and at 1M tickets JIT spent
        // 90–140 ms compiling each dashboard query that then ran in 20–60 ms (npm run bench).
        // (PgBouncer refuses unknown startup parameters: its config ignores `jit` and sets it per
        // server connection instead, see docs/scaling.md.)
        postgres(url, {
          max: options.max ?? 10,
          prepare,
          onnotice: () => {},
          connection: { jit: 'off' },
          ...POSTGRES_TIMEOUTS,
          ...statementCounter(options.onStatement),
        }),
      { padParameterless: !prepare },
    );
    return { db: drizzlePostgres(pool.client, { schema }) as unknown as Db, kind: 'postgres', close: pool.close };
  }
  // Search needs pg_trgm and btree_gin (migrations 0001, 0007 create them); PostgreSQL ships them, PGlite loads them here.
  const client = new PGlite(options.dataDir ?? defaultDataDir(), { extensions: { pg_trgm, btree_gin } });
  return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
}

/**
 * `CAIRN_SQL_COUNT_FILE=path` (npm run bench:http only): every statement the app's pools send is
 * counted, and on SIGUSR2 the process writes the count to that file, so the bench can read the
 * statements one HTTP action cost (LISTEN and pg-boss connections are not counted).
 * `CAIRN_SQL_LOG_FILE=path` appends the text of every such statement to that file, one a line
 * (to see where an action's statements go). `onStatement` is the same hook for one pool (tests).
 */
const globalForCount = globalThis as unknown as { cairnSqlCount?: { n: number } };
function statementCounter(onStatement?: (statement: string) => void): {
  debug?: (connection: number, query: string) => void;
} {
  const file = process.env.CAIRN_SQL_COUNT_FILE;
  const log = process.env.CAIRN_SQL_LOG_FILE;
  if (!file && !log && !onStatement) return {};
  if (file && !globalForCount.cairnSqlCount) {
    const counter = (globalForCount.cairnSqlCount = { n: 0 });
    process.on('SIGUSR2', () => writeFileSync(file, String(counter.n)));
  }
  const counter = globalForCount.cairnSqlCount;
  return {
    debug: (_connection, query) => {
      if (counter) counter.n++;
      if (log) appendFileSync(log, `${query.replace(/\s+/g, ' ')}\n`);
      onStatement?.(query);
    },
  };
}

/**
 * Errors that mean "the connection or the server went away" rather than "this statement
 * failed": the driver's own codes, the socket's, and PostgreSQL's class 08 (connection
 * exception), 57P02 (crash) and 57P03 (starting up). Each is answered 503 and renews the pool.
 */
const CONNECTION_LOST = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P02',
  '57P03',
]);
/**
 * Also 503, but no reason to renew the pool: 53300 (too many connections: the server is up and
 * busy, a new pool would only ask for more) and 57P01 (a backend terminated: by
 * `pg_terminate_backend` only that connection is gone and the others are fine; in a real shutdown
 * the next queries fail with a code above, which renews the pool).
 */
const BUSY_OR_TERMINATED = new Set(['53300', '57P01']);

/** What a user is told while the database is out of reach (pages, forms and the API say the same). */
export const DATABASE_UNAVAILABLE =
  'Cairn is briefly unavailable, and what you sent may not have been saved. Please check before trying again in a moment.';

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** True when the connection or the server went away: the pool is renewed (see `renewingPool`). */
export function isConnectionLost(error: unknown): boolean {
  return codesOf(error).some((code) => CONNECTION_LOST.has(code) || code.startsWith('08'));
}

/** True when the database could not be reached (answer 503, "try again"), not when a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return isConnectionLost(error) || codesOf(error).some((code) => BUSY_OR_TERMINATED.has(code));
}

/**
 * A `postgres` pool that heals after the server goes away, working around two defects of
 * postgres 3.4.9 seen when PostgreSQL restarts under load (porsager/postgres#1133, #1193, #1208;
 * fixes proposed in pull requests #1209, #1214, #1215, none released):
 *
 * - A connection whose socket closes while a write is queued keeps a stale write timer and never
 *   flushes again: each reconnect sends no startup message and waits the whole `connect_timeout`.
 *   That was the 5–6 minutes of 30 s hangs after a 0.26 s restart. So when a query fails because
 *   the connection was lost (`isConnectionLost`: not a busy server, not one terminated backend),
 *   new queries go to a new pool at once and the old one is ended: its healthy transactions
 *   (a dashboard query at 1M tickets, a bulk change of 500) get `GRACE_S` to finish; queries on a
 *   broken connection fail by themselves (at most `connect_timeout`), anything still stuck then
 *   is destroyed (an error, never a silent success). A pool made while the server is still going
 *   down can be poisoned too: at worst one request waits `connect_timeout`, whose error renews it.
 * - The driver's `begin` sends ROLLBACK (and whatever the transaction does next) on a connection
 *   that has already closed, which throws from a timer and takes the process down (or, under
 *   Next, poisons the connection as above). So after a connection error nothing more is sent on
 *   a transaction's connection: the server rolls the transaction back itself.
 *
 * Nothing is retried, so nothing runs twice; a failed request is answered 503 and is not
 * acknowledged.
 */
const GRACE_S = 20;
const RENEW_EVERY_MS = 1000;

type Sql = postgres.Sql;
type Watch = (error: unknown) => void;

function renewingPool(
  create: () => Sql,
  { padParameterless = false }: { padParameterless?: boolean } = {},
): { client: Sql; close: () => Promise<void> } {
  let current = create();
  // drizzle sets its parsers on the first pool; every later pool gets the same ones.
  const first = current;
  const retired = new Set<Promise<void>>();
  let closed = false;

  let since = performance.now();
  const renewAfter = (from: Sql, error: unknown) => {
    // At most one new pool a second: while the server is down every query fails, and a pool
    // per failure would open connections faster than the old pools close them.
    if (closed || from !== current || !isConnectionLost(error) || performance.now() - since < RENEW_EVERY_MS) return;
    since = performance.now();
    current = create();
    Object.assign(current.options.parsers, first.options.parsers);
    Object.assign(current.options.serializers, first.options.serializers);
    const ending = from.end({ timeout: GRACE_S }).catch(() => undefined);
    retired.add(ending);
    void ending.finally(() => retired.delete(ending));
  };

  const client = new Proxy(current, {
    apply: (_target, thisArg, args) => Reflect.apply(current as never, thisArg, args),
    get(_target, prop) {
      const sql = current;
      const watch: Watch = (error) => renewAfter(sql, error);
      if (prop === 'unsafe') return watchedUnsafe(sql, watch, () => null, padParameterless);
      if (prop === 'begin') return (...args: unknown[]) => transaction(sql, watch, args);
      const value = Reflect.get(sql, prop) as unknown;
      return typeof value === 'function' ? value.bind(sql) : value;
    },
  });
  return {
    client,
    close: async () => {
      closed = true;
      await Promise.all([current.end(), ...retired]);
    },
  };
}

/**
 * `sql.unsafe` that reports each query's failure to `watch`, and refuses at once (without
 * touching the driver) when `broken()` says the connection is gone.
 */
function watchedUnsafe(sql: Sql, watch: Watch, broken: () => unknown, padParameterless = false): Sql['unsafe'] {
  return ((...given: Parameters<Sql['unsafe']>) => {
    // Behind a transaction pooler (no prepared statements), postgres.js sends a query without
    // parameters whole and lets the next query on the connection follow before it is answered;
    // that next one, if it has parameters, goes in two halves (Parse + Describe, then Bind +
    // Execute), and PgBouncer, releasing the server connection when the first query ends, may
    // hand the second half to another server whose unnamed statement is someone else's ("invalid
    // input syntax for type bigint", seen at 50 agents on two app processes). A query with a
    // parameter is never followed before it is answered, so each gets one: an unreferenced
    // boolean (typed, so PostgreSQL accepts it unused). Inside a transaction the server connection
    // is held throughout: transactions' queries are not padded (see `transaction`).
    const [text, parameters, ...rest] = given;
    const args = (
      padParameterless && (parameters === undefined || parameters.length === 0) ? [text, [true], ...rest] : given
    ) as Parameters<Sql['unsafe']>;
    const gone = broken();
    if (gone) {
      // drizzle calls .values() on the pending query before awaiting it.
      const refused = Promise.reject(gone);
      refused.catch(() => undefined);
      return Object.assign(refused, { values: () => refused, raw: () => refused, execute: () => refused });
    }
    const query = sql.unsafe(...args);
    // A pending query is lazy, so its rejection is watched rather than awaited here.
    const pending = query as unknown as { reject: (error: unknown) => void };
    const reject = pending.reject;
    pending.reject = (error) => {
      watch(error);
      reject(error);
    };
    return query;
  }) as Sql['unsafe'];
}

/**
 * The driver's `sql.begin([options,] fn)`, except that once the connection is gone nothing more
 * is sent on it: later statements are refused here, and `fn` is never allowed to settle, so the
 * driver does not send its ROLLBACK either (the server rolls back a transaction whose connection
 * closed). The caller hears of the failure at once.
 */
async function transaction(pool: Sql, watch: Watch, args: unknown[]): Promise<unknown> {
  const [options, fn] = (typeof args[0] === 'function' ? ['', args[0]] : args) as [string, (tx: Sql) => unknown];
  let gone: unknown = null;
  let failNow: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (failNow = reject));
  failed.catch(() => undefined);
  const onError: Watch = (error) => {
    watch(error);
    if (gone || !isDatabaseUnavailable(error)) return;
    gone = error;
    failNow(error);
  };
  const guard = (raw: Sql): Sql => {
    const unsafe = watchedUnsafe(raw, onError, () => gone);
    return new Proxy(raw, {
      get(target, prop) {
        if (prop === 'unsafe') return unsafe;
        if (prop === 'savepoint')
          return (...a: unknown[]) => {
            const body = a[a.length - 1] as (tx: Sql) => unknown;
            return (target as unknown as { savepoint: (...b: unknown[]) => Promise<unknown> }).savepoint(
              ...a.slice(0, -1),
              (inner: Sql) => body(guard(inner)),
            );
          };
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as unknown as Sql;
  };
  const begin = pool.begin as unknown as (o: string, f: (raw: Sql) => unknown) => Promise<unknown>;
  const begun = begin(options, async (raw) => {
    try {
      return await fn(guard(raw));
    } catch (error) {
      if (gone) return new Promise(() => undefined); // no ROLLBACK on a closed connection
      throw error;
    }
  });
  begun.catch(onError);
  return Promise.race([begun, failed]);
}

const globalForDb = globalThis as unknown as { cairnDb?: DbHandle };

/** The app's one handle, kept on globalThis so dev reloads do not open a pool per change. */
export function getDb(): Db {
  return getDbHandle().db;
}

/** The handle behind getDb (its kind, and the driver client the job runner shares on PGlite). */
export function getDbHandle(): DbHandle {
  if (!globalForDb.cairnDb) {
    globalForDb.cairnDb = openDb();
    if (globalForDb.cairnDb.kind === 'pglite') closeOnSignal(globalForDb.cairnDb);
  }
  return globalForDb.cairnDb;
}

/**
 * The reads that may go to a read replica: large, read-only, and fine a moment behind. The one
 * list: a page or route handler for one of these asks `getReadDb(kind)`; everything else, and
 * above all the page a write lands on (the ticket after a reply, the request after submitting
 * it, the queue), reads `getDb()`, the primary, so a lagging replica never hides a user's own
 * write. A use case that writes never takes a read handle.
 */
export const REPLICA_READS = ['dashboard', 'search', 'export'] as const;
export type ReplicaRead = (typeof REPLICA_READS)[number];

const globalForReplica = globalThis as unknown as { cairnReplica?: DbHandle };

/** The replica (`DATABASE_REPLICA_URL`) for a read-heavy read, or the primary when none is set. */
export function getReadDb(kind: ReplicaRead): Db {
  if (!REPLICA_READS.includes(kind)) return getDb();
  const url = databaseUrls().replica;
  if (!url) return getDb();
  // No prepared statements on the replica either: it sits behind a pooler as often as the primary.
  globalForReplica.cairnReplica ??= openDb({ url, prepare: !databaseUrls().pooled });
  return globalForReplica.cairnReplica.db;
}

const globalForHooks = globalThis as unknown as { cairnShutdownHooks?: Set<() => Promise<void>> };
const shutdownHooks = (globalForHooks.cairnShutdownHooks ??= new Set());

/**
 * Work that must finish before the process lets go of the database on a signal: the job runner
 * stops (its running jobs end, no new ones are fetched) before PGlite closes under it. Returns
 * the way to take the hook back.
 */
export function beforeShutdown(hook: () => Promise<void>): () => void {
  shutdownHooks.add(hook);
  return () => shutdownHooks.delete(hook);
}

async function runShutdownHooks(): Promise<void> {
  await Promise.allSettled([...shutdownHooks].map((hook) => hook()));
}

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Closes an embedded PGlite when the process is told to stop (Ctrl-C, `docker stop`). Killed
 * without a close, PGlite needs crash recovery at the next start, and its sequences jump ahead by
 * the 32 values PostgreSQL logs in advance (request numbers skipped ~30 after each demo restart).
 * The database is closed at once (after the `beforeShutdown` hooks: the job runner stops first);
 * the process exits when that is done, by this handler or, when another one handles the signal
 * too (Next's waits for open requests), by that one's exit. With no handle (PostgreSQL) only the
 * hooks run.
 */
export function closeOnSignal(handle: DbHandle | null): void {
  let closing: Promise<void> | null = null;
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    const onSignal = () => {
      closing ??= runShutdownHooks()
        .then(() => handle?.close())
        .catch((error: unknown) => console.error('could not close the database', error));
      const done = closing;
      if (process.listenerCount(signal) === 1) {
        void done.finally(() => process.exit(SIGNAL_EXIT[signal]));
        return;
      }
      // Someone else (Next) exits on this signal: let that exit wait for the close.
      const exit = process.exit.bind(process);
      process.exit = ((code?: number) => void done.finally(() => exit(code))) as typeof process.exit;
    };
    process.on(signal, onSignal);
  }
}

/** Rows of a raw `db.execute(sql…)`, whichever driver answered. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
