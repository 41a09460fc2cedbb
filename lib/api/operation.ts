import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { Scope } from './scopes';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  /** The JSON body's schema (as the client receives it: dates are ISO strings). */
  schema?: z.ZodType;
  /** Not JSON (a download): the media type. */
  contentType?: string;
}

/**
 * One public API operation: its path, the scope it needs, and the zod schemas of its parameters,
 * body and answers. The route wrapper (handler.ts) validates with these schemas and the OpenAPI
 * document (openapi.ts) is generated from them: one source.
 */
export interface Operation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  id: string;
  method: Method;
  /** OpenAPI style, under /api/v1: `/tickets/{number}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  scope: Scope;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The body is multipart/form-data (an upload) instead of JSON: read up to `maxBytes` (plus room
   * for the envelope) while one of the user's upload slots is held, then its fields are validated
   * by `body` like JSON would be (files as `File`s).
   */
  multipart?: { maxBytes: (db: Db) => Promise<number>; tooLarge: (maxBytes: number) => string };
  /**
   * A signed-in customer's session may call it too (the portal's uploads and downloads); the use
   * case shows them only their own. Everywhere else a customer is answered 404.
   */
  customers?: boolean;
  /** Updates guarded by the ticket version: `If-Match` is required (428 without, 412 when stale). */
  ifMatch?: boolean;
  responses: Record<number, ResponseSpec>;
}

export const defineOperation = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  op: Operation<P, Q, B>,
): Operation<P, Q, B> => op;
