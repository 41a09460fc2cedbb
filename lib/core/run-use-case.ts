import type { z } from 'zod';
import type { Db } from '@/db/client';
import { attempt, fromZod, type Result } from '@/lib/core/result';

/**
 * The frame of every use case: validate the raw input with its zod schema, then do the work in
 * one transaction. An AppError thrown inside rolls everything back and becomes a Failure.
 */
export async function runUseCase<S extends z.ZodType, T>(
  db: Db,
  schema: S,
  raw: unknown,
  body: (tx: Db, input: z.output<S>) => Promise<T>,
): Promise<Result<T>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return fromZod(parsed.error);
  return attempt(() => db.transaction((tx) => body(tx as unknown as Db, parsed.data)));
}
