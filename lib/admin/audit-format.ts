/**
 * How an audit entry's before → after reads on /admin/audit: one line per field, "old → new",
 * with values as a person would write them. Pure, so the page and its tests agree.
 */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

const FIELD_LABELS: Record<string, string> = {
  role: 'role',
  active: 'active',
  name: 'name',
  email: 'e-mail',
  teams: 'teams',
  status: 'status',
  expiresAt: 'link expires',
  assignee: 'assignee',
  tickets: 'requests',
};

/** A value for reading: text as is, lists joined, yes/no, dates in ISO, objects as JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatAuditValue).join(', ');
  return JSON.stringify(value);
}

/** The fields of an entry in a stable order: every key of before, then the new keys of after. */
export function auditChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((key) => ({
    field: FIELD_LABELS[key] ?? key,
    from: before && key in before ? formatAuditValue(before[key]) : null,
    to: after && key in after ? formatAuditValue(after[key]) : null,
  }));
}
