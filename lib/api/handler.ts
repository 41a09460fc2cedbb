import { createHash } from 'node:crypto';
import { readBytes } from '@/lib/core/read-body';
import { claimUploadSlot, UPLOADS_PER_USER } from '@/lib/attachments/upload-slots';
import { ZodError, type z } from 'zod';
import { getDb, isDatabaseUnavailable, DATABASE_UNAVAILABLE, type Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { AppError, fromZod, httpStatus, type ErrorCode, type FieldErrors, type Result } from '@/lib/core/result';
import { isStorableText } from '@/lib/core/fields';
import { CROSS_SITE_MESSAGE, isCrossSiteWrite } from '@/lib/security/origin';
import { hit, LIMITS, waitText } from '@/lib/rate-limit/rate-limit';
import {
  claimIdempotencyKey,
  fingerprintOf,
  MAX_IDEMPOTENCY_KEY,
  releaseIdempotencyKey,
  storeIdempotentAnswer,
} from './idempotency';
import type { Operation } from './operation';
import { maxScopeFor, scopeAllows, type Scope } from './scopes';
import { authenticateToken } from './tokens';

/**
 * The public API's stable error codes: the use cases' codes (lib/core/result.ts) and the
 * transport's own. Clients branch on these, never on the message.
 */
export type ApiErrorCode =
  | ErrorCode
  | 'insufficient_scope'
  | 'unsupported_media_type'
  | 'precondition_failed'
  | 'precondition_required'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'cross_site'
  | 'internal';

export const API_ERROR_CODES: readonly ApiErrorCode[] = [
  ...(Object.keys(httpStatus) as ErrorCode[]),
  'insufficient_scope',
  'unsupported_media_type',
  'precondition_failed',
  'precondition_required',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'cross_site',
  'internal',
];

/** An answer the wrapper turns into JSON (and may store for an Idempotency-Key). */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A transport-level refusal with its status (thrown inside the wrapper or a handler). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiContext<P, Q, B> {
  db: Db;
  actor: Actor;
  /** The scope in force: the token's (capped by the owner's role), or the role's for a session. */
  scope: Scope;
  tokenId: string | null;
  params: P;
  query: Q;
  body: B;
  /** The version from If-Match (operations with `ifMatch`). */
  version: number;
  request: Request;
}

export interface ApiDeps {
  /** The signed-in user of the cookie session (app/_auth/session.ts), for calls from the browser. */
  sessionActor: () => Promise<Actor | null>;
}

/** JSON bodies are small: the largest text field is 20,000 characters. Uploads use multipart. */
export const MAX_JSON_BYTES = 256 * 1024;

/** A use case's Result as a reply: its data with `status`, or its error with the one status mapping. */
export function replyOf<T>(result: Result<T>, status = 200, map: (data: T) => unknown = (d) => d): Reply {
  if (result.ok) return { status, body: map(result.data) };
  return errorReply(
    httpStatus[result.code],
    result.code,
    result.message,
    result.fieldErrors,
    retryHeader(result.retryAfter),
  );
}

const retryHeader = (seconds?: number) => (seconds ? { 'Retry-After': String(seconds) } : undefined);

export function errorReply(
  status: number,
  code: ApiErrorCode,
  message: string,
  fieldErrors?: FieldErrors,
  headers?: Record<string, string>,
): Reply {
  return { status, body: { error: code, message, ...(fieldErrors ? { fieldErrors } : {}) }, headers };
}

/** `"12"`, `W/"12"` or `12` → 12; anything else null. */
export function parseVersionTag(header: string | null): number | null {
  if (header === null) return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : null;
}

export const etagOf = (version: number): string => `"${version}"`;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The one wrapper of every public API route: a session's cross-site write refused (403
 * `cross_site`); bearer token or session → actor; scope; the per-token limit (429 + Retry-After);
 * path, query and JSON (or multipart) body validated by the operation's zod schemas;
 * If-Match for versioned updates; Idempotency-Key on POST; errors as `{ error, message, fieldErrors }`.
 * Bad input is a 4xx, never a 500.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  op: Operation<P, Q, B>,
  deps: ApiDeps,
  handler: (ctx: ApiContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Reply | Response>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      // A browser's cookie-authenticated write from another site (lib/security/origin.ts).
      if (isCrossSiteWrite(request, { bearerAuthenticates: true }))
        throw new ApiError(403, 'cross_site', CROSS_SITE_MESSAGE);
      const db = getDb();
      const principal = await authenticate(db, request, deps, op.customers === true);
      if (!scopeAllows(principal.scope, op.scope))
        throw new ApiError(
          403,
          'insufficient_scope',
          `This needs the ${op.scope} scope; ${principal.tokenId ? 'the token has' : 'you have'} ${principal.scope}.`,
        );
      if (principal.tokenId) await limit(db, principal.tokenId);

      const params = parseWith(op.params, await context.params, 'The path has invalid parameters.', 404);
      const query = parseWith(
        op.query,
        queryObject(new URL(request.url).searchParams),
        'The query has invalid parameters.',
      );
      let version = 0;
      if (op.ifMatch) {
        const header = request.headers.get('if-match');
        if (header === null)
          throw new ApiError(
            428,
            'precondition_required',
            'Send If-Match with the ETag you read (the ticket version).',
          );
        const parsed = parseVersionTag(header);
        if (parsed === null)
          throw new ApiError(412, 'precondition_failed', 'If-Match must be an ETag this API gave you.');
        version = parsed;
      }
      // An upload holds one of the user's upload slots from before its first byte is read until
      // the answer is ready (the file is in memory all that time).
      const upload =
        op.body && op.multipart ? await readUpload(db, request, op.multipart, principal.actor.userId) : null;
      try {
        // What makes a retry "the same request" for Idempotency-Key: the JSON text, or the upload's fields.
        const raw = upload ? upload.fingerprint : op.body ? await readJsonText(request) : '';
        const body = upload
          ? parseWith(op.body, upload.fields, 'Please correct the highlighted fields.')
          : op.body
            ? parseWith(op.body, parseJson(raw), 'Please correct the highlighted fields.')
            : undefined;
        const run = async (): Promise<Reply | Response> =>
          handler({
            db,
            actor: principal.actor,
            scope: principal.scope,
            tokenId: principal.tokenId,
            params: params as z.output<P>,
            query: query as z.output<Q>,
            body: body as z.output<B>,
            version,
            request,
          });
        const key = request.headers.get('idempotency-key');
        const answer =
          request.method === 'POST' && key !== null
            ? await idempotent(db, principal, key, request, raw, run)
            : await run();
        return answer instanceof Response ? answer : json(answer);
      } finally {
        await upload?.release().catch(() => undefined); // an expired slot frees itself anyway
      }
    } catch (error) {
      return json(failureReply(error));
    }
  };
}

