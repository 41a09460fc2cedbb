import PgBoss from 'pg-boss';
import type { Db } from '@/db/client';
import { JOBS_SCHEMA, type SqlExecutor } from '@/db/job-schema';
import { queueOptions, type JobName } from './queues';
import { executorOver } from './sql';

export interface EnqueueOptions {
  /** Not before this time (a Date, an ISO string, or seconds from now). */
  startAfter?: Date | string | number;
  /** Higher runs first. */
  priority?: number;
}

/**
 * A pg-boss that is never started: it only writes jobs through the connection it is handed (the
 * caller's transaction) and acts on them for /admin/jobs. Workers live in runner.ts.
 */
let writer: PgBoss | null = null;
export function jobWriter(): PgBoss {
  writer ??= new PgBoss({
    schema: JOBS_SCHEMA,
    db: { executeSql: () => Promise.reject(new Error('the job writer runs only on a given connection')) },
  });
  return writer;
}

/** pg-boss's own queue options from ours. */
export function bossQueueOptions(name: string): PgBoss.Queue {
  const o = queueOptions(name);
  return {
    name,
    policy: 'standard',
    retryLimit: o.retryLimit,
    retryDelay: o.retryDelay,
    retryBackoff: o.retryBackoff,
    expireInSeconds: o.expireInSeconds,
  };
}

/** Creates the queue (once; a concurrent creator waits, then finds it) in the given transaction. */
async function createQueueIn(db: SqlExecutor, name: string): Promise<void> {
  await db.executeSql(`SELECT ${JOBS_SCHEMA}.create_queue($1, $2::json)`, [name, bossQueueOptions(name)]);
}

/**
 * Adds a job INSIDE the caller's transaction: it exists exactly when the change that called for it
 * commits (a rolled-back change leaves no job, a committed one never misses its job). `tx` is the
 * use case's transaction (or any handle); `data` must be JSON. Returns the job id.
 *
 *   await enqueue(tx, 'mail.send', { outboxId });
 *
 * The queue's retry options come from queues.ts. pg-boss's schema is installed with the migrations
 * (db/migrate.ts); a queue that does not exist yet is created here, in the same transaction.
 */
export async function enqueue(
  tx: Db,
  name: JobName | (string & {}),
  data: object = {},
  options: EnqueueOptions = {},
): Promise<string> {
  const db = executorOver(tx);
  const send = () => jobWriter().send(name, data, { ...options, db });
  let id = await send();
  if (!id) {
    // pg-boss drops a job whose queue does not exist yet: a queue added since the runner started.
    await createQueueIn(db, name);
    id = await send();
  }
  if (!id) throw new Error(`could not enqueue a "${name}" job`);
  return id;
}
