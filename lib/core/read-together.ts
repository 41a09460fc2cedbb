import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';

/**
 * One module's read as one JSON value: an SQL expression (a scalar subquery) and what turns its
 * value into the module's type. The module that owns the data writes both (the SLA context in
 * lib/sla, the routing rules in lib/routing, a mail's recipient in lib/mail); a use case whose
 * reads do not depend on each other sends them together (`together`), in one statement, instead
 * of one round trip each (issue 15: ≤ 10 statements per write).
 */
export interface JsonRead<T> {
  sql: SQL;
  parse(value: unknown): T;
}

/** A JSON value as the driver hands it: postgres.js and PGlite parse `json`, a nested one may come as text. */
export const jsonValue = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

type Values<R extends Record<string, JsonRead<unknown>>> = {
  [K in keyof R]: R[K] extends JsonRead<infer T> ? T : never;
};

/** Several reads as one JSON object (`json_build_object`): one expression, each part parsed by its owner. */
export function together<R extends Record<string, JsonRead<unknown>>>(reads: R): JsonRead<Values<R>> {
  const keys = Object.keys(reads);
  return {
    sql: sql`json_build_object(${sql.join(
      keys.map((k) => sql`${k}::text, ${reads[k]!.sql}`),
      sql`, `,
    )})`,
    parse(value) {
      const object = jsonValue<Record<string, unknown>>(value);
      return Object.fromEntries(keys.map((k) => [k, reads[k]!.parse(object[k])])) as Values<R>;
    },
  };
}

/** Runs a read on its own: one statement. */
export async function readJson<T>(tx: Db, read: JsonRead<T>): Promise<T> {
  const [row] = rowsOf<{ value: unknown }>(await tx.execute(sql`select ${read.sql} as value`));
  return read.parse(row?.value);
}
