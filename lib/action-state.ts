import type { FieldErrors, Result } from './result';

/** What a server action hands back to its form (DESIGN.md §5): never a raw database error. */
export type ActionState<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; error: string; fieldErrors?: FieldErrors }
  | null;

export function toActionState<T, U = undefined>(result: Result<T>, onOk: (data: T) => { message?: string; data?: U } = () => ({})): ActionState<U> {
  if (result.ok) return { ok: true, ...onOk(result.data) };
  return { ok: false, error: result.message, fieldErrors: result.fieldErrors };
}