type Principal = { actor: Actor; scope: Scope; tokenId: string | null };

/** Runs a POST under its Idempotency-Key: the first answer is kept and replayed for 24 h. */
async function idempotent(
  db: Db,
  principal: Principal,
  key: string,
  request: Request,
  raw: string,
  run: () => Promise<Reply | Response>,
): Promise<Reply | Response> {
  if (key === '' || key.length > MAX_IDEMPOTENCY_KEY || !isStorableText(key))
    throw new ApiError(400, 'invalid', `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY} characters.`);
  const owner = principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.actor.userId}`;
  const path = new URL(request.url).pathname;
  const claim = await claimIdempotencyKey(db, owner, key, fingerprintOf(request.method, path, raw));
  if (claim.kind === 'mismatch')
    throw new ApiError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was used with another request in the last 24 hours; use a new key.',
    );
  if (claim.kind === 'in_progress')
    throw new ApiError(
      409,
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still running.',
      undefined,
      {
        'Retry-After': '1',
      },
    );
  if (claim.kind === 'replay')
    return { status: claim.status, body: claim.body, headers: { ...claim.headers, [REPLAYED_HEADER]: 'true' } };
  let answer: Reply | Response;
  try {
    answer = await run();
  } catch (error) {
    await releaseIdempotencyKey(db, owner, key).catch(() => undefined);
    throw error;
  }
  if (answer instanceof Response || answer.status >= 500 || answer.status === 429 || answer.status === 409)
    await releaseIdempotencyKey(db, owner, key);
  else await storeIdempotentAnswer(db, owner, key, answer);
  return answer;
}

/** The header on a replayed answer (the stored status, body and headers of the key's first request). */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Room for the multipart boundaries and the other fields around the file itself. */
const UPLOAD_ENVELOPE = 64 * 1024;

/**
 * Reads a multipart body: over the limit is refused before it is buffered (Content-Length, then
 * while reading), one of the user's upload slots is held while it is; fields come out as an object
 * (the first value of each name) and a fingerprint that does not depend on the random boundary.
 */
async function readUpload(
  db: Db,
  request: Request,
  spec: NonNullable<Operation['multipart']>,
  userId: string,
): Promise<{ fields: Record<string, FormDataEntryValue>; fingerprint: string; release: () => Promise<void> }> {
  const max = await spec.maxBytes(db);
  const tooLarge = () => new ApiError(413, 'too_large', spec.tooLarge(max), { file: [spec.tooLarge(max)] });
  if (Number(request.headers.get('content-length') ?? 0) > max + UPLOAD_ENVELOPE) throw tooLarge();
  const type = request.headers.get('content-type') ?? '';
  const notMultipart = 'Send the file as multipart/form-data, in the field "file".';
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    throw new ApiError(415, 'unsupported_media_type', notMultipart, { file: [notMultipart] });
  const slot = await claimUploadSlot(db, userId);
  if (!slot) {
    const message = `You already have ${UPLOADS_PER_USER} uploads in progress; wait for one to finish.`;
    throw new ApiError(429, 'rate_limited', message, { file: [message] }, { 'Retry-After': '5' });
  }
  try {
    const bytes = await readBytes(request, max + UPLOAD_ENVELOPE);
    if (!bytes) throw tooLarge();
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': type } }).formData();
    } catch {
      throw new ApiError(400, 'invalid', notMultipart, { file: [notMultipart] });
    }
    const fields: Record<string, FormDataEntryValue> = {};
    for (const [name, value] of form.entries()) if (!(name in fields)) fields[name] = value;
    const hash = createHash('sha256');
    for (const name of Object.keys(fields).sort()) {
      const value = fields[name]!;
      if (typeof value === 'string') hash.update(`${name}=${value}\n`, 'utf8');
      else {
        hash.update(`${name}:${value.name}:${value.type}:${value.size}\n`, 'utf8');
        hash.update(new Uint8Array(await value.arrayBuffer()));
      }
    }
    return { fields, fingerprint: `multipart ${hash.digest('hex')}`, release: () => slot.release() };
  } catch (error) {
    await slot.release().catch(() => undefined);
    throw error;
  }
}

async function authenticate(db: Db, request: Request, deps: ApiDeps, customers: boolean): Promise<Principal> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const principal = match?.[1] ? await authenticateToken(db, match[1]) : null;
    if (!principal)
      throw new ApiError(401, 'unauthorized', 'The token is unknown, expired or revoked.', undefined, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    return principal;
  }
  const actor = await deps.sessionActor();
  if (!actor)
    throw new ApiError(401, 'unauthorized', 'Send Authorization: Bearer <token>.', undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  const scope = maxScopeFor(actor.role);
  if (scope) return { actor, scope, tokenId: null };
  // A customer's session reaches only the operations made for the portal; anything else does not exist for them.
  if (customers && actor.role === 'customer') return { actor, scope: 'write', tokenId: null };
  throw new ApiError(404, 'not_found', 'Not found.');
}

async function limit(db: Db, tokenId: string): Promise<void> {
  const verdict = await hit(db, LIMITS.apiToken, tokenId);
  if (!verdict.allowed)
    throw new ApiError(429, 'rate_limited', `${LIMITS.apiToken.message} ${waitText(verdict.retryAfter)}`, undefined, {
      'Retry-After': String(verdict.retryAfter),
    });
}

function parseWith(schema: z.ZodType | undefined, value: unknown, message: string, status = 400): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const failure = fromZod(parsed.error, message);
  if (status === 404) throw new ApiError(404, 'not_found', 'Not found.');
  throw new ApiError(400, 'invalid', failure.message, failure.fieldErrors);
}

/** Query parameters as an object; a repeated key (`status=open&status=new`) becomes a list. */
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length > 1 ? values : (values[0] ?? '');
  }
  return out;
}

/** The body as text, at most MAX_JSON_BYTES (never trusting Content-Length alone), JSON only. */
async function readJsonText(request: Request): Promise<string> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/json'))
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  const bytes = await readBytes(request, MAX_JSON_BYTES);
  if (!bytes) throw new ApiError(413, 'too_large', `The body is larger than ${MAX_JSON_BYTES} bytes.`);
  return bytes.toString('utf8');
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ApiError(400, 'invalid', 'The body is not valid JSON.');
  }
}

function failureReply(error: unknown): Reply {
  if (error instanceof ApiError)
    return errorReply(error.status, error.code, error.message, error.fieldErrors, error.headers);
  if (error instanceof AppError)
    return errorReply(
      httpStatus[error.code],
      error.code,
      error.message,
      error.fieldErrors,
      retryHeader(error.retryAfter),
    );
  if (error instanceof ZodError) {
    const failure = fromZod(error, 'The request has invalid parameters.');
    return errorReply(400, 'invalid', failure.message, failure.fieldErrors);
  }
  if (isDatabaseUnavailable(error))
    return errorReply(503, 'unavailable', DATABASE_UNAVAILABLE, undefined, { 'Retry-After': '5' });
  console.error('public api handler failed', error);
  return errorReply(500, 'internal', 'Something went wrong on our side.');
}

function json(reply: Reply): Response {
  return Response.json(reply.body ?? null, {
    status: reply.status,
    headers: { 'Cache-Control': 'no-store', ...reply.headers },
  });
}
