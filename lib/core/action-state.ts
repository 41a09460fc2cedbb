import type { ErrorCode, FieldErrors, Result } from './result';

/**
 * What a server action hands back to its form (docs/design.md §5): never a raw database error.
 * On failure it echoes the submitted values, so the form can show them again.
 */
export type ActionState<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; code?: ErrorCode; error: string; fieldErrors?: FieldErrors; values?: Record<string, string> }
  | null;

export function toActionState<T, U = undefined>(
  result: Result<T>,
  values: Record<string, string>,
  onOk: (data: T) => { message?: string; data?: U } = () => ({}),
): ActionState<U> {
  if (result.ok) return { ok: true, ...onOk(result.data) };
  return { ok: false, code: result.code, error: result.message, fieldErrors: result.fieldErrors, values };
}

/** A form's text fields as a plain object (files and repeated keys are not used by these forms). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  // A server action called with no (or other) arguments: nothing submitted, so the fields are missing.
  if (!(formData instanceof FormData)) return values;
  for (const [key, value] of formData.entries())
    if (typeof value === 'string' && !key.startsWith('$ACTION')) values[key] = value;
  return values;
}
