import type { ZodError } from 'zod';

export type ErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export type FieldErrors = Record<string, string[]>;

/** `retryAfter` (seconds) comes with rate_limited and becomes the API's Retry-After header. */
export type Failure = { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; retryAfter?: number };
export type Result<T> = { ok: true; data: T } | Failure;

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });

/** Thrown inside a use case (so its transaction rolls back), turned into a Failure at its edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function fail(code: ErrorCode, message: string, fieldErrors?: FieldErrors): never {
  throw new AppError(code, message, fieldErrors);
}

export function fromZod(error: ZodError, message = 'Please correct the highlighted fields.'): Failure {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, code: 'invalid', message, fieldErrors };
}

/**
 * Runs a use case body and turns AppErrors into Failures. Unknown errors are rethrown: they are
 * bugs or outages, and the transport answers them with 500/503 without leaking database text.
 */
export async function attempt<T>(body: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await body());
  } catch (error) {
    return asFailure(error);
  }
}

/** attempt for a synchronous rule check (a bulk change asks each ticket in turn). */
export function attemptSync<T>(body: () => T): Result<T> {
  try {
    return ok(body());
  } catch (error) {
    return asFailure(error);
  }
}

function asFailure(error: unknown): Failure {
  if (error instanceof AppError)
    return {
      ok: false,
      code: error.code,
      message: error.message,
      fieldErrors: error.fieldErrors,
      ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}),
    };
  throw error;
}

/** The one mapping from codes to HTTP statuses (REST API and route handlers). */
export const httpStatus: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};
