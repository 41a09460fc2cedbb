import type { z } from 'zod';
import { getActor } from '@/app/_auth/session';
import { apiRoute, type ApiContext, type Reply } from '@/lib/api/handler';
import type { Operation } from '@/lib/api/operation';

/**
 * A public API route (docs/api.md): the operation's schemas, the one wrapper in lib/api/handler.ts,
 * and the signed-in session as the alternative to a bearer token (the browser calls these too).
 */
export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  op: Operation<P, Q, B>,
  handler: (ctx: ApiContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Reply | Response>,
) {
  return apiRoute(op, { sessionActor: getActor }, handler);
}
