import type { ErrorCode, FieldErrors } from '@/lib/core/result';

/**
 * next-auth passes only a string from `authorize` to the form (`signIn(...).error`); this is the
 * one format both sides use. Anything else from next-auth is not ours.
 */
export interface SignInError {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
}

const PREFIX = 'cairn:';

export const encodeSignInError = ({ code, message, fieldErrors }: SignInError): string =>
  PREFIX + JSON.stringify({ code, message, fieldErrors });

export function decodeSignInError(error: string | null | undefined): SignInError | null {
  if (!error?.startsWith(PREFIX)) return null;
  try {
    const parsed = JSON.parse(error.slice(PREFIX.length)) as SignInError;
    return typeof parsed.message === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
