import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
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
 * connection that does not come (the driver's default, 30 s, is what made every request during
 * a restart hang 30 s); `idle_timeout` lets a quiet pool shrink, so fewer connections are cut
 * when the server restarts; `max_lifetime` keeps the driver's default of 30–60 min.
 */
export const POSTGRES_TIMEOUTS = { connect_timeout: 5, idle_timeout: 30 } as const;

/**
 * `DATABASE_URL` set → PostgreSQL through `postgres`; unset → embedded PGlite in ./.data.
 * `dataDir: 'memory://'` gives a throw-away PGlite (tests).
 */
export function openDb(options: { url?: string; dataDir?: string; max?: number } = {}): DbHandle {
  const url = options.url ?? (options.dataDir ? undefined : process.env.DATABASE_URL);
  if (url) {
    const pool = renewingPool(() =>
      // JIT off for the whole session: every query here is short, and at 1M tickets JIT spent
      // 90–140 ms compiling each dashboard query that then ran in 20–60 ms (npm run bench).
      postgres(url, { max: options.max ?? 10, onnotice: () => {}, connection: { jit: 'off' }, ...POSTGRES_TIMEOUTS }),
    );
    return { db: drizzlePostgres(pool.client, { schema }) as unknown as Db, kind: 'postgres', close: pool.close };
  }
  // Search needs pg_trgm and btree_gin (migrations 0001, 0007 create them); PostgreSQL ships them, PGlite loads them here.
  const client = new PGlite(options.dataDir ?? defaultDataDir(), { extensions: { pg_trgm, btree_gin } });
  return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
}

/**
 * Errors that mean "the connection or the server went away" rather than "this statement
 * failed": the driver's own codes, the socket's, and PostgreSQL's class 08 (connection
 * exception) and 57P01–57P03 (shutdown, crash, starting up).
 */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03',
]);

/** What a user is told while the database is out of reach (pages, forms and the API say the same). */
export const DATABASE_UNAVAILABLE = 'Cairn is briefly unavailable. Nothing you sent was saved; please try again in a moment.';

/** True when the database could not be reached (answer 503, "try again"), not when a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  }
  return false;
}

/**
 * A `postgres` pool that heals after the server goes away, working around two defects of
 * postgres 3.4.9 seen when PostgreSQL restarts under load (porsager/postgres#1133, #1193, #1208;
 * fixes proposed in pull requests #1209, #1214, #1215, none released):
 *
 * - A connection whose socket closes while a write is queued keeps a stale write timer and never
 *   flushes again: each reconnect sends no startup message and waits the whole `connect_timeout`.
 *   That was the 5–6 minutes of 30 s hangs after a 0.26 s restart. So when a query fails because
 *   the server went away, new queries go to a new pool at once and the old one is ended: its
 *   healthy transactions get `GRACE_S` to finish, anything stuck on a broken connection is
 *   destroyed (an error, never a silent success).
 * - The driver's `begin` sends ROLLBACK on a connection that has already closed, which throws
 *   from a timer and takes the process down (or, under Next, poisons the connection as above).
 *   So transactions run here on a reserved connection, and after a connection error nothing more
 *   is sent on it: the server rolls the transaction back itself.
 *
 * Nothing is retried, so nothing runs twice; a failed request is answered 503 and is not
 * acknowledged.
 */
const GRACE_S = 1;

type Sql = postgres.Sql;
type Watch = (error: unknown) => void;

function renewingPool(create: () => Sql): { client: Sql; close: () => Promise<void> } {
  let current = create();
  // drizzle sets its parsers on the first pool; every later pool gets the same ones.
  const first = current;
  const retired = new Set<Promise<void>>();
  let closed = false;

  const renewAfter = (from: Sql, error: unknown) => {
    if (closed || from !== current || !isDatabaseUnavailable(error)) return;
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
      if (prop === 'unsafe') return watchedUnsafe(sql, watch, () => null);
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
function watchedUnsafe(sql: Sql, watch: Watch, broken: () => unknown): Sql['unsafe'] {
  return ((...args: Parameters<Sql['unsafe']>) => {
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

/** `sql.begin([options,] fn)` on a reserved connection that is never written to after it broke. */
async function transaction(pool: Sql, watch: Watch, args: unknown[]): Promise<unknown> {
  const [options, fn] = (typeof args[0] === 'function' ? ['', args[0]] : args) as [string, (tx: Sql) => unknown];
  let reserved: postgres.ReservedSql;
  try {
    reserved = await pool.reserve();
  } catch (error) {
    watch(error);
    throw error;
  }
  let broken: unknown = null;
  const onError: Watch = (error) => {
    if (isDatabaseUnavailable(error)) broken ??= error;
    watch(error);
  };
  const unsafe = watchedUnsafe(reserved, onError, () => broken);
  let savepoints = 0;
  const savepoint = async (fnOrName: unknown, maybeFn?: unknown) => {
    const body = (typeof fnOrName === 'function' ? fnOrName : maybeFn) as (tx: Sql) => unknown;
    const name = `s${savepoints++}`;
    await unsafe(`savepoint ${name}`);
    try {
      const result = await body(tx);
      await unsafe(`release savepoint ${name}`);
      return result;
    } catch (error) {
      if (!broken) await unsafe(`rollback to savepoint ${name}`).catch(() => undefined);
      throw error;
    }
  };
  const tx = new Proxy(reserved, {
    get(target, prop) {
      if (prop === 'unsafe') return unsafe;
      if (prop === 'savepoint') return savepoint;
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as Sql;
  try {
    await unsafe(`begin ${options.replace(/[^a-z ]/gi, '')}`);
    const result = await fn(tx);
    await unsafe('commit');
    return result;
  } catch (error) {
    if (!broken) await unsafe('rollback').catch(() => undefined);
    throw error;
  } finally {
    // A broken connection is left out of the pool, which is being replaced and ended anyway.
    if (!broken) reserved.release();
  }
}

const globalForDb = globalThis as unknown as { cairnDb?: DbHandle };

/** The app's one handle, kept on globalThis so dev reloads do not open a pool per change. */
export function getDb(): Db {
  globalForDb.cairnDb ??= openDb();
  return globalForDb.cairnDb.db;
}

/** Rows of a raw `db.execute(sql…)`, whichever driver answered. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
