/**
 * Whether an error (or any error it wraps: drizzle wraps the driver's) is PostgreSQL's unique
 * violation (23505). Raised inside a savepoint, it can become a field message instead of aborting
 * the whole transaction.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === '23505') return true;
  return false;
}

/** Whether an error (or one it wraps) is PostgreSQL's foreign key violation (23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === '23503') return true;
  return false;
}
