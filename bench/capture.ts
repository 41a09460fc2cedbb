import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';

/** One statement as the app sent it: the SQL text drizzle built and its parameters. */
export interface Statement {
  query: string;
  params: unknown[];
}

const MESSAGE_ID = /^cairn\.[0-9a-f-]{36}@/;

/** How the service ran its statements, so the raw replay runs them the same way. */
export type Shape = 'sequential' | 'transaction' | 'concurrent';

type Params = Parameters<postgres.Sql['unsafe']>[1];

/**
 * The "raw" side of the bench. `record` runs a service once on a drizzle handle whose logger
 * keeps every statement it sends (the exact SQL text and parameters the service builds, nothing
 * retyped by hand); `replay` sends those statements straight through the `postgres` driver, with
 * the same unnamed-statement protocol drizzle uses. The difference is the app's own overhead:
 * validation, query building, result mapping, the JavaScript between round trips.
 */
export function openCapture(url: string) {
  let log: Statement[] | null = null;
  const recorder = postgres(url, { max: 4, onnotice: () => {}, connection: { jit: 'off' } });
  const db = drizzle(recorder, {
    schema,
    logger: { logQuery: (query, params) => log?.push({ query, params }) },
  }) as unknown as Db;
  // The same session settings as the app's pool (db/client.ts), so the ratio compares like with like.
  const raw = postgres(url, { max: 4, onnotice: () => {}, connection: { jit: 'off' } });

  const send = (sql: postgres.Sql | postgres.TransactionSql, s: Statement) =>
    sql.unsafe(s.query, s.params as Params, { prepare: false });
  // A recorded write carries the outgoing mail's Message-ID (lib/mail/queue.ts newMessageId), unique in
  // outbox_message_id_key: each replay sends a fresh one, as the service would.
  const freshMessageIds = (statements: Statement[]): Statement[] => {
    const fresh = new Map<string, string>();
    const swap = (p: unknown) =>
      typeof p === 'string' && MESSAGE_ID.test(p)
        ? (fresh.get(p) ?? fresh.set(p, p.replace(MESSAGE_ID, `cairn.${randomUUID()}@`)).get(p))
        : p;
    return statements.map((s) => ({ ...s, params: s.params.map(swap) }));
  };

  return {
    async record(service: (db: Db) => Promise<unknown>): Promise<Statement[]> {
      log = [];
      try {
        await service(db);
        return log;
      } finally {
        log = null;
      }
    },

    async replay(statements: Statement[], shape: Shape): Promise<void> {
      if (shape === 'transaction') {
        const fresh = freshMessageIds(statements);
        await raw.begin(async (tx) => {
          for (const s of fresh) await send(tx, s);
        });
      } else if (shape === 'concurrent') {
        await Promise.all(statements.map((s) => send(raw, s)));
      } else {
        for (const s of statements) await send(raw, s);
      }
    },

    /** EXPLAIN (ANALYZE, BUFFERS) of each query statement, inside a transaction that is rolled back. */
    async explain(statements: Statement[]): Promise<string[]> {
      const plans: string[] = [];
      const rollback = new Error('rollback');
      await raw
        .begin(async (tx) => {
          for (const s of statements) {
            if (!/^\s*(select|with|insert|update|delete)\b/i.test(s.query)) {
              await send(tx, s);
              continue;
            }
            const rows = await tx.unsafe(`explain (analyze, buffers) ${s.query}`, s.params as Params, {
              prepare: false,
            });
            plans.push(
              `${s.query}\n-- params: ${JSON.stringify(s.params)}\n${rows.map((r) => r['QUERY PLAN'] as string).join('\n')}`,
            );
          }
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
      return plans;
    },

    close: () => Promise.all([recorder.end(), raw.end()]),
  };
}

export type Capture = ReturnType<typeof openCapture>;
